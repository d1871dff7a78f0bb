/** A CHT translations doc: `messages-<locale>`, keys in `generic` and `custom` (custom wins). */
export interface TranslationsDoc {
  _id: string;
  type?: string;
  code?: string;
  generic?: unknown;
  custom?: unknown;
}

export type Translate = (key: string) => string;

const stringsOf = (values: unknown): Record<string, string> => {
  if (typeof values !== 'object' || values === null) {
    return {};
  }
  return Object.fromEntries(Object.entries(values).filter(([, text]) => typeof text === 'string')) as Record<string, string>;
};

export const translationsOf = (doc: TranslationsDoc | undefined): Record<string, string> =>
  doc ? { ...stringsOf(doc.generic), ...stringsOf(doc.custom) } : {};

/** A missing key shows the key itself, as the CHT does. */
export const translator = (translations: Record<string, string>): Translate =>
  key => (Object.hasOwn(translations, key) ? translations[key] : key);
