import type { ImportCount } from '../export-log/dhis2-outcomes';

/**
 * DHIS2's answer to `POST /api/dataValueSets`, read from either shape it comes in:
 * 2.38 and later wrap the import summary (`{ httpStatus, httpStatusCode, status, message, response }`,
 * 409 when there are conflicts); earlier versions answer 200 with the summary itself.
 */

/** One conflict as DHIS2 reports it: `object` and `value` always; the rest from 2.36–2.38 on. */
export interface ImportConflict {
  object?: string;
  objects?: Record<string, string>;
  value: string;
  errorCode?: string;
  property?: string;
  /** Positions in the sent `dataValues` this conflict is about. */
  indexes?: number[];
}

export interface ImportSummary {
  /** SUCCESS, WARNING or ERROR. */
  status: string;
  description?: string;
  importCount: ImportCount;
  conflicts: ImportConflict[];
  /** The wrapper's message (2.38+), e.g. "One more conflicts encountered, please check import summary." */
  message?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

const conflictOf = (value: unknown): ImportConflict | undefined => {
  if (!isRecord(value)) {
    return undefined;
  }
  const text = (field: unknown) => (typeof field === 'string' ? field : field === undefined || field === null ? undefined : String(field));
  const objects = isRecord(value['objects'])
    ? Object.fromEntries(Object.entries(value['objects']).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
    : undefined;
  const indexes = Array.isArray(value['indexes']) ? value['indexes'].filter((index): index is number => Number.isInteger(index)) : undefined;
  const conflict: ImportConflict = { value: text(value['value']) ?? '' };
  const object = text(value['object']);
  const errorCode = text(value['errorCode']);
  const property = text(value['property']);
  return {
    ...conflict,
    ...(object === undefined ? {} : { object }),
    ...(objects === undefined ? {} : { objects }),
    ...(errorCode === undefined ? {} : { errorCode }),
    ...(property === undefined ? {} : { property }),
    ...(indexes === undefined ? {} : { indexes }),
  };
};

const summaryOf = (body: Record<string, unknown>, message?: string): ImportSummary => {
  const counts = isRecord(body['importCount']) ? body['importCount'] : {};
  return {
    status: typeof body['status'] === 'string' ? body['status'] : 'ERROR',
    ...(typeof body['description'] === 'string' ? { description: body['description'] } : {}),
    importCount: { imported: count(counts['imported']), updated: count(counts['updated']), ignored: count(counts['ignored']), deleted: count(counts['deleted']) },
    conflicts: (Array.isArray(body['conflicts']) ? body['conflicts'] : []).flatMap(conflict => conflictOf(conflict) ?? []),
    ...(message === undefined ? {} : { message }),
  };
};

const looksLikeSummary = (body: Record<string, unknown>) =>
  body['responseType'] === 'ImportSummary' || isRecord(body['importCount']);

/** The import summary in a body of either shape; undefined when the body holds none (an error message, a login page). */
export const readImportSummary = (body: unknown): ImportSummary | undefined => {
  if (!isRecord(body)) {
    return undefined;
  }
  if (isRecord(body['response']) && looksLikeSummary(body['response'])) {
    const summary = summaryOf(body['response'], typeof body['message'] === 'string' ? body['message'] : undefined);
    // The wrapper's status is DHIS2's verdict when the inner one is missing.
    return typeof body['response']['status'] === 'string' || typeof body['status'] !== 'string' ? summary : { ...summary, status: body['status'] };
  }
  return looksLikeSummary(body) ? summaryOf(body) : undefined;
};

/** Only a SUCCESS without a single conflict is a success: WARNING means some values were not imported. */
export const isCleanSuccess = (summary: ImportSummary) => summary.status === 'SUCCESS' && summary.conflicts.length === 0;
