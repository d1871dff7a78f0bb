import {
  BS_MAX_START_DAY, bsReportingMonthDays, bsReportingMonthOfGregorianDay, usesBikramSambatMonths,
} from '../../../src/app/dhis-export/domain/calendars/bikram-sambat-months';
import { FIRST_YEAR, LAST_YEAR, calendarMonth, localDateOf, type CalendarMonth } from '../cht/calendar-month';
import type { PeriodType } from '../settings/period-type';
import type { ReportingCalendar } from './calendars/reporting-calendar';

/**
 * DHIS2 periods this export produces, and how they map onto the CHT's target docs.
 *
 * The CHT counts targets per *reporting month*: from the `month_start_date` day of the app settings
 * (`uhc.month_start_date`, or `uhc.visit_count.month_start_date`; 1 when absent or not 1–31) to the
 * day before it in the next month. A device tags the target doc of a reporting month with the
 * `YYYY-MM` of the month its **last** day falls in (cht-core `shared-libs/calendar-interval` and the
 * rules engine's target doc tag). With a start day of 26, the reporting month 26 September –
 * 25 October 2026 is `target~2026-10~…`; this export names it by that month: DHIS2 period `202610`.
 * A start day past the end of a month ends that month's reporting month on its last day (start day
 * 31: 31 March – 30 April, then 1 – 30 May … as the CHT has it).
 *
 * A quarter or a year is the reporting months tagged with its calendar months: `2026Q3` sums the
 * docs tagged `2026-07`, `2026-08` and `2026-09`.
 *
 * In a Bikram Sambat (BS) deployment the same holds with BS months: devices tag `target~2083-07~…`
 * (Kartik 2083), and the period `208307` names it, as DHIS2's Nepali calendar does; a quarter is
 * three BS months from Baisakh (`2083Q1`: Baisakh – Ashadh), a year the twelve from Baisakh.
 */
/** A period of the deployment's calendar: `calendar` is absent for Gregorian, `'bikram-sambat'` for BS. */
export type DhisPeriod = (
  | { readonly type: 'Monthly'; readonly year: number; readonly month: number }
  | { readonly type: 'Quarterly'; readonly year: number; readonly quarter: number }
  | { readonly type: 'Yearly'; readonly year: number }
) & { readonly calendar?: ReportingCalendar };

export const calendarOfPeriod = (period: DhisPeriod): ReportingCalendar => period.calendar ?? 'gregorian';

const pad = (n: number) => String(n).padStart(2, '0');

/** `202610`, `2026Q3` or `2026`: the DHIS2 period id. */
export const dhisPeriodId = (period: DhisPeriod): string => {
  switch (period.type) {
    case 'Monthly': return `${period.year}${pad(period.month)}`;
    case 'Quarterly': return `${period.year}Q${period.quarter}`;
    case 'Yearly': return `${period.year}`;
  }
};

/** What a DHIS2 period id names, or `'out of range'` for a well-formed id outside 1900–2999 or month 01–12; undefined when not an id at all. */
export const parseDhisPeriod = (text: string): DhisPeriod | 'out of range' | undefined => {
  const monthly = /^(\d{4})(\d{2})$/.exec(text);
  const quarterly = /^(\d{4})Q(\d)$/.exec(text);
  const yearly = /^(\d{4})$/.exec(text);
  const year = Number((monthly ?? quarterly ?? yearly)?.[1]);
  if (!monthly && !quarterly && !yearly) {
    return undefined;
  }
  if (year < FIRST_YEAR || year > LAST_YEAR) {
    return 'out of range';
  }
  if (monthly) {
    const month = Number(monthly[2]);
    return month >= 1 && month <= 12 ? { type: 'Monthly', year, month } : 'out of range';
  }
  if (quarterly) {
    const quarter = Number(quarterly[2]);
    return quarter >= 1 && quarter <= 4 ? { type: 'Quarterly', year, quarter } : 'out of range';
  }
  return { type: 'Yearly', year };
};

/** The calendar months whose target docs (`target~YYYY-MM~…`) make up the period, in order. */
export const monthsOf = (period: DhisPeriod): CalendarMonth[] => {
  const first = period.type === 'Monthly' ? period.month : period.type === 'Quarterly' ? period.quarter * 3 - 2 : 1;
  const count = period.type === 'Monthly' ? 1 : period.type === 'Quarterly' ? 3 : 12;
  return Array.from({ length: count }, (_, i) => ({ year: period.year, month: first + i }));
};

