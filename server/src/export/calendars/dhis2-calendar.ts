import { gregorianDayOf } from '../../../../src/app/dhis-export/domain/calendars/bikram-sambat-months';
import { calendarOfPeriod, isoPeriod, monthsOf, type DhisPeriod } from '../reporting-period';
import { CALENDAR_NAMES } from './reporting-calendar';
import { DHIS2_VERSION_PATTERN, dhis2BsMonthDays, dhis2NepaliTableFor } from './dhis2-nepali-table';

/**
 * The calendar the DHIS2 names its periods in (its system setting, `calendar` in
 * `GET /api/system/info`): `iso8601`, or `nepali`, whose `208101` is Baisakh 2081. `version`
 * picks DHIS2's table of BS month lengths (it changed in patch releases).
 */
export interface Dhis2Calendar {
  readonly name: Dhis2CalendarName;
  readonly version: string;
}

export const DHIS2_CALENDARS = ['iso8601', 'nepali'] as const;
export type Dhis2CalendarName = (typeof DHIS2_CALENDARS)[number];

/** The newest DHIS2 release whose Nepali table this product knows; the default of DHIS2_VERSION. */
export const NEWEST_DHIS2_VERSION = '2.43';

export const ISO8601_DHIS2: Dhis2Calendar = { name: 'iso8601', version: NEWEST_DHIS2_VERSION };

type Env = Record<string, string | undefined>;

/** `DHIS2_CALENDAR` (default `iso8601`) and `DHIS2_VERSION` (default the newest known), checked at start. */
export const dhis2CalendarOf = (env: Env, problems: string[]): Dhis2Calendar => {
  const name = env['DHIS2_CALENDAR'] || 'iso8601';
  const version = env['DHIS2_VERSION'] || NEWEST_DHIS2_VERSION;
  if (!(DHIS2_CALENDARS as readonly string[]).includes(name)) {
    problems.push(`DHIS2_CALENDAR must be ${DHIS2_CALENDARS.join(' or ')} (DHIS2's system setting "Calendar"; other calendars are not supported), got "${name.slice(0, 40)}"`);
  }
  if (!DHIS2_VERSION_PATTERN.test(version)) {
    problems.push(`DHIS2_VERSION must be a DHIS2 release such as 2.41.4 (its "Version" in About DHIS2), got "${version.slice(0, 40)}"`);
  }
  return { name: name as Dhis2CalendarName, version };
};

const NEEDED: Readonly<Record<'gregorian' | 'bikram-sambat', Dhis2CalendarName>> = { gregorian: 'iso8601', 'bikram-sambat': 'nepali' };

/**
 * Why the period cannot be named in the DHIS2's calendar, or undefined when it can. A BS month
 * straddles two Gregorian months (and a Gregorian month two BS months): no conversion is right.
 */
export const calendarMismatch = (period: DhisPeriod, dhis2: Dhis2Calendar): string | undefined => {
  const calendar = calendarOfPeriod(period);
  if (NEEDED[calendar] === dhis2.name) return undefined;
  return calendar === 'bikram-sambat'
    ? 'This deployment counts targets in Bikram Sambat (BS) months (app settings: uhc.visit_count.use_bikram_sambat_months), ' +
      'and this server sends to a DHIS2 with the iso8601 calendar (DHIS2_CALENDAR): a BS month is not a Gregorian month, ' +
      'so its figures cannot be a Gregorian DHIS2 period, and no conversion would be right. If your DHIS2 runs the Nepali calendar ' +
      '(System settings → Calendar), set DHIS2_CALENDAR=nepali and restart this server; otherwise the figures need a DHIS2 that does.'
    : `This deployment counts targets in ${CALENDAR_NAMES[calendar]} months, and this server sends to a DHIS2 with the nepali calendar ` +
      '(DHIS2_CALENDAR), whose period ids are BS months: a Gregorian month is not a BS month. If your DHIS2 runs the ISO 8601 calendar, ' +
      'set DHIS2_CALENDAR=iso8601 (the default); if the health workers count in BS months, set uhc.visit_count.use_bikram_sambat_months in the app settings.';
};


/**
 * The period as ADX states it (ISO 8601 first day and duration). A Nepali DHIS2 reads it back by
 * the BS period of that type holding the Gregorian day (`AdxPeriod.parse`, then
 * `PeriodType.createPeriod(date)` in its calendar), and picks the type by the duration and, for
 * `P1Y`, by the Gregorian month of the day: only January gives a (BS) year; April would be
 * "financial April". So months and quarters start on their first day by DHIS2's own table, and a BS
 * year is named by the 1st of January inside it (1 January 2025 lies in 2081 BS).
 */
export const adxPeriodOf = (period: DhisPeriod, dhis2: Dhis2Calendar): string => {
  if (calendarOfPeriod(period) !== 'bikram-sambat') return isoPeriod(period);
  if (period.type === 'Yearly') return `${period.year - 56}-01-01/P1Y`;
  const [first] = monthsOf(period);
  const start = dhis2BsMonthDays(dhis2NepaliTableFor(dhis2.version), first.year, first.month)?.first
    ?? gregorianDayOf({ ...first, day: 1 });
  return `${start}/${period.type === 'Monthly' ? 'P1M' : 'P3M'}`;
};

