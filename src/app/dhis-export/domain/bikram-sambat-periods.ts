import moment from 'moment';
import {
  bsMonthName, bsReportingMonthDays, bsReportingMonthOfGregorianDay, shiftBsMonth, type BsMonth,
} from './calendars/bikram-sambat-months';
import { MONTHS_TO_SHOW, QUARTERS_TO_SHOW, YEARS_TO_SHOW, dateRangeLabel, type PeriodChoices, type PeriodType } from './periods';

const pad = (n: number) => String(n).padStart(2, '0');
const MONTHS_PER: Readonly<Record<PeriodType, number>> = { Monthly: 1, Quarterly: 3, Yearly: 12 };

/** `YYYY-MM-DD` of the day in the browser's time zone (the user's own, as a device's). */
const localDay = (now: Date) => `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;

/** Digits as the language writes them (Devanagari in Nepali), as moment writes the Gregorian dates beside them. */
const localDigits = (text: string) => moment.localeData().postformat(text);

const dayMoment = (day: string) => moment(day, 'YYYY-MM-DD');

/**
 * BS periods of each type, newest first: months ("Kartik 2083", "कार्तिक २०८३" in Nepali), quarters from
 * Baisakh ("Kartik – Poush 2083") and years, each with its first and last Gregorian days, valued by
 * the BS period id a Nepali DHIS2 knows (`208307`, `2083Q3`, `2083`). Undefined when today lies
 * outside the years bikram-sambat knows (the CHT then counts in Gregorian months).
 */
export function bsPeriodChoices(now: Date, startDay: number): Readonly<Record<PeriodType, PeriodChoices>> | undefined {
  const monthly = bsPeriodsOf('Monthly', now, MONTHS_TO_SHOW, startDay);
  return monthly && {
    Monthly: monthly,
    Quarterly: bsPeriodsOf('Quarterly', now, QUARTERS_TO_SHOW, startDay)!,
    Yearly: bsPeriodsOf('Yearly', now, YEARS_TO_SHOW, startDay)!,
  };
}

function bsPeriodsOf(type: PeriodType, now: Date, count: number, startDay: number): PeriodChoices | undefined {
  const current = bsReportingMonthOfGregorianDay(localDay(now), startDay);
  if (!current) return undefined;
  const language = moment.locale();
  const monthsPer = MONTHS_PER[type];
  const firstOfCurrent = shiftBsMonth(current, -((current.month - 1) % monthsPer));
  const periods = Array.from({ length: count }, (_, i) => {
    const first = shiftBsMonth(firstOfCurrent, -i * monthsPer);
    const last = shiftBsMonth(first, monthsPer - 1);
    const days = dateRangeLabel(dayMoment(bsReportingMonthDays(first, startDay).first).toDate(), dayMoment(bsReportingMonthDays(last, startDay).last).toDate());
    return { value: periodId(type, first), label: `${bsName(type, first, last, language)} (${days})` };
  });
  return { type, periods, preselected: periods[Math.min(1, periods.length - 1)].value };
}

function periodId(type: PeriodType, { year, month }: BsMonth): string {
  return type === 'Monthly' ? `${year}${pad(month)}` : type === 'Quarterly' ? `${year}Q${Math.ceil(month / 3)}` : String(year);
}

function bsName(type: PeriodType, first: BsMonth, last: BsMonth, language: string): string {
  const year = localDigits(String(first.year));
  if (type === 'Yearly') return year;
  const month = bsMonthName(first.month, language);
  return type === 'Monthly' ? `${month} ${year}` : `${month} – ${bsMonthName(last.month, language)} ${year}`;
}
