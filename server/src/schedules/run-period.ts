import { dhisPeriodId, type DhisPeriod } from '../export/reporting-period';
import { ExportError } from '../export/export-error';
import type { ExportLog } from '../export-log/export-log';
import { MAX_LOG_LIMIT } from '../export-log/log-query';
import type { Clock, SendPort } from './ports';
import { recordedSend, RunWriter, settleByReadBack, type SendStep } from './recorded-send';
import { isRunRecord, nextAttemptAt, runStateOf, type RunEnd, type RunRecord } from './run-record';
import type { Schedule, Selection } from './schedule';
import type { ScheduleStore } from './schedule-store';

export interface RunDeps {
  clock: Clock;
  log: ExportLog;
  send: SendPort;
  store: ScheduleStore;
}

/** A period's run: ended (`justEnded` when by this call), or to look at again at `until`. */
export type PeriodRun = { kind: 'done'; end: RunEnd; justEnded: boolean } | { kind: 'wait'; until: Date };

const COVERAGE_CHECK_MS = 3_600_000;
const DAY_MS = 86_400_000;

export const selectionOf = (schedule: Schedule, period: DhisPeriod): Selection => ({
  dataSet: schedule.dataSet,
  period: dhisPeriodId(period),
  ...(schedule.orgUnit === undefined ? {} : { orgUnit: schedule.orgUnit }),
});

/** The schedule's records of the selection (the main run's and its corrections'), every page of the log's. */
export const scheduleRecords = async (log: ExportLog, schedule: Schedule, selection: Selection): Promise<RunRecord[]> => {
  const records: RunRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await log.list({ dataSet: selection.dataSet, period: selection.period, ...(selection.orgUnit === undefined ? {} : { orgUnit: selection.orgUnit }),
      limit: MAX_LOG_LIMIT, ...(cursor === undefined ? {} : { cursor }) });
    records.push(...page.records.filter(isRunRecord)
      .filter(record => record.scheduleId === schedule.id && (record.orgUnit ?? undefined) === selection.orgUnit));
    cursor = page.next;
  } while (cursor !== undefined);
  return records;
};

/**
 * One look at a schedule's run for a period, under the selection's lease: done already; not yet
 * time for the next attempt; waiting on coverage; else the attempt: settle a send of unknown
 * outcome by read-back, then dry-run and send. Never a send for a period already confirmed.
 */
export const runPeriod = async (deps: RunDeps, schedule: Schedule, period: DhisPeriod, dueAt: Date): Promise<PeriodRun> => {
  const { clock, log, send, store } = deps;
  const now = () => clock.now();
  const selection = selectionOf(schedule, period);
  const records = (await scheduleRecords(log, schedule, selection)).filter(record => !record.correction);
  const state = runStateOf(records);
  if (state.kind === 'done') {
    return { kind: 'done', end: state.end, justEnded: false };
  }
  let attempt = 1;
  if (state.kind === 'retry') {
    const next = nextAttemptAt(state.attempt, new Date(state.last.at));
    if (next !== undefined && next > now()) {
      return { kind: 'wait', until: next };
    }
    attempt = state.attempt + 1;
  }
  const writer = new RunWriter(log, schedule, selection, now, records, attempt);
  const report = async (step: SendStep, forced = false): Promise<PeriodRun> => {
    const retryAt = step.kind === 'retry' ? nextAttemptAt(attempt, now()) : undefined;
    if (step.kind === 'retry' && retryAt === undefined) {
      await writer.write({ action: 'send', outcome: 'gave-up', sent: false, failure: { reason: 'retries-spent', message: step.message } });
      return report({ kind: 'ended', end: 'gave-up', message: step.message });
    }
    await store.updateStatus(schedule.id, status => ({
      ...status,
      waiting: undefined,
      lastRun: { period: selection.period, at: now().toISOString(), state: step.kind === 'ended' ? step.end : step.state, attempt,
        ...(step.message ? { message: step.message } : {}), ...(retryAt ? { nextAttemptAt: retryAt.toISOString() } : {}),
        ...(forced ? { forced } : {}) },
    }));
    return step.kind === 'ended' ? { kind: 'done', end: step.end, justEnded: true } : { kind: 'wait', until: retryAt! };
  };
  if (state.kind === 'retry' && state.pending) {
    const settled = await settleByReadBack(send, writer, selection, state.pending);
    if (settled !== 'not-in-dhis2') {
      return report(settled);
    }
  }

  let forced: { coverage: number; minCoverage: number } | undefined;
  if (state.kind === 'new' && schedule.minCoverage > 0) {
    const coverage = await send.coverage({ ...schedule, period });
    const sendAnywayAt = new Date(dueAt.getTime() + schedule.sendAnywayAfterDays * DAY_MS);
    if (coverage.percent < schedule.minCoverage) {
      if (now() < sendAnywayAt) {
        await store.updateStatus(schedule.id, status => ({ ...status, waiting: { period: selection.period, coverage: coverage.percent,
          minCoverage: schedule.minCoverage, dueAt: dueAt.toISOString(), checkedAt: now().toISOString(), sendAnywayAt: sendAnywayAt.toISOString() } }));
        return { kind: 'wait', until: new Date(Math.min(now().getTime() + COVERAGE_CHECK_MS, sendAnywayAt.getTime())) };
      }
      forced = { coverage: coverage.percent, minCoverage: schedule.minCoverage };
    }
  }
  let dataValueSet;
  try {
    ({ dataValueSet } = await send.exportNow({ ...schedule, period }));
  } catch (error) {
    if (!(error instanceof ExportError)) throw error;
    // The settings no longer allow this export (data set or mapping gone): a refusal, said as the export says it.
    await writer.write({ action: 'send', outcome: 'refused', sent: false, failure: { reason: 'export', message: error.message } });
    return report({ kind: 'ended', end: 'refused', message: error.message });
  }
  const step = await recordedSend(send, writer, dataValueSet, { dryRunFirst: schedule.dryRunFirst, completeDataSet: schedule.completeDataSet, ...(forced ? { forced } : {}) });
  return report(step, forced !== undefined);
};
