import { createHash } from 'node:crypto';
import type { DataValueSet } from './data-value-set';

const sortedEntries = (row: Record<string, unknown>) => Object.keys(row).sort().map(key => [key, row[key]]);

/**
 * A fingerprint of what a dataValueSet would put into DHIS2: its data set, period and every data
 * value with all its fields, in any order. The file's date (`completeDate`) is left out: it is not
 * a value. Equal digests: the same values would be sent.
 */
export const digestOf = (dataValueSet: Pick<DataValueSet, 'dataSet' | 'period' | 'dataValues'>): string => {
  const rows = dataValueSet.dataValues.map(row => JSON.stringify(sortedEntries(row))).sort();
  const hash = createHash('sha256').update(JSON.stringify([dataValueSet.dataSet, dataValueSet.period]));
  for (const row of rows) {
    hash.update('\n').update(row);
  }
  return hash.digest('base64url');
};
