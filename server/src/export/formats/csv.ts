import { stringify } from 'csv-stringify/sync';
import type { DataValue } from '../data-value-set';
import type { DataValueSetFormat } from './data-value-set-format';
import { dhisNumber } from './dhis-number';

/**
 * DHIS2's CSV columns, in the order 2.38 to 2.42 read them by position after skipping the header
 * row (`CsvDataValueSetReader`), and named as 2.43 matches them by name to `DataEntryValue.Input`
 * (`CSV.java`). `storedBy` is ignored by name; `lastUpdated` would become a category option, but
 * not while a `categoryOptionCombo` column is present (`CSV.Any(ifAbsent = "categoryOptionCombo")`).
 */
export const CSV_COLUMNS = [
  'dataElement', 'period', 'orgUnit', 'categoryOptionCombo', 'attributeOptionCombo',
  'value', 'storedBy', 'lastUpdated', 'comment', 'followUp',
] as const;

const text = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? dhisNumber(value) : typeof value === 'boolean' ? String(value) : '';

/**
 * A name a spreadsheet would read as a formula (`=…`, `+…`, `-…`, `@…`, or a tab first) gets a
 * leading apostrophe, as OWASP advises for CSV files opened in spreadsheets.
 */
const defused = (name: string): string => (/^[=+\-@\t]/.test(name) ? `'${name}` : name);

/**
 * A field on one line: 2.43's `LineBuffer.readLine` ends a record at any `\r` or `\n`, quoted or
 * not, so a line break in a name or comment would cut the record in two. It becomes a space.
 */
const oneLine = (field: string): string => field.replace(/\r\n|\r|\n/g, ' ');

const rowOf = (value: DataValue, period: string, names: (text: string) => string): string[] => [
  names(value.dataElement),
  period,
  names(value.orgUnit),
  names(text(value['categoryOptionCombo'])),
  names(text(value['attributeOptionCombo'])),
  dhisNumber(value.value),
  names(text(value['storedBy'])),
  text(value['lastUpdated'] ?? value['timestamp']),
  names(text(value['comment'])),
  text(value['followUp'] ?? value['followup']),
].map(oneLine);

/**
 * DHIS2's CSV import format, one file that 2.38 to 2.43 all read: a header row, then a row per data
 * value; fields quoted when they hold a comma or a quote (RFC 4180); UTF-8 without a byte order mark
 * (2.43 does not strip one, and would not know the first column); LF line ends.
 */
export const csvFormat: DataValueSetFormat = {
  name: 'csv',
  mediaType: 'text/csv; charset=utf-8; header=present',
  extension: 'csv',
  serialize: (set, { humanReadable }) => {
    const names = humanReadable ? defused : (name: string) => name;
    return stringify([[...CSV_COLUMNS], ...set.dataValues.map(value => rowOf(value, set.period, names))], { record_delimiter: 'unix' });
  },
};
