import { ExportError } from '../export/export-error';
import type { DhisPeriod } from '../export/reporting-period';
import { changesSince } from '../export-log/changes-since-send';
import { loggedValuesOf } from '../export-log/export-log';
import { recordedSend, RunWriter, settleByReadBack } from './recorded-send';
import { runStateOf, unsettledSends } from './run-record';
import { scheduleRecords, selectionOf, type RunDeps } from './run-period';
import type { Schedule } from './schedule';
import { monthsBetween, periodBefore } from './schedule-moments';

export interface CorrectionDeps extends RunDeps {
  underLease<T>(period: DhisPeriod, work: () => Promise<T>): Promise<T | 'busy'>;
}

const keyOf = (row: { orgUnit: string; dataElement: string; categoryOptionCombo?: unknown; attributeOptionCombo?: unknown }) =>
  JSON.stringify([row.orgUnit, row.dataElement, row.categoryOptionCombo ?? null, row.attributeOptionCombo ?? null]);

/**
 * Late data: for the periods this schedule sent within `resendChanges` months before `current`,
 * compares the export now with the selection's last send DHIS2 kept (manual, scheduled or a
 * correction, which carries the whole selection) and sends the values that changed or appeared,
 * only those, recorded as a correction. A value gone from the export is left in DHIS2. A correction
 * that fails is tried again at the next run.
 */
export const sendCorrections = async (deps: CorrectionDeps, schedule: Schedule, current: DhisPeriod): Promise<number> => {
  let corrected = 0;
  for (let period = periodBefore(current); monthsBetween(period, current) <= schedule.resendChanges; period = periodBefore(period)) {
    // Another process at it: its correction, or the next run's, will do.
    const sent = await deps.underLease(period, () => correctPeriod(deps, schedule, period));
    corrected += sent === true ? 1 : 0;
  }
  return corrected;
};

const correctPeriod = async (deps: RunDeps, schedule: Schedule, period: DhisPeriod): Promise<boolean> => {
  const { clock, log, send, store } = deps;
  {
    const selection = selectionOf(schedule, period);
    const ours = await scheduleRecords(log, schedule, selection);
    const main = runStateOf(ours);
    if (main.kind !== 'done' || main.end !== 'sent') {
      return false;
    }
    const attempt = Math.max(...ours.map(record => record.attempt));
    const writer = new RunWriter(log, schedule, selection, () => clock.now(), ours, attempt, true);
    const [pending] = unsettledSends(ours.filter(record => record.correction));
    if (pending && (await settleByReadBack(send, writer, selection, pending)) !== 'not-in-dhis2') {
      return false;
    }
    const sent = (await log.lastSend(selection.dataSet, selection.period, selection.orgUnit))?.dataValues ?? [];
    let exported;
    try {
      exported = await send.exportNow({ ...schedule, period });
    } catch (error) {
      if (error instanceof ExportError) return false;
      throw error;
    }
    const changed = new Set(changesSince(sent, loggedValuesOf(exported.dataValueSet.dataValues))
      .filter(change => change.now !== undefined).map(keyOf));
    if (changed.size === 0) {
      return false;
    }
    const dataValueSet = { ...exported.dataValueSet, dataValues: exported.dataValueSet.dataValues.filter(row => changed.has(keyOf(row))) };
    const step = await recordedSend(send, writer, dataValueSet, { dryRunFirst: schedule.dryRunFirst, completeDataSet: false, before: sent });
    const confirmed = step.kind === 'ended' && step.end === 'sent';
    await store.updateStatus(schedule.id, status => ({ ...status,
      lastCorrection: { period: selection.period, at: clock.now().toISOString(), values: dataValueSet.dataValues.length, sent: confirmed } }));
    return confirmed;
  }
};
