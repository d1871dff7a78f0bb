import { Translate } from '../domain/translate';
import { PreviewCheck } from './preview-models';

/** The preview's findings counted by severity, in the page's words ("1 error, 2 warnings, 1 notice"). */
export function findingsText(checks: readonly PreviewCheck[], t: Translate, locale: string, format: (value: number) => string): string {
  const parts = (['error', 'warning', 'notice'] as const).flatMap((severity) => {
    const count = checks.filter((check) => check.severity === severity).length;
    const form = pluralForm(locale, count);
    return count ? [t(`export.dhis.preview.findings.${severity}.${form}`, { count: format(count) })] : [];
  });
  return parts.length ? parts.join(', ') : t('export.dhis.preview.findings.none');
}

/** 'one' where the language says "1 thing" for this count (in French 0 and 1 too), else 'other'. */
export function pluralForm(locale: string, count: number): 'one' | 'other' {
  let plural: Intl.PluralRules;
  try {
    plural = new Intl.PluralRules(locale);
  } catch {
    plural = new Intl.PluralRules('en');
  }
  return plural.select(count) === 'one' ? 'one' : 'other';
}
