import type { ExportSource } from '../dhis-export/export-source';
import type { Fetch } from '../dhis2/dhis2-client';
import type { Dhis2Config } from '../dhis2/dhis2-config';
import type { ExportLog } from '../export-log/export-log';
import type { Log } from '../http/log';
import { dhis2SendPort } from './dhis2-send-port';
import type { Clock } from './ports';
import { pouchLease } from './schedule-lease';
import { ScheduleStore } from './schedule-store';
import { Scheduler } from './scheduler';

export interface OpenedSchedules {
  store: ScheduleStore;
  scheduler: Scheduler;
  /** Starts keeping time (catching up first), when sending to DHIS2 is configured. */
  start(): void;
  /** A schedule was created, changed or deleted: look again now. */
  changed(): void;
  stop(): Promise<void>;
}

/**
 * Scheduled sends, kept in the export log's database: the store, and a scheduler that runs them
 * when sending to DHIS2 is configured. The clock is the server's one clock.
 */
export const openSchedules = (deps: {
  db: PouchDB.Database; exportLog: ExportLog; source: ExportSource; dhis2?: Dhis2Config; fetch?: Fetch; clock: Clock; log: Log;
}): OpenedSchedules => {
  const { db, exportLog, source, dhis2, clock, log } = deps;
  const store = new ScheduleStore(db);
  const stopping = new AbortController();
  const scheduler = new Scheduler({
    clock,
    log: exportLog,
    store,
    source,
    send: dhis2SendPort(source, dhis2, () => clock.now(), deps.fetch, stopping.signal),
    lease: pouchLease(db, clock),
    // A dry run, a send and a read-back may each take DHIS2_TIMEOUT_MS.
    leaseTtlMs: (dhis2?.timeoutMs ?? 300_000) * 3 + 60_000,
    messages: log,
  });
  // Without DHIS2 the schedules are kept, and nothing runs: no run is recorded as refused for it.
  const running = dhis2 !== undefined;
  return {
    store,
    scheduler,
    start: () => (running ? scheduler.start() : undefined),
    changed: () => (running ? void scheduler.runDue() : undefined),
    stop: async () => {
      stopping.abort();
      await scheduler.stop();
    },
  };
};
