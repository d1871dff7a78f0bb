import { Injectable, signal } from '@angular/core';
import { Messages } from '../domain/models';
import { baseLanguage, translate, Translate } from '../domain/translate';
import { ChangeCounts } from './dhis2-compare-api';
import { countsSentence } from './compare-selection';

/** The compare's own texts, loaded when first shown: they are not part of the page's first load. */
const CATALOGUES: Readonly<Record<string, () => Promise<Messages>>> = {
  en: () => import('./compare-messages').then((module) => module.COMPARE_MESSAGES_EN),
  fr: () => import('./compare-messages-fr').then((module) => module.COMPARE_MESSAGES_FR),
};

@Injectable({ providedIn: 'root' })
export class CompareTexts {
  private readonly loaded = signal<Readonly<Record<string, Messages>>>({});
  private readonly loading = new Set<string>();

  /** Loads English and the locale's language once; `translator` is null until both are here. */
  translator(t: Translate, locale: string): Translate | null {
    const language = baseLanguage(locale);
    const wanted = ['en', ...(CATALOGUES[language] && language !== 'en' ? [language] : [])];
    for (const code of wanted) {
      if (this.loading.has(code)) continue;
      this.loading.add(code);
      CATALOGUES[code]!().then(
        (messages) => this.loaded.update((all) => ({ ...all, [code]: messages })),
        () => this.loading.delete(code),
      );
    }
    const loaded = this.loaded();
    return wanted.every((code) => loaded[code]) ? withCompareTexts(t, locale, loaded[language] ?? {}, loaded['en']!) : null;
  }
}

/**
 * The page's translator, taught the compare's own texts: the database's and the page's texts still
 * win (a key the page knows is never the key itself), then the compare's in the language, then English.
 */
export function withCompareTexts(t: Translate, locale: string, shipped: Messages, english: Messages): Translate {
  const isEnglish = baseLanguage(locale) === 'en';
  const known = (key: string) => t(key) !== key;
  const wrapped = ((key, values) => (known(key) ? t(key, values) : translate(isEnglish ? {} : shipped, key, values, english))) as Translate;
  wrapped.langOf = (key) => (known(key) ? t.langOf(key) : isEnglish || shipped[key] ? null : 'en');
  return wrapped;
}

/** "12 new, 3 changed, 2 would become 0, 40 unchanged", numbers as the language writes them. */
export function countsText(t: Translate, counts: ChangeCounts, format: (value: number) => string): string {
  return countsSentence(counts, (kind, count) => t(`export.dhis.compare.count.${kind}`, { count: format(count) }));
}
