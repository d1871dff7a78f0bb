/**
 * What the DHIS2 stand-in does differently by DHIS2 version, each behaviour as read in
 * `dhis2/dhis2-core` on the release branch (paths below `dhis-2/`; see docs/sending-to-dhis2.md).
 */
export const DHIS2_VERSIONS = ['2.38', '2.39', '2.40', '2.41', '2.42', '2.43'] as const;
export type Dhis2Version = (typeof DHIS2_VERSIONS)[number];

export interface VersionBehaviour {
  /**
   * The import summary wrapped in a web message, conflicts with error codes and indexes (2.38 on;
   * `WebMessageUtils.importSummary`, `.withPlainResponseBefore(V38)`); before 2.38 the bare summary with 200.
   */
  wrapped: boolean;
  /**
   * The HTTP status of a WARNING: 409 up to 2.42, 200 from 2.43
   * (`dhis-service-dxf2/.../webmessage/WebMessageUtils.importSummary`).
   */
  warningStatus: 200 | 409;
  /**
   * 2.43 reads JSON values with json-tree's `getString("value").string()`, which throws on a number
   * (`dhis-service-core/.../datavalue/DataEntryInput.fromJson`; json-tree 1.8.1, `dhis-2/pom.xml`);
   * 2.38 to 2.42 bind JSON with Jackson into `DataValue.value`, a String that takes numbers too.
   */
  jsonValuesMustBeStrings: boolean;
  /**
   * A set-level `completeDate` without a set-level org unit: 2.38 to 2.42 add a conflict "Must be
   * provided to complete data set" and answer WARNING (`DefaultDataValueSetService.handleComplete`);
   * 2.43 refuses the whole import, E8009 (`DefaultDataEntryService.decodeGroup`).
   */
  completeDateWithoutOrgUnit: 'conflict' | 'refused';
  /**
   * CSV: 2.38 to 2.42 skip the first row and read columns by position (`CsvDataValueSetReader`,
   * JavaCSV); 2.43 matches the header row's names to `DataEntryValue.Input` and reads each record to
   * the next `\r` or `\n` (`dhis-api/.../csv/CSV.java`, `LineBuffer.java`), a BOM included in the first name.
   */
  csv: 'by-position' | 'by-name';
  /**
   * The id scheme of an ADX import without `idScheme`: CODE up to 2.42
   * (`dhis-service-dxf2/.../adx/DefaultAdxDataService.saveDataValueSet`), UID in 2.43 (`DataEntryInput.fromAdxXml`).
   */
  adxDefaultIdScheme: 'CODE' | 'UID';
  /**
   * An ADX `dataValue` without `categoryOptionCombo` names its categories' options in its other
   * attributes: with none, 2.43 finds no combo, E8108 (`DataEntryInput.fromAdxXml`,
   * `DefaultDataEntryService.decodeGroup`); 2.38 to 2.42 take the default combo for a data element
   * whose combo is the default (`DefaultAdxDataService.convertAttributesToDxf`).
   */
  adxValueWithoutComboRefused: boolean;
  /** The value check's error code: E7619 up to 2.42 (`DataValueSetImportValidator`), E8122 in 2.43 (`DefaultDataEntryService`). */
  valueErrorCode: 'E7619' | 'E8122';
}

const minorOf = (version: string): number => {
  const [major, minor] = version.split('.').map(Number);
  return major === 2 && Number.isInteger(minor) ? minor! : major! > 2 ? Infinity : 0;
};

/** The behaviour of a version; versions after 2.43 behave as 2.43, before 2.38 as 2.37. */
export const behaviourOf = (version: string): VersionBehaviour => {
  const minor = minorOf(version);
  const pipeline = minor >= 43;
  return {
    wrapped: minor >= 38,
    warningStatus: pipeline ? 200 : 409,
    jsonValuesMustBeStrings: pipeline,
    completeDateWithoutOrgUnit: pipeline ? 'refused' : 'conflict',
    csv: pipeline ? 'by-name' : 'by-position',
    adxDefaultIdScheme: pipeline ? 'UID' : 'CODE',
    adxValueWithoutComboRefused: pipeline,
    valueErrorCode: pipeline ? 'E8122' : 'E7619',
  };
};

/** DHIS2's number check for numeric data elements, the same in 2.38 to 2.43 (`MathUtils.NUMERIC_REGEXP`). */
export const NUMERIC = /^(-?0|-?[1-9]\d*)(\.\d+)?$/;
