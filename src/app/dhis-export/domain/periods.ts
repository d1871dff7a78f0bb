import moment from 'moment';
import type { ReportingCalendar } from './calendars/calendar-setting';
import { Period } from './models';

export const MONTHS_TO_SHOW = 12;
export const QUARTERS_TO_SHOW = 8;
export const YEARS_TO_SHOW = 3;

/** DHIS2's period types a data set may report in (`periodType` in `dhis_data_sets`). */
export const PERIOD_TYPES = ['Monthly', 'Quarterly', 'Yearly'] as const;
export type PeriodType = (typeof PERIOD_TYPES)[number];

export interface PeriodChoices {
  readonly type: PeriodType;
  /** Newest first: the current period, then the ones before it. */
  readonly periods: readonly Period[];
  /** The previous period, the latest complete one. */
  readonly preselected: string;
}

/** The periods to offer for a data set, or the period type it has that the export does not support. */
export type DataSetPeriods = PeriodChoices | { readonly unsupportedPeriodType: string };

interface Month {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
}

const daysIn = ({ year, month }: Month) => new Date(year, month, 0).getDate();
const shift = ({ year, month }: Month, by: number): Month => {
  const index = year * 12 + (month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
};

/** The last day of the month's reporting month: the day before the start day, or the month's last day if it has fewer. */
const lastDayIn = (month: Month, startDay: number) => (startDay === 1 ? daysIn(month) : Math.min(startDay - 1, daysIn(month)));

/**
 * The reporting month a day falls in, as the CHT tags its target docs: reporting months run from
 * the settings' `month_start_date` to the day before it in the next month, and carry the month
 * their last day is in (cht-core's calendar-interval). With a start day of 1, the calendar month.
 */
export function reportingMonthOf(day: Date, startDay: number): Month {
  const month = { year: day.getFullYear(), month: day.getMonth() + 1 };
  return day.getDate() <= lastDayIn(month, startDay) ? month : shift(month, 1);
}

/** The first and last day of the reporting month tagged with the month. */
export function reportingMonthDays(month: Month, startDay: number): { first: Date; last: Date } {
  const last = new Date(month.year, month.month - 1, lastDayIn(month, startDay));
  const before = shift(month, -1);
  const lastBefore = new Date(before.year, before.month - 1, lastDayIn(before, startDay));
  return { first: new Date(lastBefore.getFullYear(), lastBefore.getMonth(), lastBefore.getDate() + 1), last };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "26 September – 25 October 2026", or "28 December 2026 – 27 January 2027" across a change of year. */
export function dateRangeLabel(first: Date, last: Date): string {
  const from = moment(first);
  const to = moment(last);
  return `${from.format(from.year() === to.year() ? 'D MMMM' : 'D MMMM YYYY')} – ${to.format('D MMMM YYYY')}`;
}

const MONTHS_PER: Readonly<Record<PeriodType, number>> = { Monthly: 1, Quarterly: 3, Yearly: 12 };

function periodsOf(
  type: PeriodType,
  now: Date,
  startDay: number,
  count: number,
  label: (first: Month, last: Month) => string,
  id: (first: Month) => string,
): PeriodChoices {
  const monthsPer = MONTHS_PER[type];
  const current = reportingMonthOf(now, startDay);
  const firstOfCurrent = shift(current, -((current.month - 1) % monthsPer));
  const periods = Array.from({ length: count }, (_, i) => {
    const first = shift(firstOfCurrent, -i * monthsPer);
    const last = shift(first, monthsPer - 1);
    const text = startDay === 1
      ? label(first, last)
      : dateRangeLabel(reportingMonthDays(first, startDay).first, reportingMonthDays(last, startDay).last);
    return { value: id(first), label: text };
  });
  return { type, periods, preselected: periods[Math.min(1, periods.length - 1)].value };
}

const monthMoment = ({ year, month }: Month) => moment({ year, month: month - 1, day: 1 });

/**
 * The reporting months a user can export, by the calendar of the browser's time zone (the user's
 * own): calendar months labelled "MMMM, YYYY" when months start on the 1st, else their dates. Each is
 * valued by its DHIS2 period `YYYYMM`, the month its last day falls in. The current month is listed
 * but not preselected: its targets are still being counted.
 */
export function monthlyPeriods(now: Date, count = MONTHS_TO_SHOW, startDay = 1): PeriodChoices {
  return periodsOf('Monthly', now, startDay, count, (first) => monthMoment(first).format(moment.locale() === 'en' ? 'MMMM, YYYY' : 'MMMM YYYY'), ({ year, month }) => `${year}${pad(month)}`);
}

/** The last quarters, the current one first: "July – September 2026", valued `2026Q3`. */
export function quarterlyPeriods(now: Date, count = QUARTERS_TO_SHOW, startDay = 1): PeriodChoices {
  return periodsOf(
    'Quarterly',
    now,
    startDay,
    count,
    (first, last) => `${monthMoment(first).format('MMMM')} – ${monthMoment(last).format('MMMM YYYY')}`,
    ({ year, month }) => `${year}Q${Math.ceil(month / 3)}`,
  );
}

/** The last years, the current one first, valued `2026`. */
export function yearlyPeriods(now: Date, count = YEARS_TO_SHOW, startDay = 1): PeriodChoices {
  return periodsOf('Yearly', now, startDay, count, (first) => String(first.year), ({ year }) => String(year));
}

/**
 * The periods to offer in the calendar the devices count in: Bikram Sambat ones when the settings
 * say so (bikram-sambat-periods.ts, loaded only then), else Gregorian ones. Label them after moment
 * has the user's language.
 */
export async function periodChoicesIn(calendar: ReportingCalendar, now: Date, startDay = 1): Promise<Readonly<Record<PeriodType, PeriodChoices>>> {
  const bikramSambat = calendar === 'bikram-sambat' ? (await import('./bikram-sambat-periods')).bsPeriodChoices(now, startDay) : undefined;
  return bikramSambat ?? periodChoices(now, startDay);
}

/** The Gregorian periods to offer for each period type. */
export function periodChoices(now: Date, startDay = 1): Readonly<Record<PeriodType, PeriodChoices>> {
  return {
    Monthly: monthlyPeriods(now, MONTHS_TO_SHOW, startDay),
    Quarterly: quarterlyPeriods(now, QUARTERS_TO_SHOW, startDay),
    Yearly: yearlyPeriods(now, YEARS_TO_SHOW, startDay),
  };
}
