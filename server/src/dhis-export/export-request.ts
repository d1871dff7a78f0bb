import { badRequest } from './export-error';

export interface ExportRequest {
  dataSet: string;
  /** Any moment of the month to export, in ms since the epoch (server local time decides the month). */
  from: number;
  orgUnit?: string;
  humanReadable: boolean;
}

const MAX_ID_LENGTH = 200;

/** Quotes a caller's value in a message, shortened so huge input cannot flood logs or replies. */
const quoted = (value: unknown): string => {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const singleString = (value: unknown, name: string): string | undefined => {
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  if (Array.isArray(value)) {
    throw badRequest(`filter "${name}" must be given once, not ${value.length} times`);
  }
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
  if (Array.isArray(value)) {
    throw badRequest(`filter "date.from" must be given once, not ${value.length} times`);
  }
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  // ±8.64e15 ms is the range of a JavaScript Date.
  if (!Number.isFinite(number) || Math.abs(number) > 8.64e15) {
    throw badRequest(`filter "date.from" must be a timestamp in milliseconds, such as ${Date.UTC(2026, 0, 1)}; got ${quoted(value)}`);
  }
  return number;
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

/** Reads `{ filters: { dataSet, date: { from }, orgUnit }, options: { humanReadable } }` from a query string or a JSON body. */
export const parseExportRequest = (input: unknown): ExportRequest => {
  const body = isRecord(input) ? input : {};
  if (body['filters'] !== undefined && !isRecord(body['filters'])) {
    throw badRequest('"filters" must be an object: filters[dataSet]=…&filters[date][from]=…');
  }
  if (body['options'] !== undefined && !isRecord(body['options'])) {
    throw badRequest('"options" must be an object: options[humanReadable]=true');
  }
  const filters = (body['filters'] ?? {}) as Record<string, unknown>;
  const options = (body['options'] ?? {}) as Record<string, unknown>;
  if (filters['date'] !== undefined && !isRecord(filters['date'])) {
    throw badRequest('filter "date" must be an object: filters[date][from]=<timestamp in ms>');
  }

  const dataSet = singleString(filters['dataSet'], 'dataSet');
  if (dataSet === undefined) {
    throw badRequest('filter "dataSet" is required: the id of a DHIS2 data set configured in the app settings');
  }
  const from = timestamp((filters['date'] as Record<string, unknown> | undefined)?.['from']);
  if (from === undefined) {
    throw badRequest('filter "date.from" is required: a timestamp in milliseconds within the month to export');
  }
  const orgUnit = singleString(filters['orgUnit'], 'orgUnit');
  return { dataSet, from, humanReadable: flag(options['humanReadable'], 'humanReadable'), ...(orgUnit === undefined ? {} : { orgUnit }) };
};
