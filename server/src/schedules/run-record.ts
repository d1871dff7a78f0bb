import type { ExportLogEntry, ExportLogRecord } from '../export-log/export-log';

/**
 * An event of a scheduled run, kept in the export log beside downloads and manual sends:
 * - a send begins with a record of what goes (`sent: null, outcome: "unknown"`, the values), written
 *   before DHIS2 is asked, so a crash leaves it unknown;
 * - DHIS2's answer (a `send` record with the values it kept), or a `read-back` record of DHIS2's
 *   values (the log's `readBack`, as after a manual send), `settles` it;
 * - a dry run that found conflicts stops the run; a refusal is reported; failures are retried.
 */
export interface RunEntry extends ExportLogEntry {
  trigger: 'schedule';
  scheduleId: string;
  /** 1 for the run on time, then one more per retry. */
  attempt: number;
  /** The record's place among the schedule's records of the selection: instants may tie. */
  step: number;
  sent?: boolean | null;
  outcome: 'success' | 'warning' | 'error' | 'refused' | 'failed' | 'unknown' | 'gave-up';
  /** The id of the record of a send whose outcome this one tells. */
  settles?: string;
  /** Late data: only the values that changed since what was sent. */
  correction?: boolean;
  /** Sent short of the coverage asked for, because `sendAnywayAfterDays` had passed. */
  forced?: { coverage: number; minCoverage: number };
}

export type RunRecord = ExportLogRecord & RunEntry;

export const isRunRecord = (record: ExportLogRecord): record is RunRecord =>
  (record as Partial<RunEntry>).trigger === 'schedule' && typeof (record as Partial<RunEntry>).scheduleId === 'string';

export type RunEnd = 'sent' | 'stopped' | 'refused' | 'gave-up';

export type RunState =
  | { kind: 'new' }
  | { kind: 'done'; end: RunEnd; record: RunRecord }
  /** Attempted and not done: the next attempt after the backoff; `pending`, a send to settle first. */
  | { kind: 'retry'; attempt: number; last: RunRecord; pending?: RunRecord };

/** The end a record puts to a run, if any. */
export const endOf = (record: RunRecord): RunEnd | undefined => {
  if (record.outcome === 'gave-up') return 'gave-up';
  if (record.outcome === 'refused') return 'refused';
  if (record.action === 'dry-run') return record.outcome === 'warning' || record.outcome === 'error' ? 'stopped' : undefined;
  if (record.action === 'read-back') return record.readBack?.outcome === 'in-dhis2' ? 'sent' : undefined;
  // DHIS2's answer to a send: it kept values, or refused every one.
  if (record.dhis2 !== undefined) return record.sent === true ? 'sent' : 'refused';
  return undefined;
};

/** Sends begun and not yet settled by an answer or a read-back. */
export const unsettledSends = (records: readonly RunRecord[]): RunRecord[] => {
  const settled = new Set(records.flatMap(record => (record.settles ? [record.settles] : [])));
  return records.filter(record => record.action === 'send' && record.dataValues !== undefined && record.sent === null && !settled.has(record.id));
};

/** A schedule's run for a period, from its records (any order): not begun, done, or to retry. */
export const runStateOf = (records: readonly RunRecord[]): RunState => {
  const ordered = [...records].filter(record => !record.correction).sort((a, b) => a.step - b.step);
  if (ordered.length === 0) {
    return { kind: 'new' };
  }
  for (const record of ordered) {
    const end = endOf(record);
    if (end) {
      return { kind: 'done', end, record };
    }
  }
  const last = ordered[ordered.length - 1];
  const [pending] = unsettledSends(ordered);
  return { kind: 'retry', attempt: Math.max(...ordered.map(record => record.attempt)), last, ...(pending ? { pending } : {}) };
};

/** Waits after failed attempt 1, 2, 3…: 5 min, 30 min, 2 h, then daily for a week; then the run gives up. */
export const RETRY_DELAYS_MS = [5 * 60_000, 30 * 60_000, 2 * 3_600_000, ...Array.from({ length: 7 }, () => 24 * 3_600_000)];

/** When the attempt after `attempt` may start; undefined once every retry is spent. */
export const nextAttemptAt = (attempt: number, lastAt: Date): Date | undefined => {
  const delay = RETRY_DELAYS_MS[attempt - 1];
  return delay === undefined ? undefined : new Date(lastAt.getTime() + delay);
};
