import { FIRST_YEAR, LAST_YEAR, localMonthOf } from '../cht/calendar-month';
import { badRequest } from './export-error';
import { FORMAT_NAMES, isFormatName, type FormatName } from './formats/format-names';
import { parseDhisPeriod, type DhisPeriod } from './reporting-period';
import { jsonDepth } from './json-depth';
import { refuseUnknownParameters, type KnownParameters } from './known-parameters';

const SELECTION_FILTERS = { dataSet: true, period: true, orgUnit: true, date: { from: true } } as const;

/** What `GET|POST /api/v2/export/dhis` and the preview take. */
export const EXPORT_PARAMETERS: KnownParameters = {
  filters: SELECTION_FILTERS,
  options: { humanReadable: true, format: true, omitZeros: true },
};

/** What a send takes: the selection, the options that change the values, completeness, and the send's own two. */
export const SEND_PARAMETERS: KnownParameters = {
  filters: SELECTION_FILTERS,
  options: { humanReadable: true, omitZeros: true, completeDataSet: true },
  dryRun: true,
  confirm: true,
};

/** No request of the API nests deeper than this; a deeper one is refused before anything walks it. */
const MAX_REQUEST_DEPTH = 8;

/**
 * The period asked for: a DHIS2 period, or (as CHT clients send it) an instant whose reporting
 * period the export finds once it knows the settings' `month_start_date` and the data set's period type.
 */
export type RequestedPeriod = DhisPeriod | { readonly type: 'Instant'; readonly at: number };

export interface ExportRequest {
  dataSet: string;
  period: RequestedPeriod;
  orgUnit?: string;
  humanReadable: boolean;
  format: FormatName;
  /** Leave out data values of 0. */
  omitZeros: boolean;
  /** A send only: also register the data set as complete for each org unit sent. */
  completeDataSet?: boolean;
}

const MAX_ID_LENGTH = 200;

