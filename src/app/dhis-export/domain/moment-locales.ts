import moment from 'moment';
import { baseLanguage } from './translate';

/**
 * moment's locales for the languages the CHT ships, each loaded when first needed so the first
 * load carries none of them. Others format in English.
 */
const LOCALES: Readonly<Partial<Record<string, () => Promise<unknown>>>> = {
  ar: () => import('moment/locale/ar'),
  bm: () => import('moment/locale/bm'),
  es: () => import('moment/locale/es'),
  fr: () => import('moment/locale/fr'),
  hi: () => import('moment/locale/hi'),
  id: () => import('moment/locale/id'),
  ne: () => import('moment/locale/ne'),
  pt: () => import('moment/locale/pt'),
  sw: () => import('moment/locale/sw'),
};

/** Loads the language's month names, then makes them moment's own; answers the locale moment now uses. */
export async function useMomentLocale(code: string): Promise<string> {
  const base = baseLanguage(code);
  const load = LOCALES[base];
  if (load) {
    try {
      await load();
    } catch {
      // a chunk that cannot be fetched leaves the months in English
    }
  }
  return moment.locale(load ? base : 'en');
}
