import { dhisPeriodId } from '../export/reporting-period';
import { exportDataValueSet } from '../export/export-data-value-set';
import { ISO8601_DHIS2, type Dhis2Calendar } from '../export/calendars/dhis2-calendar';
import { ExportError, badRequest } from '../export/export-error';
import type { ExportRequest } from '../export/export-request';
import type { ExportSource } from '../sources/export-source';
import { loggedValuesOf, totalOf, type ExportLog, type ExportLogEntry } from '../export-log/export-log';
import { completeAfterImport, loggedCompleteness } from './complete-registration';
import { postDataValueSet, type Fetch } from './dhis2-client';
import type { Dhis2Config } from './dhis2-config';
import { checkDhis2Calendar } from './dhis2-system-calendar';
import { verdictOf } from './import-verdict';
import type { ReadBackResult } from '../export-log/dhis2-outcomes';
import { readBack } from './read-back';
import { digestOf } from '../export/send-digest';
import type { SendLeases } from '../export-log/send-lease';
import { headlineOf, unknownHeadlineOf, type SendOutcome, type SendSelectionSummary } from './send-outcome';

export type { SendOutcome } from './send-outcome';

export interface SendDeps {
  source: ExportSource;
  dhis2: Dhis2Config;
  /** The calendar DHIS2 should name periods in (DHIS2_CALENDAR), checked against DHIS2's own before sending. */
  dhis2Calendar?: Dhis2Calendar;
  exportLog: ExportLog;
  leases: SendLeases;
  fetch?: Fetch;
  now?: () => Date;
}

export interface SendOrder {
  request: ExportRequest;
  dryRun: boolean;
  /** The digest the sender confirmed (the preview's or the log's); undefined: send whatever the export holds now. */
  confirm?: string;
}

/** Pauses before each read-back after an unknown outcome: DHIS2 may still be importing when its answer is lost. */
export const DEFAULT_READ_BACK_DELAYS_MS = [2_000, 10_000];

const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** A lease outlives the longest send: the import's timeout, then the read-backs. */
const leaseMsOf = (dhis2: Dhis2Config) =>
  dhis2.timeoutMs * 2 + (dhis2.readBackDelaysMs ?? DEFAULT_READ_BACK_DELAYS_MS).reduce((sum, ms) => sum + ms + dhis2.timeoutMs, 0) + 60_000;

/** Reads DHIS2 back after each pause until every value is found there; the last reading stands. */
export const settleByReadBack = async (
  dhis2: Dhis2Config, sent: Parameters<typeof readBack>[1], fetchImpl?: Fetch,
): Promise<ReadBackResult> => {
  let result: ReadBackResult = { outcome: 'unreadable', matching: 0, differing: 0, missing: 0 };
  for (const delay of dhis2.readBackDelaysMs ?? DEFAULT_READ_BACK_DELAYS_MS) {
    await pause(delay);
    result = await readBack(dhis2, sent, fetchImpl);
    if (result.outcome === 'in-dhis2') {
      break;
    }
  }
  return result;
};

/**
 * Exports the selection exactly as the download does and sends that dataValueSet to DHIS2 (checked
 * only, for a dry run): refused with 409 when it is not what the sender confirmed, or when another
 * send of the selection is under way. Every answer is recorded; an unknown outcome is recorded as
 * such, then settled by reading DHIS2 back, recorded as a second event.
 */
export const sendToDhis2 = async (deps: SendDeps, user: string, { request, dryRun, confirm }: SendOrder): Promise<SendOutcome> => {
  if (request.humanReadable) {
    throw badRequest('option "humanReadable" cannot be sent: DHIS2 imports ids, not names', 'send.humanReadable');
  }
  const now = deps.now ?? (() => new Date());
  const { dataValueSet, period } = await exportDataValueSet(deps.source, request, now(), { dhis2Calendar: deps.dhis2Calendar });
  const rows = dataValueSet.dataValues;
  const selection: SendSelectionSummary = {
    dryRun,
    dataSet: request.dataSet,
    period: dhisPeriodId(period),
    ...(request.orgUnit === undefined ? {} : { orgUnit: request.orgUnit }),
    values: rows.length,
    total: totalOf(rows),
    digest: digestOf(dataValueSet),
  };
  if (confirm !== undefined && confirm !== selection.digest) {
    throw new ExportError(409, `The figures changed since they were confirmed: the export now holds ${selection.values} values ` +
      `totalling ${selection.total}. Nothing was sent; look at them again and confirm the new digest`, 'send.changed',
    { now: { values: selection.values, total: selection.total, digest: selection.digest }, confirmed: confirm });
  }
  const lease = dryRun ? undefined : await deps.leases.take(selection, user, now(), leaseMsOf(deps.dhis2));
  if (lease && !lease.taken) {
    throw new ExportError(409, `${lease.holder} has been sending ${selection.dataSet} ${selection.period} ` +
      `${selection.orgUnit ?? '(all places)'} to DHIS2 since ${lease.since}; nothing was sent. Try again once it is done`,
    'send.busy', { holder: lease.holder, since: lease.since });
  }
  try {
    return await sendAndRecord(deps, user, request, selection, dataValueSet, now);
  } finally {
    await lease?.release();
  }
};

