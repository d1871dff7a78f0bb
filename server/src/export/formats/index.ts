import { adxFormat } from './adx';
import { csvFormat } from './csv';
import type { DataValueSetFormat } from './data-value-set-format';
import type { FormatName } from './format-names';
import { jsonFormat } from './json';
import { xmlFormat } from './xml';

export type { DataValueSetFormat, SerializeContext } from './data-value-set-format';
export { FORMAT_NAMES, isFormatName, type FormatName } from './format-names';

/** Every format by its name: each a serialization of the same dataValueSet. */
export const formats: Readonly<Record<FormatName, DataValueSetFormat>> = {
  json: jsonFormat,
  csv: csvFormat,
  xml: xmlFormat,
  adx: adxFormat,
};
