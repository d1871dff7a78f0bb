/** Where a language chosen in the header is kept: for the browser session, as the issue of a shared computer asks. */
export const CHOSEN_LANGUAGE_KEY = 'cht-admin-language';

export const DEFAULT_LANGUAGE = 'en';

const RTL_LANGUAGES = new Set(['ar', 'dv', 'fa', 'he', 'ps', 'ur', 'yi']);

/** The primary subtag: `fr` of `fr_CA` or `fr-CA`. */
export const baseLanguage = (code: string): string => code.split(/[-_]/)[0].toLowerCase();

/** A BCP 47 tag for `lang` attributes and Intl: the CHT writes `fr_CA`, HTML wants `fr-CA`. */
export const languageTag = (code: string): string => code.replace(/_/g, '-');

export const isRightToLeft = (code: string): boolean => RTL_LANGUAGES.has(baseLanguage(code));

/** The user's language as the CHT decides it: their own choice, else their user-settings', else the deployment's, else English. */
export function resolveLanguage(chosen: string | null, userLanguage: string | null, defaultLocale: string | null): string {
  return chosen || userLanguage || defaultLocale || DEFAULT_LANGUAGE;
}

/**
 * The browser's first preferred language that the deployment translates (`fr-CA` finds `fr`),
 * for a deployment that sets no language of its own; null when none is.
 */
export function browserLanguage(preferred: readonly string[], translated: readonly string[]): string | null {
  for (const wanted of preferred) {
    const exact = translated.find((code) => languageTag(code).toLowerCase() === wanted.toLowerCase());
    const base = exact ?? translated.find((code) => code.toLowerCase() === baseLanguage(wanted));
    if (base) return base;
  }
  return null;
}

/** A language's name in that language ("français"), for the picker; the code when Intl does not know it. */
export function languageName(code: string): string {
  try {
    const name = new Intl.DisplayNames([languageTag(code)], { type: 'language' }).of(languageTag(code));
    return name && name !== languageTag(code) ? name.charAt(0).toLocaleUpperCase(languageTag(code)) + name.slice(1) : code;
  } catch {
    return code;
  }
}
