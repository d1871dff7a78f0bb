/// <reference path="./bikram-sambat-package.d.ts" />
import { daysInMonth, toBik, toGreg } from 'bikram-sambat';

export { BS_MAX_START_DAY, reportingCalendarOf, usesBikramSambatMonths, type ReportingCalendar } from './calendar-setting';

/**
 * Bikram Sambat (BS) reporting months, as the CHT's devices count them when the app settings say
 * `uhc.visit_count.use_bikram_sambat_months` (cht-core e5cabd1, `shared-libs/calendar-interval` and
 * the rules engine's target doc tag), with the same `bikram-sambat` package (1.8.1). The page and
 * the server both use these rules, so a month offered is the month exported.
 *
 * Days are Gregorian `YYYY-MM-DD` strings: a day, not an instant, so no time zone moves it.
 */

/** A BS month: `year` 1970–2090 (the years bikram-sambat knows), `month` 1 (Baisakh) – 12 (Chaitra). */
export interface BsMonth {
  readonly year: number;
  readonly month: number;
}

export interface BsDay extends BsMonth {
  readonly day: number;
}

/** The years bikram-sambat 1.8.1 has month lengths for. */
export const BS_FIRST_YEAR = 1970;
export const BS_LAST_YEAR = 2090;

/** As the CHT's webapp names them (`getBSMonthName`): Devanagari in Nepali, the same as bikram-sambat's. */
export const BS_MONTH_NAMES_NEPALI = ['बैशाख', 'जेठ', 'असार', 'साउन', 'भदौ', 'असोज', 'कार्तिक', 'मंसिर', 'पौष', 'माघ', 'फाल्गुन', 'चैत'] as const;
/** …and transliterated in every other language. */
export const BS_MONTH_NAMES_LATIN = [
  'Baisakh', 'Jestha', 'Ashadh', 'Shrawan', 'Bhadra', 'Ashwin', 'Kartik', 'Mangsir', 'Poush', 'Magh', 'Falgun', 'Chaitra',
] as const;

/** The month's name in the language: Devanagari for Nepali (`ne`, `ne-NP`), else transliterated. */
export const bsMonthName = (month: number, language: string): string =>
  (/^ne\b/i.test(language) ? BS_MONTH_NAMES_NEPALI : BS_MONTH_NAMES_LATIN)[month - 1] ?? '';

export const isBsYear = (year: number) => Number.isInteger(year) && year >= BS_FIRST_YEAR && year <= BS_LAST_YEAR;

export const bsDaysInMonth = ({ year, month }: BsMonth): number => daysInMonth(year, month);

export const shiftBsMonth = ({ year, month }: BsMonth, by: number): BsMonth => {
  const index = year * 12 + (month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
};

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` (Gregorian) of a BS day. */
export const gregorianDayOf = ({ year, month, day }: BsDay): string => {
  const date = toGreg(year, month, day);
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
};

/** The BS day of a Gregorian `YYYY-MM-DD`, or undefined outside the years bikram-sambat knows. */
export const bsDayOf = (gregorianDay: string): BsDay | undefined => {
  try {
    const day = toBik(gregorianDay);
    return isBsYear(day.year) ? day : undefined;
  } catch {
    return undefined;
  }
};

/** The last day of the BS month's reporting month: the day before the start day, or the month's last day if it has fewer. */
const lastDayIn = (month: BsMonth, startDay: number) =>
  startDay === 1 ? bsDaysInMonth(month) : Math.min(startDay - 1, bsDaysInMonth(month));

/**
 * The reporting month a BS day falls in, as devices tag its target doc: the BS month its
 * interval ends in (`toBik` of the interval's end in the rules engine).
 */
export const bsReportingMonthOfDay = (day: BsDay, startDay: number): BsMonth =>
  day.day <= lastDayIn(day, startDay) ? { year: day.year, month: day.month } : shiftBsMonth(day, 1);

/**
 * The Gregorian first and last days of the reporting month tagged with the BS month. It starts the
 * day after the previous month's ends: on the start day, or on the 1st when the month before is
 * shorter than the start day (as the CHT's `getBSStart` has it).
 */
export const bsReportingMonthDays = (month: BsMonth, startDay: number): { first: string; last: string } => {
  const before = shiftBsMonth(month, -1);
  const lastBefore = lastDayIn(before, startDay);
  const first = startDay === 1 || lastBefore === bsDaysInMonth(before)
    ? { ...month, day: 1 }
    : { ...before, day: lastBefore + 1 };
  return { first: gregorianDayOf(first), last: gregorianDayOf({ ...month, day: lastDayIn(month, startDay) }) };
};

/** The reporting month a Gregorian day falls in, or undefined outside the years bikram-sambat knows. */
export const bsReportingMonthOfGregorianDay = (gregorianDay: string, startDay: number): BsMonth | undefined => {
  const day = bsDayOf(gregorianDay);
  if (!day) return undefined;
  const month = bsReportingMonthOfDay(day, startDay);
  return isBsYear(month.year) ? month : undefined;
};
