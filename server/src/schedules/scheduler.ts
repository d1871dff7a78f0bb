import { dhisPeriodId, monthStartDateOf, type DhisPeriod } from '../export/reporting-period';
import type { ExportSource } from '../sources/export-source';
import type { SendLeases } from '../export-log/send-lease';
import type { Log } from '../logging/log';
import { dataSetsOf, periodTypeOf, type AppSettings } from '../settings/app-settings';
import { sendCorrections } from './corrections';
import { runPeriod, selectionOf, type PeriodRun, type RunDeps } from './run-period';
import { selectionKey, type Schedule } from './schedule';
import { dueMoments, lastEndedPeriod, nextMoment } from './schedule-moments';
import { reportingCalendarOf } from '../export/calendars/reporting-calendar';

export interface SchedulerDeps extends RunDeps {
  source: ExportSource;
  /** The send's leases: a scheduled run and a manual send of one selection exclude each other, across processes. */
  leases: SendLeases;
  /** How long a lease lasts: longer than a dry run, a send and a read-back together. */
  leaseTtlMs: number;
  messages: Log;
}

/** The longest the scheduler sleeps: schedules changed by another process show within it. */
const MAX_SLEEP_MS = 60_000;
const BUSY_RETRY_MS = 60_000;

/** Runs due in the schedule's life so far, one per period, oldest first, with the moment each became due. */
export const duePeriods = (schedule: Schedule, settings: AppSettings, now: Date): Array<{ period: DhisPeriod; dueAt: Date }> => {
  const dataSet = dataSetsOf(settings).find(({ id }) => id === schedule.dataSet);
  const periodType = dataSet ? periodTypeOf(dataSet) : undefined;
  if (!periodType) {
    return [];
  }
  const startDay = monthStartDateOf(settings);
  const calendar = reportingCalendarOf(settings);
  const seen = new Set<string>();
  return dueMoments(schedule, new Date(schedule.activeSince), now).flatMap(dueAt => {
    const period = lastEndedPeriod(dueAt, schedule.timeZone, periodType, startDay, calendar);
    if (!period) return [];
    const id = dhisPeriodId(period);
    if (seen.has(id)) return [];
    seen.add(id);
    return [{ period, dueAt }];
  });
};

/**
 * Looks at every enabled schedule at start (catching up what was missed), at each one's next
 * moment, retry or coverage check, and at least every minute. One run at a time in a process; across
 * processes sharing the database, the selection's lease decides who runs, and the log what is left to do.
 */
export class Scheduler {
  private queue: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly done = new Set<string>();

  private readonly deps: SchedulerDeps;

  constructor(deps: SchedulerDeps) {
    // Once stopping, nothing more is recorded: a send under way stays unknown, as after a crash,
    // and the next start settles it by read-back.
    const record: SchedulerDeps['log']['record'] = entry => (this.stopped
      ? Promise.reject(new Error('The scheduler is stopping: nothing more is recorded'))
      : deps.log.record(entry));
    this.deps = { ...deps, log: { record, list: query => deps.log.list(query), lastSend: (...selection) => deps.log.lastSend(...selection) } };
  }

  start(): void {
    void this.runDue();
  }

  /** Looks now, after any look under way. */
  runDue(): Promise<void> {
    const look = this.queue.then(() => (this.stopped ? undefined : this.runAll()));
    this.queue = look.catch(() => undefined);
    return look;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.queue;
  }

  private async runAll(): Promise<void> {
    const { clock, store, source, messages } = this.deps;
    clearTimeout(this.timer);
    let wake = new Date(clock.now().getTime() + MAX_SLEEP_MS);
    try {
      const settings = await source.settings();
      for (const schedule of (await store.list()).filter(found => found.enabled)) {
        if (this.stopped) return;
        const next = await this.runSchedule(schedule, settings).catch(error => {
          // Stopping cuts a run short on purpose: the next start settles it.
          if (this.stopped) return wake;
          messages.error(`Scheduled send ${schedule.id} (${schedule.dataSet}) could not run; trying again in a minute`, error);
          return new Date(clock.now().getTime() + BUSY_RETRY_MS);
        });
        if (next < wake) wake = next;
      }
    } catch (error) {
      messages.error('Could not read the scheduled sends; trying again in a minute', error);
    }
    if (!this.stopped) {
      const delay = Math.min(Math.max(wake.getTime() - clock.now().getTime(), 0), MAX_SLEEP_MS);
      this.timer = setTimeout(() => void this.runDue(), delay);
      this.timer.unref();
    }
  }

  /** Every due period of one schedule, oldest first; answers when to look again. */
  private async runSchedule(schedule: Schedule, settings: AppSettings): Promise<Date> {
    const { clock } = this.deps;
    const now = clock.now();
    let wake = nextMoment(schedule, now) ?? new Date(now.getTime() + MAX_SLEEP_MS);
    for (const { period, dueAt } of duePeriods(schedule, settings, now)) {
      const key = `${schedule.id}~${selectionKey(selectionOf(schedule, period))}`;
      if (this.done.has(key) || this.stopped) continue;
      const run = await this.underLease(schedule, period, () => runPeriod(this.deps, schedule, period, dueAt));
      if (run === 'busy') {
        wake = earlier(wake, new Date(clock.now().getTime() + BUSY_RETRY_MS));
      } else if (run.kind === 'wait') {
        wake = earlier(wake, run.until);
      } else {
        this.done.add(key);
        if (run.justEnded && schedule.resendChanges > 0) {
          await sendCorrections({ ...this.deps, underLease: (earlierPeriod, work) => this.underLease(schedule, earlierPeriod, work) }, schedule, period);
        }
      }
    }
    return wake;
  }

  /** Runs `work` holding the selection's send lease, in the name of the schedule's owner (who a manual send is told is sending). */
  private async underLease<T>(schedule: Schedule, period: DhisPeriod, work: () => Promise<T>): Promise<T | 'busy'> {
    const { leases, leaseTtlMs, clock } = this.deps;
    const lease = await leases.take(selectionOf(schedule, period), schedule.updatedBy, clock.now(), leaseTtlMs);
    if (!lease.taken) {
      return 'busy';
    }
    try {
      return await work();
    } finally {
      await lease.release();
    }
  }
}

const earlier = (a: Date, b: Date) => (b < a ? b : a);
