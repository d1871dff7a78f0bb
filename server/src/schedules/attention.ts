import type { Schedule } from './schedule';
import type { ScheduleStatus } from './schedule-store';

/** Something a manager should look at: a code and parameters, worded by the page in the reader's language. */
export interface Attention {
  scheduleId: string;
  dataSet: string;
  orgUnit?: string;
  code: 'schedule-failing' | 'schedule-gave-up' | 'schedule-stopped' | 'schedule-refused' | 'schedule-waiting';
  params: Record<string, string | number>;
}

/**
 * A schedule needs attention when its last run failed (and is being retried, or retries are spent),
 * stopped on the dry run's conflicts, was refused, or waits on coverage past its day.
 */
export const attentionOf = (schedule: Schedule, status: ScheduleStatus | undefined): Attention | undefined => {
  if (!schedule.enabled || !status) {
    return undefined;
  }
  const base = { scheduleId: schedule.id, dataSet: schedule.dataSet, ...(schedule.orgUnit === undefined ? {} : { orgUnit: schedule.orgUnit }) };
  if (status.waiting) {
    const { period, coverage, minCoverage, dueAt, sendAnywayAt } = status.waiting;
    return { ...base, code: 'schedule-waiting', params: { period, coverage, minCoverage, dueAt, sendAnywayAt } };
  }
  const run = status.lastRun;
  if (!run) {
    return undefined;
  }
  const params = { period: run.period, at: run.at, attempt: run.attempt, ...(run.message ? { message: run.message } : {}) };
  switch (run.state) {
    case 'failed':
    case 'unknown':
      return { ...base, code: 'schedule-failing', params: { ...params, ...(run.nextAttemptAt ? { nextAttemptAt: run.nextAttemptAt } : {}) } };
    case 'gave-up':
      return { ...base, code: 'schedule-gave-up', params };
    case 'stopped':
      return { ...base, code: 'schedule-stopped', params };
    case 'refused':
      return { ...base, code: 'schedule-refused', params };
    default:
      return undefined;
  }
};
