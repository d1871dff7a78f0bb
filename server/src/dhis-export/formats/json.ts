import type { DataValueSetFormat } from './data-value-set-format';

/** DHIS2's JSON import format: the dataValueSet as it is. */
export const jsonFormat: DataValueSetFormat = {
  name: 'json',
  mediaType: 'application/json; charset=utf-8',
  extension: 'json',
  serialize: (set, { pretty }) => (pretty ? `${JSON.stringify(set, null, 2)}\n` : JSON.stringify(set)),
};
