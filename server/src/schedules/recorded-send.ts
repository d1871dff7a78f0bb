import type { DataValueSet } from '../dhis-export/data-value-set';
import { loggedValuesOf, totalOf, type ExportLog } from '../export-log/export-log';
import type { PostResult, SendPort } from './ports';
import type { RunEntry, RunEnd, RunRecord } from './run-record';
import type { Schedule, Selection } from './schedule';

/** Writes a schedule's records of one selection, numbered in order. */
export class RunWriter {
  private step: number;

  constructor(
    private readonly log: ExportLog,
    private readonly schedule: Schedule,
    private readonly selection: Selection,
    private readonly now: () => Date,
    known: readonly RunRecord[],
    readonly attempt: number,
    private readonly correction = false,
  ) {
    this.step = Math.max(0, ...known.map(record => record.step));
  }

  async write(entry: Pick<RunEntry, 'action' | 'outcome'> & Partial<RunEntry>): Promise<string> {
    const { dataSet, period, orgUnit } = this.selection;
    return this.log.record({
      user: this.schedule.updatedBy,
      at: this.now().toISOString(),
      dataSet,
      period,
      ...(orgUnit === undefined ? {} : { orgUnit }),
      values: 0,
      total: 0,
      trigger: 'schedule',
      scheduleId: this.schedule.id,
      attempt: this.attempt,
      step: ++this.step,
      ...(this.correction ? { correction: true } : {}),
      ...entry,
    } as RunEntry);
  }
}

/** How a send went: ended (and how), or to try again. */
export type SendStep = { kind: 'ended'; end: RunEnd; message?: string } | { kind: 'retry'; state: 'failed' | 'unknown'; message: string };

const failureOf = (result: Extract<PostResult, { reason: string }>) => ({ reason: result.reason, message: result.message });

/**
 * Dry-runs when asked (conflicts stop it), records what goes before DHIS2 is asked, sends, and
 * records DHIS2's answer as settling it. Nothing after the first record is certain: a crash leaves it unknown.
 */
export const recordedSend = async (
  port: SendPort, writer: RunWriter, dataValueSet: DataValueSet,
  options: { dryRunFirst: boolean; completeDataSet: boolean; forced?: RunEntry['forced'] },
): Promise<SendStep> => {
  const rows = dataValueSet.dataValues;
  const size = { values: rows.length, total: totalOf(rows) };
  if (options.dryRunFirst) {
    const check = await port.dryRun(dataValueSet);
    if (check.kind === 'answered') {
      await writer.write({ action: 'dry-run', ...size, sent: false, outcome: check.outcome, dhis2: check.dhis2 });
      if (check.outcome !== 'success') {
        return { kind: 'ended', end: 'stopped', message: `The dry run found ${check.dhis2.conflicts} conflict(s): nothing was sent` };
      }
    } else {
      const refused = check.kind === 'refused';
      await writer.write({ action: 'dry-run', ...size, sent: false, outcome: refused ? 'refused' : 'failed', failure: failureOf(check) });
      return refused ? { kind: 'ended', end: 'refused', message: check.message } : { kind: 'retry', state: 'failed', message: check.message };
    }
  }
  const started = await writer.write({
    action: 'send', ...size, sent: null, outcome: 'unknown', dataValues: loggedValuesOf(rows),
    ...(options.forced ? { forced: options.forced } : {}),
    ...(options.completeDataSet ? { completeDataSet: 'not-supported' as const } : {}),
  });
  const result = await port.send(dataValueSet, { completeDataSet: options.completeDataSet });
  switch (result.kind) {
    case 'answered':
      await writer.write({ action: 'send', ...size, settles: started, sent: result.sent, outcome: result.outcome, dhis2: result.dhis2 });
      return { kind: 'ended', end: result.sent ? 'sent' : 'refused',
        ...(result.outcome === 'success' ? {} : { message: `DHIS2 reported ${result.dhis2.conflicts} conflict(s)` }) };
    case 'refused':
      await writer.write({ action: 'send', ...size, settles: started, sent: false, outcome: 'refused', failure: failureOf(result) });
      return { kind: 'ended', end: 'refused', message: result.message };
    case 'not-received':
      await writer.write({ action: 'send', ...size, settles: started, sent: false, outcome: 'failed', failure: failureOf(result) });
      return { kind: 'retry', state: 'failed', message: result.message };
    case 'unknown':
      // Not settled: the next attempt reads DHIS2's values back first.
      await writer.write({ action: 'send', ...size, sent: null, outcome: 'unknown', failure: failureOf(result) });
      return { kind: 'retry', state: 'unknown', message: result.message };
  }
};

/** Settles a send of unknown outcome by reading DHIS2's values back: ended when they are there. */
export const settleByReadBack = async (port: SendPort, writer: RunWriter, selection: Selection, pending: RunRecord): Promise<SendStep | 'absent'> => {
  const size = { values: pending.values, total: pending.total };
  const found = await port.readBack(selection, pending.dataValues ?? []);
  if (found.kind === 'unreachable') {
    await writer.write({ action: 'send', ...size, readBack: 'unreachable', sent: null, outcome: 'unknown', failure: { reason: found.reason, message: found.message } });
    return { kind: 'retry', state: 'unknown', message: found.message };
  }
  if (found.kind === 'absent') {
    await writer.write({ action: 'send', ...size, settles: pending.id, readBack: 'absent', sent: false, outcome: 'failed' });
    return 'absent';
  }
  await writer.write({ action: 'send', ...size, settles: pending.id, readBack: found.kind, sent: true, outcome: found.kind === 'landed' ? 'success' : 'warning' });
  return { kind: 'ended', end: 'sent', message: found.kind === 'landed' ? 'DHIS2 had received it: confirmed by reading its values back' : 'DHIS2 kept only some values' };
};
