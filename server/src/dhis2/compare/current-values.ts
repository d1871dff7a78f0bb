import { readDhis2, type ReadDeps, type ReadFailure } from './dhis2-read';

/** A value DHIS2 holds, as its `GET /api/dataValueSets` gives it (values are strings from 2.38 on). */
export interface Dhis2Value {
  dataElement: string;
  orgUnit: string;
  categoryOptionCombo?: string;
  attributeOptionCombo?: string;
  value: string;
}

/** Org units per request: a query string of about 50 × 20 characters stays far below URL limits of proxies (8 kB). */
export const ORG_UNITS_PER_READ = 50;
/** The most values read for one compare: beyond it the comparison is left incomplete, and says so. */
export const MAX_VALUES_READ = 200_000;

export interface CurrentValues {
  values: Dhis2Value[];
  /** The cap was reached: DHIS2 holds more than was read. */
  capped: boolean;
  failure?: ReadFailure;
  requests: number;
}

type Json = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined);

/**
 * 2.38–2.42 write every field on each value; 2.43's export pipeline moves a field shared by the whole
 * answer (one period, one org unit) to the group and leaves it off the values.
 */
const valuesOf = (body: unknown, period: string): Dhis2Value[] => {
  const group = (typeof body === 'object' && body !== null ? body : {}) as Json;
  const rows = Array.isArray(group['dataValues']) ? group['dataValues'] as Json[] : [];
  return rows.flatMap(row => {
    const dataElement = text(row['dataElement']);
    const orgUnit = text(row['orgUnit']) ?? text(group['orgUnit']);
    const value = text(row['value']);
    const rowPeriod = text(row['period']) ?? text(group['period']);
    if (!dataElement || !orgUnit || value === undefined || row['deleted'] === true || (rowPeriod !== undefined && rowPeriod !== period)) {
      return [];
    }
    const coc = text(row['categoryOptionCombo']);
    const aoc = text(row['attributeOptionCombo']) ?? text(group['attributeOptionCombo']);
    return [{ dataElement, orgUnit, value, ...(coc ? { categoryOptionCombo: coc } : {}), ...(aoc ? { attributeOptionCombo: aoc } : {}) }];
  });
};

/**
 * DHIS2's values of the data set for the period and org units, read in batches of org units
 * (`orgUnit` repeated in the query string, as every version 2.38–2.43 reads it), one batch at a
 * time, each bounded by `limit`; stops at the first failure, keeping what was read.
 */
export const readCurrentValues = async (
  deps: ReadDeps, dataSet: string, period: string, orgUnits: readonly string[], cap = MAX_VALUES_READ,
): Promise<CurrentValues> => {
  const values: Dhis2Value[] = [];
  let requests = 0;
  for (let start = 0; start < orgUnits.length; start += ORG_UNITS_PER_READ) {
    const query = new URLSearchParams({ dataSet, period });
    for (const orgUnit of orgUnits.slice(start, start + ORG_UNITS_PER_READ)) {
      query.append('orgUnit', orgUnit);
    }
    query.set('limit', String(cap - values.length + 1));
    requests++;
    const answer = await readDhis2<unknown>(deps, 'values', 'dataValueSets', query);
    // E2006: none of the batch's org units exists in DHIS2 (it drops unknown ones), so it holds nothing for them.
    if (!answer.ok && answer.failure.errorCode === 'E2006') {
      continue;
    }
    if (!answer.ok) {
      return { values, capped: false, failure: answer.failure, requests };
    }
    values.push(...valuesOf(answer.body, period));
    if (values.length > cap) {
      return { values: values.slice(0, cap), capped: true, requests };
    }
  }
  return { values, capped: false, requests };
};
