import { randomBytes } from 'node:crypto';
import { DecimalSum } from '../dhis-export/decimal-sum';
import type { DataValue } from '../dhis-export/data-value-set';
import type { ImportCount } from '../dhis2/import-summary';

export const EXPORT_LOG_DB = 'dhis-export-log';

export type ExportAction = 'download' | 'dry-run' | 'send';

/** A data value as recorded: what identifies it in DHIS2, and its value. */
export interface LoggedValue {
  dataElement: string;
  orgUnit: string;
  categoryOptionCombo?: string;
  attributeOptionCombo?: string;
  value: number;
}

/** One download, dry run or send; written once, never changed. */
export interface ExportLogEntry {
  action: ExportAction;
  user: string;
  /** ISO 8601 instant. */
  at: string;
  dataSet: string;
  period: string;
  /** The place filter; undefined: every mapped place. */
  orgUnit?: string;
  format?: string;
  humanReadable?: boolean;
  values: number;
  total: number;
  /** For dry runs and sends: DHIS2's verdict. */
  dhis2?: { status: string; httpStatus: number; importCount: ImportCount; conflicts: number };
  /** For sends that asked for it: the complete data set registration (see dhis2/complete-registration.ts). */
  completeness?: { outcome: string; orgUnits: number; status?: string; conflicts?: number; httpStatus?: number; reason?: string };
  /** For dry runs and sends that got no import summary: why. Nothing was sent. */
  failure?: { reason: string; message: string };
  /** For dry runs and sends: the values, to tell what changed since. */
  dataValues?: LoggedValue[];
}

export interface ExportLogRecord extends ExportLogEntry {
  id: string;
}

export interface ExportLog {
  record(entry: ExportLogEntry): Promise<string>;
  /** The newest first, for a data set and period (any place filter). */
  recent(dataSet: string, period: string, limit?: number): Promise<ExportLogRecord[]>;
}

/** Values as recorded, keeping only what identifies a value in DHIS2. */
export const loggedValuesOf = (rows: readonly DataValue[]): LoggedValue[] => rows.map(row => ({
  dataElement: row.dataElement,
  orgUnit: row.orgUnit,
  ...(typeof row['categoryOptionCombo'] === 'string' ? { categoryOptionCombo: row['categoryOptionCombo'] } : {}),
  ...(typeof row['attributeOptionCombo'] === 'string' ? { attributeOptionCombo: row['attributeOptionCombo'] } : {}),
  value: row.value,
}));

export const totalOf = (rows: readonly { value: number }[]): number => {
  const sum = new DecimalSum();
  for (const { value } of rows) {
    if (Number.isFinite(value)) {
      sum.add(value);
    }
  }
  return sum.value;
};

/** `log~<data set>~<period>~<instant>~<random>`: a range read gives a selection's records in time order. */
const prefixOf = (dataSet: string, period: string) => `log~${encodeURIComponent(dataSet)}~${period}~`;

/** The export log in its own CouchDB-protocol database (embedded PouchDB, or CouchDB). */
export const pouchExportLog = (db: PouchDB.Database): ExportLog => ({
  record: async entry => {
    const id = `${prefixOf(entry.dataSet, entry.period)}${entry.at}~${randomBytes(4).toString('hex')}`;
    await db.put({ _id: id, type: 'dhis-export-log', ...entry });
    return id;
  },
  recent: async (dataSet, period, limit = 20) => {
    const prefix = prefixOf(dataSet, period);
    const { rows } = await db.allDocs<ExportLogEntry>({ startkey: `${prefix}\uffff`, endkey: prefix, descending: true, limit, include_docs: true });
    return rows.flatMap(({ doc }) => {
      if (!doc) {
        return [];
      }
      const { _id, _rev: _revision, type: _type, ...entry } = doc as PouchDB.Core.ExistingDocument<ExportLogEntry> & { type?: string };
      return [{ id: _id, ...entry }];
    });
  },
});

/** A log that keeps records in memory: for tests and for a CLI run with no database to write to. */
export const memoryExportLog = (): ExportLog & { entries: ExportLogRecord[] } => {
  const entries: ExportLogRecord[] = [];
  return {
    entries,
    record: async entry => {
      const id = `${prefixOf(entry.dataSet, entry.period)}${entry.at}~${entries.length}`;
      entries.push({ id, ...entry });
      return id;
    },
    recent: async (dataSet, period, limit = 20) =>
      entries.filter(entry => entry.dataSet === dataSet && entry.period === period).reverse().slice(0, limit),
  };
};
