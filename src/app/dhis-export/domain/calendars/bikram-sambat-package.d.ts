/** The `bikram-sambat` package (1.8.1, the version the CHT uses) has no types of its own. */
declare module 'bikram-sambat' {
  export interface BsDate { year: number; month: number; day: number }
  /** Days in the BS month; throws outside the years it knows. */
  export function daysInMonth(year: number, month: number): number;
  /** The BS date of a Gregorian `YYYY-MM-DD`; throws outside the years it knows. */
  export function toBik(gregorian: string): BsDate;
  /** The Gregorian date of a BS date. */
  export function toGreg(year: number, month: number, day: number): BsDate;
}
