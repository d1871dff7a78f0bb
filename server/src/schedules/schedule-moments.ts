import { Cron } from 'croner';
import { bsReportingMonthOfGregorianDay } from '../../../src/app/dhis-export/domain/calendars/bikram-sambat-months';
import type { ReportingCalendar } from '../export/calendars/reporting-calendar';
import { monthsOf, periodOfMonth, reportingMonthOfDay, type DhisPeriod } from '../export/reporting-period';
import type { PeriodType } from '../settings/period-type';
import type { ScheduleSettings } from './schedule';

/** The most moments a start catches up for one schedule: two years of monthly runs. */
export const MAX_CATCH_UP = 24;

const cronOf = ({ dayOfMonth, time, timeZone }: Pick<ScheduleSettings, 'dayOfMonth' | 'time' | 'timeZone'>) => {
  const [hours, minutes] = time.split(':').map(Number);
  return new Cron(`${minutes} ${hours} ${dayOfMonth} * *`, { timezone: timeZone, paused: true });
};

/** The schedule's next moment strictly after the instant. */
export const nextMoment = (schedule: Pick<ScheduleSettings, 'dayOfMonth' | 'time' | 'timeZone'>, after: Date): Date | undefined =>
  cronOf(schedule).nextRun(after) ?? undefined;

/** The moments after `since` and at or before `until`, oldest first; at most the newest `max`. */
export const dueMoments = (
  schedule: Pick<ScheduleSettings, 'dayOfMonth' | 'time' | 'timeZone'>, since: Date, until: Date, max = MAX_CATCH_UP,
): Date[] => {
  const cron = cronOf(schedule);
  const moments: Date[] = [];
  for (let next = cron.nextRun(since); next && next.getTime() <= until.getTime(); next = cron.nextRun(next)) {
    moments.push(next);
    if (moments.length > max) {
      moments.shift();
    }
  }
  return moments;
};

/** The calendar day of an instant in an IANA time zone. */
const dayIn = (instant: Date, timeZone: string) => {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(instant);
  const part = (type: string) => Number(parts.find(found => found.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
};

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * The last period of the type that has ended at the moment, in the schedule's time zone: the one
 * before the period holding the reporting month the moment's day falls in (the CHT's reporting
 * months, from the settings' `month_start_date`, in the calendar the devices count in: Bikram Sambat
 * months and their quarters and years in a BS deployment). Undefined outside the BS years known.
 */
export const lastEndedPeriod = (
  moment: Date, timeZone: string, periodType: PeriodType, monthStartDay: number, calendar: ReportingCalendar = 'gregorian',
): DhisPeriod | undefined => {
  const { year, month, day } = dayIn(moment, timeZone);
  const reportingMonth = calendar === 'bikram-sambat'
    ? bsReportingMonthOfGregorianDay(`${year}-${pad(month)}-${pad(day)}`, monthStartDay)
    : reportingMonthOfDay(year, month, day, monthStartDay);
  return reportingMonth && periodBefore(periodOfMonth(periodType, reportingMonth));
};

/** Whole months from one period's first month to another's: how far back a correction may reach. */
export const monthsBetween = (earlier: DhisPeriod, later: DhisPeriod): number => {
  const [a] = monthsOf(earlier);
  const [b] = monthsOf(later);
  return (b.year - a.year) * 12 + (b.month - a.month);
};

/** The period just before: the one holding the month before its first month. */
export const periodBefore = (period: DhisPeriod): DhisPeriod => {
  const [first] = monthsOf(period);
  return periodOfMonth(period.type, first.month === 1 ? { year: first.year - 1, month: 12 } : { year: first.year, month: first.month - 1 });
};