/** Quotes a caller's value in a message, shortened so huge input cannot flood logs or replies. */
const quoted = (value: unknown): string => {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** qs gives an array for a parameter repeated (`a=1&a=2`) or written as a list (`a[]=1`). */
const refuseList = (value: unknown, name: string) => {
  if (Array.isArray(value)) {
    throw badRequest(value.length > 1
      ? `filter "${name}" must be given once, not ${value.length} times`
      : `filter "${name}" must be a single value, not a list: filters[${name.replace('.', '][')}]=…`);
  }
};

const singleString = (value: unknown, name: string): string | undefined => {
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  refuseList(value, name);
  if (typeof value !== 'string') {
    throw badRequest(`filter "${name}" must be a string, got ${quoted(value)}`);
  }
  if (value.length > MAX_ID_LENGTH) {
    throw badRequest(`filter "${name}" is too long (${value.length} characters; at most ${MAX_ID_LENGTH})`);
  }
  return value;
};

const timestamp = (value: unknown): number | undefined => {
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  refuseList(value, 'date.from');
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  // ±8.64e15 ms is the range of a JavaScript Date.
  if (!Number.isFinite(number) || Math.abs(number) > 8.64e15) {
    throw badRequest(`filter "date.from" must be a timestamp in milliseconds, such as ${Date.UTC(2026, 0, 1)}; got ${quoted(value)}`);
  }
  return number;
};

const PERIOD_EXAMPLE = '"202610" for October 2026, "2026Q3" for its third quarter or "2026" for the year';

/** `filters[period]`: a DHIS2 period, `YYYYMM`, `YYYYQn` or `YYYY`. */
const period = (value: unknown): DhisPeriod | undefined => {
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  refuseList(value, 'period');
  const parsed = typeof value === 'string' ? parseDhisPeriod(value) : undefined;
  if (parsed === undefined) {
    throw badRequest(`filter "period" must be a DHIS2 period, YYYYMM, YYYYQn or YYYY, such as ${PERIOD_EXAMPLE}; got ${quoted(value)}`);
  }
  if (parsed === 'out of range') {
    throw badRequest(`filter "period" must name a month 01–12 or a quarter Q1–Q4 of a year from ${FIRST_YEAR} to ${LAST_YEAR}, such as ${PERIOD_EXAMPLE}; got ${quoted(value)}`);
  }
  return parsed;
};

/** The first year `filters[date][from]` may fall in: no CHT deployment has target docs before it. */
const FIRST_TIMESTAMP_YEAR = 2000;

/**
 * The CHT's `filters[date][from]`: the month is that instant's month in the server's time zone.
 * An instant before 2000 or after next year is a mistake, most often seconds sent as milliseconds
 * (January 1970), never a month anyone exports.
 */
const instantInRange = (from: number, now: Date): RequestedPeriod => {
  const { year } = localMonthOf(from);
  const lastYear = now.getFullYear() + 1;
  if (!(year >= FIRST_TIMESTAMP_YEAR && year <= lastYear)) {
    throw badRequest(`filter "date.from" must be a timestamp in milliseconds from ${FIRST_TIMESTAMP_YEAR} to ${lastYear}, ` +
      `such as ${Date.UTC(2026, 0, 1)}; got ${from} (year ${year}): did you send seconds instead of milliseconds?`);
  }
  return { type: 'Instant', at: from };
};

const format = (value: unknown): FormatName => {
  if (value === undefined || value === null || value === '') {
    return 'json';
  }
  if (Array.isArray(value)) {
    throw badRequest('option "format" must be given once');
  }
  if (!isFormatName(value)) {
    throw badRequest(`option "format" must be one of ${FORMAT_NAMES.join(', ')}; got ${quoted(value)}`);
  }
  return value;
};

const flag = (value: unknown, name: string): boolean => {
  if (value === undefined || value === null || value === false || value === 'false' || value === '0' || value === '') {
    return false;
  }
  if (value === true || value === 'true' || value === '1') {
    return true;
  }
  throw badRequest(`option "${name}" must be true or false, got ${quoted(value)}`);
};

/**
 * Reads `{ filters: { dataSet, period, date: { from }, orgUnit }, options: { humanReadable, format, omitZeros, completeDataSet } }`
 * from a query string or a JSON body. The period is `period` when given; else the reporting period
 * `date.from` falls in on the server's clock, from 2000 to next year (found by the export, which reads
 * the settings). A client may send both (`date.from` for a CHT server, which knows no `period`):
 * `period` decides, and `date.from` need only be well formed.
 */
export const parseExportRequest = (input: unknown, now: Date = new Date(), known: KnownParameters = EXPORT_PARAMETERS): ExportRequest => {
  if (jsonDepth(input) > MAX_REQUEST_DEPTH) {
    throw badRequest(`The request nests deeper than ${MAX_REQUEST_DEPTH} levels; the API takes { "filters": {…}, "options": {…} }`, 'request.tooDeep');
  }
  if (input !== undefined && !isRecord(input)) {
    throw badRequest(`The request must be a JSON object such as { "filters": { "dataSet": "…", "period": "YYYYMM" } }; got ${quoted(input)}`);
  }
  const body = input ?? {};
  if (body['filters'] !== undefined && !isRecord(body['filters'])) {
    throw badRequest('"filters" must be an object: filters[dataSet]=…&filters[period]=YYYYMM');
  }
  if (body['options'] !== undefined && !isRecord(body['options'])) {
    throw badRequest('"options" must be an object: options[humanReadable]=true');
  }
  refuseUnknownParameters(body, known);
  const filters = (body['filters'] ?? {}) as Record<string, unknown>;
  const options = (body['options'] ?? {}) as Record<string, unknown>;
  if (filters['date'] !== undefined && !isRecord(filters['date'])) {
    throw badRequest('filter "date" must be an object: filters[date][from]=<timestamp in ms>');
  }

  const dataSet = singleString(filters['dataSet'], 'dataSet');
  if (dataSet === undefined) {
    throw badRequest('filter "dataSet" is required: the id of a DHIS2 data set configured in the app settings');
  }
  const chosen = period(filters['period']);
  const from = timestamp((filters['date'] as Record<string, unknown> | undefined)?.['from']);
  if (chosen === undefined && from === undefined) {
    throw badRequest(`filter "period" is required: the DHIS2 period to export, such as ${PERIOD_EXAMPLE} ` +
      '(or, as CHT clients send it, filter "date.from": a timestamp in milliseconds within the period)');
  }
  const requested = chosen ?? instantInRange(from!, now);
  const orgUnit = singleString(filters['orgUnit'], 'orgUnit');
  return {
    dataSet,
    period: requested,
    humanReadable: flag(options['humanReadable'], 'humanReadable'),
    format: format(options['format']),
    omitZeros: flag(options['omitZeros'], 'omitZeros'),
    ...(flag(options['completeDataSet'], 'completeDataSet') ? { completeDataSet: true } : {}),
    ...(orgUnit === undefined ? {} : { orgUnit }),
  };
};
