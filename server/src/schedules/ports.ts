import type { DataValueSet } from '../export/data-value-set';
import type { DhisPeriod } from '../export/reporting-period';
import type { LoggedValue } from '../export-log/export-log';
import type { ImportCount, ReadBackResult } from '../export-log/dhis2-outcomes';
import type { loggedCompleteness } from '../dhis2/complete-registration';
import type { Selection } from './schedule';

/** The one place the scheduler reads time from: tests move it to run months in seconds. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** DHIS2's verdict, as the log keeps it. */
export interface Dhis2Verdict {
  status: string;
  httpStatus: number;
  importCount: ImportCount;
  conflicts: number;
}

/**
 * What came of one POST to DHIS2, sorted by what the scheduler does next:
 * - answered: DHIS2 gave an import summary (`sent`: it kept values; `kept`: which, refused ones left out);
 * - refused: DHIS2 said no without a summary (credentials, 403, 4xx, another calendar): reported, not retried;
 * - not-received: DHIS2 certainly imported nothing (down, unreachable, 500): retried;
 * - unknown: DHIS2 may have it (timeout, connection lost, gateway 502/503/504): read back before anything is sent again.
 */
export type PostResult =
  | {
    kind: 'answered'; sent: boolean; outcome: 'success' | 'warning' | 'error'; dhis2: Dhis2Verdict; kept: LoggedValue[];
    completeness?: LoggedCompleteness;
  }
  | { kind: 'refused' | 'not-received' | 'unknown'; reason: string; message: string; httpStatus?: number };

type LoggedCompleteness = ReturnType<typeof loggedCompleteness>;

export interface Coverage {
  /** Health workers expected to report for the period, over the selection's org units. */
  expected: number;
  reported: number;
  /** 0–100; 100 when no health worker is expected. */
  percent: number;
}

export interface ExportedSelection {
  period: DhisPeriod;
  dataValueSet: DataValueSet;
}

/** The send as a scheduled run needs it: export, check coverage, dry-run, send, read back. */
export interface SendPort {
  /** Whether sending is configured at all. */
  readonly configured: boolean;
  exportNow(selection: { dataSet: string; period: DhisPeriod; orgUnit?: string }): Promise<ExportedSelection>;
  coverage(selection: { dataSet: string; period: DhisPeriod; orgUnit?: string }): Promise<Coverage>;
  /** `orgUnit`: the selection's place filter, to name the places of DHIS2's conflicts. */
  dryRun(dataValueSet: DataValueSet, options: { orgUnit?: string }): Promise<PostResult>;
  send(dataValueSet: DataValueSet, options: { orgUnit?: string; completeDataSet: boolean }): Promise<PostResult>;
  /** One reading of DHIS2's values (the send's read-back): whether those sent are there. */
  readBack(selection: Selection, values: readonly LoggedValue[]): Promise<ReadBackResult>;
}
