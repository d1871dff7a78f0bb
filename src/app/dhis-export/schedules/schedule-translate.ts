import { baseLanguage, translate, Translate } from '../domain/translate';
import { SCHEDULE_TEXTS } from './schedule-texts';
import { SCHEDULE_TEXTS_FR } from './schedule-texts-fr';

const OWN: Readonly<Record<string, Readonly<Record<string, string>>>> = { fr: SCHEDULE_TEXTS_FR };

/**
 * The page's translator, with this section's own texts behind it: the database's text for a key
 * still wins; then the section's text in the language, then its English.
 */
export function scheduleTranslator(t: Translate, locale: string): Translate {
  const own = OWN[baseLanguage(locale)] ?? {};
  const english = baseLanguage(locale) === 'en';
  const st = ((key, values) => {
    const text = t(key, values);
    return text !== key ? text : translate({}, key, values, SCHEDULE_TEXTS, own);
  }) as Translate;
  st.langOf = (key) => (t(key) !== key ? t.langOf(key) : english || key in own ? null : 'en');
  return st;
}
