import { DEFAULT_LANGUAGE, baseLanguage, languageTag } from './language';

export type Messages = Readonly<Record<string, string>>;

/**
 * Finds a text: the database's translation, else the text this app ships for the language, else
 * English, else the key. `langOf` tells which language the text found is in, so a page in one
 * language can mark a text left in English (`lang="en"`) for screen readers.
 */
export interface Texts {
  (key: string, values?: Readonly<Record<string, string | number>>): string;
  langOf(key: string): string | null;
  /** The language the texts are asked in (a BCP 47 tag). */
  readonly lang: string;
}

export function textsFor(language: string, database: Messages, shipped: Readonly<Record<string, Messages>>, english: Messages): Texts {
  const own = shipped[language] ?? shipped[baseLanguage(language)] ?? {};
  const inEnglish = baseLanguage(language) === DEFAULT_LANGUAGE;
  /** The text, and whether it is the English one. */
  const find = (key: string): [string, boolean] => {
    if (typeof database[key] === 'string' && database[key].trim() !== '') return [database[key], false];
    if (own[key]) return [own[key], false];
    return [english[key] ?? key, true];
  };
  const texts = ((key: string, values?: Readonly<Record<string, string | number>>) => {
    const [text] = find(key);
    return values ? text.replace(/\{\{\s*(\w+)\s*\}\}/g, (match, name: string) => (name in values ? String(values[name]) : match)) : text;
  }) as Texts;
  texts.langOf = (key) => (inEnglish || !find(key)[1] ? null : 'en');
  Object.defineProperty(texts, 'lang', { value: languageTag(language) });
  return texts;
}
