/**
 * A month of the calendar, as DHIS2 periods (`YYYYMM`) and CHT target doc ids (`YYYY-MM`) name it:
 * no instant, so no time zone can move it into the month before or after.
 */
export interface CalendarMonth {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
}

/** Years a period may name: wide enough for any deployment's history and plans, four digits always. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2999;

const pad = (n: number) => String(n).padStart(2, '0');

/** The month, or undefined when the year or month is out of range. */
export const calendarMonth = (year: number, month: number): CalendarMonth | undefined =>
  Number.isInteger(year) && Number.isInteger(month) && year >= FIRST_YEAR && year <= LAST_YEAR && month >= 1 && month <= 12
    ? { year, month }
    : undefined;

/** `YYYYMM`: the DHIS2 period of the month. */
export const dhisPeriod = ({ year, month }: CalendarMonth): string => `${year}${pad(month)}`;

/** `YYYY-MM`: the month as target doc ids carry it (`target~YYYY-MM~…`). */
export const targetDocMonth = ({ year, month }: CalendarMonth): string => `${year}-${pad(month)}`;

/** `YYYY-MM-01`. */
export const firstDayOf = (month: CalendarMonth): string => `${targetDocMonth(month)}-01`;

/** The month an instant falls in, in this process's local time zone (`TZ`). */
export const localMonthOf = (instant: number): CalendarMonth => {
  const date = new Date(instant);
  return { year: date.getFullYear(), month: date.getMonth() + 1 };
};

/** `YYYY-MM-DD` of an instant in this process's local time zone. */
export const localDateOf = (instant: Date): string =>
  `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}`;