const sendAndRecord = async (
  deps: SendDeps, user: string, request: ExportRequest, selection: SendSelectionSummary,
  dataValueSet: Awaited<ReturnType<typeof exportDataValueSet>>['dataValueSet'], now: () => Date,
): Promise<SendOutcome> => {
  const { dryRun } = selection;
  const rows = dataValueSet.dataValues;
  const calendar = await checkDhis2Calendar(deps.dhis2, deps.dhis2Calendar ?? ISO8601_DHIS2, deps.fetch);
  if (calendar.kind === 'differs') {
    throw new ExportError(409, calendar.message, 'calendar.dhis2-differs');
  }
  const answer = calendar.kind === 'failure' ? calendar : await postDataValueSet(deps.dhis2, dataValueSet, { dryRun }, deps.fetch);
  const entry: ExportLogEntry = {
    action: dryRun ? 'dry-run' : 'send',
    user,
    at: now().toISOString(),
    dataSet: selection.dataSet,
    period: selection.period,
    ...(selection.orgUnit === undefined ? {} : { orgUnit: selection.orgUnit }),
    omitZeros: request.omitZeros,
    values: selection.values,
    total: selection.total,
    digest: selection.digest,
  };
  // A dry run saves nothing, whatever became of its answer.
  if (answer.kind === 'failure' || (answer.kind === 'unknown' && dryRun)) {
    const recordId = await deps.exportLog.record({ ...entry, ...(dryRun ? {} : { sent: false }), failure: { reason: answer.reason, message: answer.message } });
    return { ...selection, kind: 'failure', outcome: 'failed', reason: answer.reason, sent: false, error: answer.message,
      ...(answer.httpStatus === undefined ? {} : { httpStatus: answer.httpStatus }), recordId };
  }
  if (answer.kind === 'unknown') {
    const sent = loggedValuesOf(rows);
    const recordId = await deps.exportLog.record({ ...entry, sent: null,
      unknown: { reason: answer.reason, message: answer.message, ...(answer.httpStatus === undefined ? {} : { httpStatus: answer.httpStatus }) }, dataValues: sent });
    const found = await settleByReadBack(deps.dhis2, { dataSet: selection.dataSet, period: selection.period, dataValues: sent }, deps.fetch);
    const readBackId = await deps.exportLog.record({ ...entry, action: 'read-back', at: now().toISOString(), readBack: { ...found, refersTo: recordId, sentAt: entry.at } });
    return { ...selection, kind: 'unknown', outcome: 'unknown', reason: answer.reason, sent: null, error: answer.message,
      ...(answer.httpStatus === undefined ? {} : { httpStatus: answer.httpStatus }),
      headline: unknownHeadlineOf(rows.length, found), recordId, readBack: { ...found, recordId: readBackId } };
  }
  const { summary } = answer;
  const { outcome, conflicts, refused, kept, sent } = await verdictOf(deps.source, selection, rows, summary, dryRun);
  const counts = summary.importCount;
  const completeness = request.completeDataSet
    ? await completeAfterImport(deps.dhis2, {
      dataSet: dataValueSet.dataSet, period: dataValueSet.period, date: dataValueSet.completeDate, dryRun, rows, accepted: outcome === 'success',
    }, deps.fetch)
    : undefined;
  const recordId = await deps.exportLog.record({
    ...entry,
    ...(dryRun ? {} : { sent }),
    dhis2: { status: summary.status, httpStatus: answer.httpStatus, importCount: counts, conflicts: conflicts.length },
    ...(completeness ? { completeness: loggedCompleteness(completeness) } : {}),
    dataValues: loggedValuesOf(dryRun ? rows : kept),
  });
  return {
    ...selection,
    kind: 'summary',
    outcome,
    sent,
    refused: refused.size,
    headline: headlineOf(dryRun, outcome, counts, conflicts.length, rows.length, sent),
    counts,
    conflicts,
    dhis2: { httpStatus: answer.httpStatus, ...summary },
    recordId,
    ...(completeness ? { completeness } : {}),
  };
};