/** The period of a type that holds the month. */
export const periodOfMonth = (type: PeriodType, { year, month }: CalendarMonth): DhisPeriod =>
  type === 'Monthly' ? { type, year, month }
    : type === 'Quarterly' ? { type, year, quarter: Math.ceil(month / 3) }
      : { type, year };

/** The period as ADX (ISO 8601) has it: first day and duration, `2026-10-01/P1M`, `2026-07-01/P3M`, `2026-01-01/P1Y`. */
export const isoPeriod = (period: DhisPeriod): string => {
  const [first] = monthsOf(period);
  const duration = period.type === 'Monthly' ? 'P1M' : period.type === 'Quarterly' ? 'P3M' : 'P1Y';
  return `${first.year}-${pad(first.month)}-01/${duration}`;
};

/** The day of the month reporting months start on, read as the CHT reads it: 1–31 (1–32 for BS months), else 1. */
export const monthStartDateOf = (settings: { uhc?: unknown }): number => {
  const uhc = typeof settings.uhc === 'object' && settings.uhc !== null ? settings.uhc as Record<string, unknown> : {};
  const visitCount = typeof uhc['visit_count'] === 'object' && uhc['visit_count'] !== null
    ? uhc['visit_count'] as Record<string, unknown> : {};
  // The CHT takes the first that is set (`||`), then parses it as an integer.
  const configured = uhc['month_start_date'] || visitCount['month_start_date'];
  const day = typeof configured === 'number' ? Math.trunc(configured) : parseInt(String(configured), 10);
  const lastDay = usesBikramSambatMonths(settings) ? BS_MAX_START_DAY : 31;
  return Number.isInteger(day) && day >= 1 && day <= lastDay ? day : 1;
};

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The last day of month's reporting month: the day before the start day, or the month's last day if it has fewer. */
const lastDayIn = ({ year, month }: CalendarMonth, startDay: number) =>
  startDay === 1 ? daysIn(year, month) : Math.min(startDay - 1, daysIn(year, month));

const previous = ({ year, month }: CalendarMonth): CalendarMonth =>
  month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };

const next = ({ year, month }: CalendarMonth): CalendarMonth =>
  month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };

const isoDate = ({ year, month }: CalendarMonth, day: number) => `${year}-${pad(month)}-${pad(day)}`;

export interface DateRange {
  /** `YYYY-MM-DD`, inclusive. */
  readonly first: string;
  /** `YYYY-MM-DD`, inclusive. */
  readonly last: string;
}

/** The days of the reporting month tagged with the month: `2026-09-26` – `2026-10-25` for October 2026 with start day 26. */
export const reportingMonthDates = (month: CalendarMonth, startDay: number): DateRange => {
  if (startDay === 1) {
    return { first: isoDate(month, 1), last: isoDate(month, daysIn(month.year, month.month)) };
  }
  const before = previous(month);
  const lastBefore = lastDayIn(before, startDay);
  const first = lastBefore === daysIn(before.year, before.month) ? isoDate(month, 1) : isoDate(before, lastBefore + 1);
  return { first, last: isoDate(month, lastDayIn(month, startDay)) };
};

/** The Gregorian days the period's target docs count: from the first day of its first reporting month to the last of its last. */
export const periodDates = (period: DhisPeriod, startDay: number): DateRange => {
  const months = monthsOf(period);
  const datesOf = calendarOfPeriod(period) === 'bikram-sambat' ? bsReportingMonthDays : reportingMonthDates;
  return { first: datesOf(months[0], startDay).first, last: datesOf(months[months.length - 1], startDay).last };
};

/** The tag (`YYYY-MM`) of the reporting month a calendar day falls in. */
export const reportingMonthOfDay = (year: number, month: number, day: number, startDay: number): CalendarMonth => {
  const calendar = { year, month };
  return day <= lastDayIn(calendar, startDay) ? calendar : next(calendar);
};

/**
 * The reporting month an instant falls in on this process's clock (`TZ`), as a device in that zone
 * tags it: a BS month in a BS deployment (undefined outside the BS years bikram-sambat knows).
 */
export const reportingMonthOf = (instant: number, startDay: number, calendar: ReportingCalendar = 'gregorian'): CalendarMonth | undefined => {
  const date = new Date(instant);
  if (calendar === 'bikram-sambat') {
    return bsReportingMonthOfGregorianDay(localDateOf(date), startDay);
  }
  const { year, month } = reportingMonthOfDay(date.getFullYear(), date.getMonth() + 1, date.getDate(), startDay);
  return calendarMonth(year, month);
};
