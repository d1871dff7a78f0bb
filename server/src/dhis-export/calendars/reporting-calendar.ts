import { usesBikramSambatMonths } from '../../../../src/app/dhis-export/domain/calendars/bikram-sambat-months';

/**
 * The calendar the CHT's devices count targets in: Gregorian, or Bikram Sambat (BS) when the app
 * settings say `uhc.visit_count.use_bikram_sambat_months` (cht-core e5cabd1). Target docs are
 * tagged `target~YYYY-MM~…` with the year and month of that calendar.
 */
export type ReportingCalendar = 'gregorian' | 'bikram-sambat';

export const reportingCalendarOf = (settings: { uhc?: unknown }): ReportingCalendar =>
  usesBikramSambatMonths(settings) ? 'bikram-sambat' : 'gregorian';

/** How messages name the calendar. */
export const CALENDAR_NAMES: Readonly<Record<ReportingCalendar, string>> = {
  gregorian: 'Gregorian',
  'bikram-sambat': 'Bikram Sambat (BS)',
};
