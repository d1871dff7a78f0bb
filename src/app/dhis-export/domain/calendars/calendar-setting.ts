/**
 * Which calendar the CHT's devices count targets in, read from the app settings as the CHT reads
 * it (cht-core e5cabd1): apart from the BS conversions, so that a page of a Gregorian deployment
 * never loads them.
 */

/** Target docs are tagged `target~YYYY-MM~…` with this calendar's year and month. */
export type ReportingCalendar = 'gregorian' | 'bikram-sambat';

/** `uhc.visit_count.use_bikram_sambat_months`, read as the CHT reads it (`!!`). */
export const usesBikramSambatMonths = (settings: { readonly uhc?: unknown }): boolean => {
  const uhc = settings.uhc as { visit_count?: { use_bikram_sambat_months?: unknown } } | null | undefined;
  return !!(typeof uhc === 'object' && uhc !== null && typeof uhc.visit_count === 'object' && uhc.visit_count !== null
    && uhc.visit_count.use_bikram_sambat_months);
};

export const reportingCalendarOf = (settings: { readonly uhc?: unknown }): ReportingCalendar =>
  usesBikramSambatMonths(settings) ? 'bikram-sambat' : 'gregorian';

/** The last start day the CHT accepts for BS months (a BS month may have 32 days); beyond it, 1. */
export const BS_MAX_START_DAY = 32;
