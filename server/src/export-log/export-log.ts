import { randomBytes } from 'node:crypto';
import { DecimalSum } from '../export/decimal-sum';
import type { DataValue } from '../export/data-value-set';
import type { ImportCount, ReadBackResult } from './dhis2-outcomes';
import { checkCursor, eventPrefixOf, keptSendOf, lastSendIdOf, matchesQuery, type LogPage, type LogQuery } from './log-query';

export const EXPORT_LOG_DB = 'dhis-export-log';

/** `read-back`: what DHIS2 was found to hold after a send whose outcome was unknown. */
export type ExportAction = 'download' | 'dry-run' | 'send' | 'read-back';

/** A data value as recorded: what identifies it in DHIS2, and its value. */
export interface LoggedValue {
  dataElement: string;
  orgUnit: string;
  categoryOptionCombo?: string;
  attributeOptionCombo?: string;
  value: number;
}

/** One download, dry run, send or read-back; written once, never changed. */
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
  omitZeros?: boolean;
  values: number;
  total: number;
  /** The digest of the values (see send-digest.ts). */
  digest?: string;
  /** For sends: DHIS2 kept values (true), kept none (false), or nobody knows yet (null). */
  sent?: boolean | null;
  /** For dry runs and sends: DHIS2's verdict. */
  dhis2?: { status: string; httpStatus: number; importCount: ImportCount; conflicts: number };
  /** For sends that asked for it: the complete data set registration (see dhis2/complete-registration.ts). */
  completeness?: { outcome: string; orgUnits: number; status?: string; conflicts?: number; httpStatus?: number; reason?: string };
  /** For dry runs and sends that got no import summary and certainly reached nothing: why. */
  failure?: { reason: string; message: string };
  /** For sends whose outcome is unknown (timeout, connection lost after the body went out, 502/503/504). */
  unknown?: { reason: string; message: string; httpStatus?: number };
  /** For read-backs: which send, and what DHIS2 holds of its values. */
  readBack?: ReadBackResult & { refersTo: string; sentAt: string };
  /**
   * For sends: the values DHIS2 kept (refused ones left out), or, unknown, those sent; for dry runs,
   * those checked. A scheduled correction's: the selection's values once it is in (see schedules/corrections.ts).
   */
  dataValues?: LoggedValue[];
}

export interface ExportLogRecord extends ExportLogEntry {
  id: string;
}

export interface ExportLog {
  record(entry: ExportLogEntry): Promise<string>;
  /** A data set's records, newest first, filtered and paged. */
  list(query: LogQuery): Promise<LogPage>;
  /** The last send DHIS2 kept of a selection, however many records came after it. */
  lastSend(dataSet: string, period: string, orgUnit: string | undefined): Promise<ExportLogRecord | undefined>;
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

/** Records examined per read, and reads per page: a sparse filter answers a short page with `next`, never a long wait. */
const BATCH = 200;
const BATCHES_PER_PAGE = 10;

type StoredEntry = ExportLogEntry & { type?: string };

const recordOf = (doc: PouchDB.Core.ExistingDocument<StoredEntry>): ExportLogRecord => {
  const { _id, _rev: _revision, type: _type, ...entry } = doc;
  return { id: _id, ...entry };
};

const isConflict = (error: unknown) => (error as { status?: number }).status === 409;

/** Moves a selection's last-send pointer forward, with CouchDB's revision check against a concurrent writer. */
export const pointLastSend = async (db: PouchDB.Database, entry: ExportLogEntry, kept: { recordId: string; at: string }) => {
  const _id = lastSendIdOf(entry.dataSet, entry.period, entry.orgUnit);
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await db.get<{ recordId: string; at: string }>(_id).catch(() => undefined);
    if (current && current.at > kept.at) {
      return;
    }
    try {
      await db.put({ _id, ...(current ? { _rev: current._rev } : {}), type: 'dhis-export-last-send', ...kept });
      return;
    } catch (error) {
      if (!isConflict(error)) {
        throw error;
      }
    }
  }
};

