/** A DHIS2 data set as configured in the CHT app settings (`dhis_data_sets`). */
export interface DataSetConfig {
  readonly id: string;
  readonly translation_key?: string;
  /** DHIS2's period type: absent or "Monthly", "Quarterly", "Yearly"; anything else is not supported. */
  readonly periodType?: unknown;
}

/** A data set as the page offers it: id and translated name. */
export interface DataSetOption {
  readonly id: string;
  readonly name: string;
}

/** One `dhis` entry of a contact: the DHIS2 org unit it reports to, optionally for one data set only. */
export interface OrgUnitMapping {
  readonly orgUnit: string;
  readonly dataSet?: string;
}

/**
 * A contact document as the view `contacts_by_dhis_orgunit` returns it with `include_docs`.
 * Written by apps and import scripts alike: its fields may hold any JSON type.
 */
export interface PlaceDoc {
  readonly _id: string;
  readonly name?: unknown;
  readonly dhis?: unknown;
  /** The CHT's lineage: `{ _id, parent: { _id, … } }`. */
  readonly parent?: unknown;
}

/** One mapping of one place to an org unit (a place with two `dhis` entries gives two). */
export interface OrgUnitPlace {
  readonly orgUnit: string;
  readonly name: string;
  /** Absent: the mapping applies to every data set. */
  readonly dataSet?: string;
  /** The name of the place it belongs to (a health centre's district), when that is known. */
  readonly parent?: string;
}

/** A choice in the place list: the option value is the org unit. */
export interface PlaceOption {
  readonly orgUnit: string;
  readonly name: string;
  /** The parent place's name, to tell apart places of the same name. */
  readonly parent?: string;
}

/** A period the export can cover. `value` is its DHIS2 period: `YYYYMM`, `YYYYQn` or `YYYY`. */
export interface Period {
  readonly value: string;
  readonly label: string;
}

/** CHT permissions from the app settings: permission name → roles. */
export type Permissions = Readonly<Record<string, readonly string[] | undefined>>;

/** The part of the CHT app settings this page reads. */
export interface DhisAppSettings {
  readonly locale?: string;
  readonly dhis_data_sets?: readonly DataSetConfig[];
  readonly dhisDataSets?: readonly DataSetConfig[];
  readonly permissions?: Permissions;
  /** `month_start_date` (here or under `visit_count`): the day reporting months start on. */
  readonly uhc?: unknown;
}

/** Key → text. */
export type Messages = Readonly<Record<string, string>>;

/** A CHT translations doc `messages-<locale>`. */
export interface TranslationsDoc {
  readonly _id: string;
  readonly type?: string;
  readonly code?: string;
  readonly generic?: Messages;
  readonly custom?: Messages;
}

/** What the page asks the server for. */
export interface DhisExportRequest {
  readonly dataSet: string;
  /** Empty: all places. */
  readonly orgUnit: string;
  /** The period as the user chose it: a DHIS2 period, `YYYYMM`, `YYYYQn` or `YYYY`. */
  readonly period: string;
  readonly format: ExportFormat;
  /** Leave out values of 0. */
  readonly omitZeros: boolean;
}

/** The file formats the server writes (`options[format]`). */
/** `sheet`: a CSV with names instead of ids, for checking in a spreadsheet; DHIS2 cannot import it. */
export const EXPORT_FORMATS = ['json', 'csv', 'xml', 'adx', 'sheet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What the page remembers of the user's choices for the session. */
export interface ExportPreferences {
  readonly format: ExportFormat;
  readonly omitZeros: boolean;
}

/** What a saved file holds, as the server counted it. */
export interface ExportCounts {
  readonly values: number;
  readonly orgUnits: number;
  readonly zeros: number;
}

/** The last file saved, and what was asked for it. */
export interface SavedExport {
  readonly filename: string;
  readonly request: DhisExportRequest;
  /** Null when the server did not say (an older server, or a proxy that drops headers). */
  readonly counts: ExportCounts | null;
}

/** The data set, place and period on the form. */
export interface ExportSelection {
  readonly dataSet: string;
  /** Empty: all places. */
  readonly orgUnit: string;
  readonly period: string;
}
