import type { ExportSource } from '../sources/export-source';
import type { Dhis2Calendar } from '../export/calendars/dhis2-calendar';
import type { Fetch } from '../dhis2/dhis2-client';
import type { Dhis2Config } from '../dhis2/dhis2-config';
import type { SendLeases } from '../export-log/send-lease';
import type { ExportLog } from '../export-log/export-log';
import type { Log } from '../logging/log';
import { dhis2SendPort } from './dhis2-send-port';
import type { Clock } from './ports';
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
  db: PouchDB.Database; exportLog: ExportLog; leases: SendLeases; source: ExportSource;
  dhis2?: Dhis2Config; dhis2Calendar?: Dhis2Calendar; fetch?: Fetch; clock: Clock; log: Log;
}): OpenedSchedules => {
  const { db, exportLog, leases, source, dhis2, dhis2Calendar, clock, log } = deps;
  const store = new ScheduleStore(db);
  const stopping = new AbortController();
  const scheduler = new Scheduler({
    clock,
    log: exportLog,
    store,
    source,
    send: dhis2SendPort(source, dhis2, { clock: () => clock.now(), dhis2Calendar, ...(deps.fetch ? { fetch: deps.fetch } : {}), stopping: stopping.signal }),
    leases,
    // A read-back, two calendar checks, a dry run, a send and a completeness registration may each take DHIS2_TIMEOUT_MS.
    leaseTtlMs: (dhis2?.timeoutMs ?? 300_000) * 6 + 60_000,
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
