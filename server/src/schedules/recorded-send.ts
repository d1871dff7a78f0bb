import type { DataValueSet } from '../export/data-value-set';
import { digestOf } from '../export/send-digest';
import { loggedValuesOf, totalOf, type ExportLog, type LoggedValue } from '../export-log/export-log';
import type { PostResult, SendPort } from './ports';
import type { RunEntry, RunEnd, RunRecord } from './run-record';
import type { Schedule, Selection } from './schedule';

/** Writes a schedule's records of one selection, numbered in order. */
export class RunWriter {
  private step: number;

  constructor(
    private readonly log: ExportLog,
    private readonly schedule: Schedule,
    readonly selection: Selection,
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
      omitZeros: false,
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

const keyOf = (row: LoggedValue) => JSON.stringify([row.orgUnit, row.dataElement, row.categoryOptionCombo ?? null, row.attributeOptionCombo ?? null]);

/** What DHIS2 holds of a selection once `sent` is in, over what it held `before`. */
export const heldAfter = (before: readonly LoggedValue[], sent: readonly LoggedValue[]): LoggedValue[] =>
  [...new Map([...before, ...sent].map(row => [keyOf(row), row])).values()];

export interface SendOptions {
  dryRunFirst: boolean;
  completeDataSet: boolean;
  forced?: RunEntry['forced'];
  /**
   * A correction sends some values over what DHIS2 held of the selection (its last send's): its
   * records then carry the selection's values once it is in, so the last send stays the whole picture.
   */
  before?: readonly LoggedValue[];
}

/**
 * Dry-runs when asked (conflicts stop it), records what goes before DHIS2 is asked, sends, and
 * records DHIS2's answer as settling it. Nothing after the first record is certain: a crash leaves it unknown.
 */
export const recordedSend = async (port: SendPort, writer: RunWriter, dataValueSet: DataValueSet, options: SendOptions): Promise<SendStep> => {
  const rows = dataValueSet.dataValues;
  const size = { values: rows.length, total: totalOf(rows), digest: digestOf(dataValueSet) };
  const { orgUnit } = writer.selection;
  const held = (values: LoggedValue[]) => (options.before ? heldAfter(options.before, values) : values);
  if (options.dryRunFirst) {
    const check = await port.dryRun(dataValueSet, { orgUnit });
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
    action: 'send', ...size, sent: null, outcome: 'unknown', dataValues: held(loggedValuesOf(rows)),
    ...(options.forced ? { forced: options.forced } : {}),
  });
  const result = await port.send(dataValueSet, { orgUnit, completeDataSet: options.completeDataSet });
  switch (result.kind) {
    case 'answered': {
      // As a manual send records it: the values DHIS2 kept, refused ones left out, move the selection's last send.
      await writer.write({ action: 'send', ...size, settles: started, sent: result.sent, outcome: result.outcome, dhis2: result.dhis2,
        ...(result.sent ? { dataValues: held(result.kept) } : {}), ...(result.completeness ? { completeness: result.completeness } : {}) });
      const conflicts = result.dhis2.conflicts;
      const message = !result.sent ? `DHIS2 refused every value: ${conflicts} conflict(s); nothing was sent`
        : result.outcome === 'success' ? undefined : `DHIS2 reported ${conflicts} conflict(s): the values it refused were not sent`;
      return { kind: 'ended', end: result.sent ? 'sent' : 'refused', ...(message ? { message } : {}) };
    }
    case 'refused':
      await writer.write({ action: 'send', ...size, settles: started, sent: false, outcome: 'refused', failure: failureOf(result) });
      return { kind: 'ended', end: 'refused', message: result.message };
    case 'not-received':
      await writer.write({ action: 'send', ...size, settles: started, sent: false, outcome: 'failed', failure: failureOf(result) });
      return { kind: 'retry', state: 'failed', message: result.message };
    case 'unknown':
      // Not settled: the next attempt reads DHIS2's values back first.
      await writer.write({ action: 'send', ...size, sent: null, outcome: 'unknown',
        unknown: { ...failureOf(result), ...(result.httpStatus === undefined ? {} : { httpStatus: result.httpStatus }) } });
      return { kind: 'retry', state: 'unknown', message: result.message };
  }
};

/**
 * Settles a send of unknown outcome by reading DHIS2's values back, recorded as the send's read-back
 * is: ended when every value is there; `not-in-dhis2` when not (the run sends again); else still unknown.
 */
export const settleByReadBack = async (port: SendPort, writer: RunWriter, selection: Selection, pending: RunRecord): Promise<SendStep | 'not-in-dhis2'> => {
  const found = await port.readBack(selection, pending.dataValues ?? []);
  const readBack = { action: 'read-back' as const, values: pending.values, total: pending.total, readBack: { ...found, refersTo: pending.id, sentAt: pending.at } };
  if (found.outcome === 'unreadable') {
    await writer.write({ ...readBack, outcome: 'unknown' });
    return { kind: 'retry', state: 'unknown', message: found.message ?? 'DHIS2 could not be read back' };
  }
  if (found.outcome === 'not-in-dhis2') {
    await writer.write({ ...readBack, settles: pending.id, outcome: 'failed' });
    return 'not-in-dhis2';
  }
  await writer.write({ ...readBack, settles: pending.id, outcome: 'success' });
  return { kind: 'ended', end: 'sent', message: 'DHIS2 had received it: confirmed by reading its values back' };
};
