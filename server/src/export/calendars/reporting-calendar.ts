import type { ReportingCalendar } from '../../../../src/app/dhis-export/domain/calendars/bikram-sambat-months';

export { reportingCalendarOf, type ReportingCalendar } from '../../../../src/app/dhis-export/domain/calendars/bikram-sambat-months';

/** How messages name the calendar the devices count in. */
export const CALENDAR_NAMES: Readonly<Record<ReportingCalendar, string>> = {
  gregorian: 'Gregorian',
  'bikram-sambat': 'Bikram Sambat (BS)',
};
