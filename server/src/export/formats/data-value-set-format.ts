import type { DataValueSet } from '../data-value-set';
import type { DhisPeriod } from '../reporting-period';
import type { FormatName } from './format-names';

/** What a serializer may need besides the dataValueSet itself. */
export interface SerializeContext {
  /** The period the set's `period` names. */
  readonly period: DhisPeriod;
  /** The period as ADX states it to the DHIS2 it is for (a Nepali DHIS2 reads Gregorian days by its own table); else from `period`. */
  readonly adxPeriod?: string;
  /** When the file is made (ADX's `exported`). */
  readonly now: Date;
  /** Indented for people to read (the command line's JSON). */
  readonly pretty?: boolean;
  /** Values are names rather than ids: text a spreadsheet could take for a formula is defused. */
  readonly humanReadable?: boolean;
}

/** One file format DHIS2 imports: the same dataValueSet, written another way. */
export interface DataValueSetFormat {
  readonly name: FormatName;
  /** The `Content-Type` of the file. */
  readonly mediaType: string;
  /** The file name's extension, without the dot. */
  readonly extension: string;
  serialize(set: DataValueSet, context: SerializeContext): string;
}
