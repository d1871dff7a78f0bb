import monthLengthData from './dhis2-nepali-month-lengths.json';

/**
 * DHIS2's own table of BS month lengths (`NepaliCalendar.java`), which DHIS2 corrected in patch
 * releases: a Nepali DHIS2 turns a BS period into Gregorian days with the table of its release,
 * whatever bikram-sambat (the CHT's devices) says. The data and its source: dhis2-nepali-month-lengths.json.
 */
export interface Dhis2NepaliTable {
  /** Which change to DHIS2 brought it, e.g. `dhis2-core#20836`. */
  readonly id: string;
  /** The DHIS2 releases that carry it. */
  readonly releases: string;
  /** Days of BS months 1–12, by BS year. */
  readonly monthLengths: Readonly<Record<string, readonly number[]>>;
}

const TABLES = monthLengthData.tables as readonly Dhis2NepaliTable[];
const [BEFORE_2025, FIX_19438, FIX_20720, FIX_20836] = TABLES;

/** DHIS2 counts Nepali dates from 2000-01-01 BS, which is 1943-04-14. */
const EPOCH_YEAR = 2000;
const EPOCH_DAY = Date.UTC(1943, 3, 14);
const DAY_MS = 86_400_000;

/** `2.40.8`, `2.41`, `2.43.0.1`: major, minor and patch (a missing patch is the branch's newest). */
export const DHIS2_VERSION_PATTERN = /^2\.(\d{2})(?:\.(\d+))?(?:\.\d+)?$/;

/** The table of a DHIS2 release, from the tags dhis2-core carries it at; the newest for versions after 2.43. */
export const dhis2NepaliTableFor = (version: string): Dhis2NepaliTable => {
  const match = DHIS2_VERSION_PATTERN.exec(version);
  const minor = Number(match?.[1] ?? 43);
  const patch = match?.[2] === undefined ? Infinity : Number(match[2]);
  if (minor <= 39) return BEFORE_2025;
  if (minor === 40) return patch <= 6 ? BEFORE_2025 : patch === 7 ? FIX_19438 : patch === 8 ? FIX_20720 : FIX_20836;
  if (minor === 41) return patch <= 3 ? BEFORE_2025 : patch === 4 ? FIX_20720 : FIX_20836;
  if (minor === 42) return patch === 0 ? FIX_19438 : patch === 1 ? FIX_20720 : FIX_20836;
  return FIX_20836;
};

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The Gregorian first and last days DHIS2 gives a BS month with its table (`NepaliCalendar.toIso`),
 * or undefined for a year the table lacks.
 */
export const dhis2BsMonthDays = (table: Dhis2NepaliTable, year: number, month: number): { first: string; last: string; days: number } | undefined => {
  let offset = 0;
  for (let y = EPOCH_YEAR; y < year; y++) {
    const lengths = table.monthLengths[String(y)];
    if (!lengths) return undefined;
    offset += lengths.reduce((sum, days) => sum + days, 0);
  }
  const lengths = table.monthLengths[String(year)];
  if (!lengths || year < EPOCH_YEAR) return undefined;
  offset += lengths.slice(0, month - 1).reduce((sum, days) => sum + days, 0);
  const days = lengths[month - 1];
  return { first: isoDay(EPOCH_DAY + offset * DAY_MS), last: isoDay(EPOCH_DAY + (offset + days - 1) * DAY_MS), days };
};
