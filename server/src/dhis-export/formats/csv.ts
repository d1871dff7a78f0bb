import { stringify } from 'csv-stringify/sync';
import type { DataValue } from '../data-value-set';
import type { DataValueSetFormat } from './data-value-set-format';

/** DHIS2's CSV columns, in the order its import reads them (by position: the header row is skipped). */
export const CSV_COLUMNS = [
  'dataelement', 'period', 'orgunit', 'categoryoptioncombo', 'attributeoptioncombo',
  'value', 'storedby', 'lastupdated', 'comment', 'followup',
] as const;

const text = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';

/**
 * A name a spreadsheet would read as a formula (`=…`, `+…`, `-…`, `@…`, or a tab or carriage return
 * first) gets a leading apostrophe, as OWASP advises for CSV files opened in spreadsheets.
 */
const defused = (name: string): string => (/^[=+\-@\t\r]/.test(name) ? `'${name}` : name);

const rowOf = (value: DataValue, period: string, names: (text: string) => string): string[] => [
  names(value.dataElement),
  period,
  names(value.orgUnit),
  names(text(value['categoryOptionCombo'])),
  names(text(value['attributeOptionCombo'])),
  String(value.value),
  names(text(value['storedBy'])),
  text(value['lastUpdated'] ?? value['timestamp']),
  names(text(value['comment'])),
  text(value['followUp'] ?? value['followup']),
];

/**
 * DHIS2's CSV import format: a header row, then a row per data value. RFC 4180 (fields quoted when
 * they hold a comma, quote or line break; CRLF line ends), UTF-8 with a byte order mark: without it
 * Excel reads the file in the computer's legacy code page and garbles names in non-Latin scripts,
 * and DHIS2 skips the header row the mark sits on.
 */
export const csvFormat: DataValueSetFormat = {
  name: 'csv',
  mediaType: 'text/csv; charset=utf-8; header=present',
  extension: 'csv',
  serialize: (set, { humanReadable }) => {
    const names = humanReadable ? defused : (name: string) => name;
    return stringify([[...CSV_COLUMNS], ...set.dataValues.map(value => rowOf(value, set.period, names))], {
      bom: true,
      record_delimiter: 'windows',
    });
  },
};
