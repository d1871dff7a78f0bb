import moment from 'moment';
import { Period } from './models';

export const MONTHS_TO_SHOW = 12;

export interface MonthlyPeriods {
  /** Newest first: the current month, then the months before it. */
  readonly periods: readonly Period[];
  /** The previous month, the latest complete one. */
  readonly preselected: string;
}

/**
 * The months a user can export, by the calendar of the browser's time zone (the user's own),
 * labelled "MMMM, YYYY", valued by DHIS2 period. The current month is listed but not
 * preselected: its targets are still being counted.
 */
export function monthlyPeriods(now: Date, count = MONTHS_TO_SHOW): MonthlyPeriods {
  const firstOfThisMonth = moment(now).startOf('month');
  const periods = Array.from({ length: count }, (_, i) => {
    const month = firstOfThisMonth.clone().subtract(i, 'months');
    // "October, 2026" as the CHT writes it in English; "octobre 2026" in other languages
    return { value: month.format('YYYYMM'), label: month.format(moment.locale() === 'en' ? 'MMMM, YYYY' : 'MMMM YYYY') };
  });
  return { periods, preselected: periods[Math.min(1, periods.length - 1)].value };
}