/**
 * The export log in its own CouchDB-protocol database (embedded PouchDB, or CouchDB).
 * A download is recorded after its file is served, without waiting: reads of the log wait for
 * this process's records still being written, so a download shows in the log asked for next
 * (over HTTP to CouchDB the write may not have landed yet).
 */
export const pouchExportLog = (db: PouchDB.Database): ExportLog => {
  const writing = new Set<Promise<unknown>>();
  const written = () => Promise.allSettled([...writing]);
  const record = async (entry: ExportLogEntry) => {
    const id = `${eventPrefixOf(entry.dataSet)}${entry.at}~${randomBytes(4).toString('hex')}`;
    await db.put({ _id: id, type: 'dhis-export-log', ...entry });
    const kept = keptSendOf(id, entry);
    if (kept) {
      await pointLastSend(db, entry, kept);
    }
    return id;
  };
  return {
    record: entry => {
      const write = record(entry);
      writing.add(write);
      void write.finally(() => writing.delete(write)).catch(() => undefined);
      return write;
    },
    list: async query => {
      checkCursor(query);
      await written();
      const prefix = eventPrefixOf(query.dataSet);
      const records: ExportLogRecord[] = [];
      let from = query.cursor ?? `${prefix}\uffff`;
      let skip = query.cursor === undefined ? 0 : 1;
      for (let batch = 0; batch < BATCHES_PER_PAGE; batch++) {
        const { rows } = await db.allDocs<StoredEntry>({ startkey: from, endkey: prefix, descending: true, skip, limit: BATCH, include_docs: true });
        for (const [index, { doc }] of rows.entries()) {
          if (doc && matchesQuery(doc, query)) {
            records.push(recordOf(doc));
            if (records.length === query.limit) {
              const more = index < rows.length - 1 || rows.length === BATCH;
              return more ? { records, next: doc._id } : { records };
            }
          }
        }
        if (rows.length < BATCH) {
          return { records };
        }
        from = rows.at(-1)!.id;
        skip = 1;
      }
      return { records, next: from };
    },
    lastSend: async (dataSet, period, orgUnit) => {
      await written();
      const pointer = await db.get<{ recordId: string }>(lastSendIdOf(dataSet, period, orgUnit)).catch(() => undefined);
      const doc = pointer && await db.get<StoredEntry>(pointer.recordId).catch(() => undefined);
      return doc ? recordOf(doc) : undefined;
    },
  };
};

/** A log that keeps records in memory: for tests and for a CLI run with no database to write to. */
export const memoryExportLog = (): ExportLog & { entries: ExportLogRecord[] } => {
  const entries: ExportLogRecord[] = [];
  const lastSends = new Map<string, { recordId: string; at: string }>();
  return {
    entries,
    record: async entry => {
      const id = `${eventPrefixOf(entry.dataSet)}${entry.at}~${String(entries.length).padStart(8, '0')}`;
      entries.push({ id, ...entry });
      const kept = keptSendOf(id, entry);
      const key = lastSendIdOf(entry.dataSet, entry.period, entry.orgUnit);
      if (kept && !((lastSends.get(key)?.at ?? '') > kept.at)) {
        lastSends.set(key, kept);
      }
      return id;
    },
    list: async query => {
      checkCursor(query);
      const newestFirst = entries.filter(entry => entry.dataSet === query.dataSet).sort((a, b) => b.id.localeCompare(a.id));
      const start = query.cursor === undefined ? 0 : newestFirst.findIndex(entry => entry.id < query.cursor!);
      const matching = (start === -1 ? [] : newestFirst.slice(start)).filter(entry => matchesQuery(entry, query));
      const records = matching.slice(0, query.limit);
      return matching.length > query.limit ? { records, next: records.at(-1)!.id } : { records };
    },
    lastSend: async (dataSet, period, orgUnit) => {
      const pointer = lastSends.get(lastSendIdOf(dataSet, period, orgUnit));
      return entries.find(entry => entry.id === pointer?.recordId);
    },
  };
};
