import { dhisPeriodId } from '../dhis-export/reporting-period';
import { exportDataValueSet } from '../dhis-export/export-data-value-set';
import { ISO8601_DHIS2, type Dhis2Calendar } from '../dhis-export/calendars/dhis2-calendar';
import { badRequest, ExportError } from '../dhis-export/export-error';
import type { ExportRequest } from '../dhis-export/export-request';
import type { ExportSource } from '../dhis-export/export-source';
import { loggedValuesOf, totalOf, type ExportLog } from '../export-log/export-log';
import { explainConflict, type ExplainedConflict } from './conflict-explanation';
import { postDataValueSet, type Dhis2FailureReason, type Fetch } from './dhis2-client';
import type { Dhis2Config } from './dhis2-config';
import { checkDhis2Calendar } from './dhis2-system-calendar';
import { isCleanSuccess, type ImportCount, type ImportSummary } from './import-summary';
import { programmeNamesFor } from './programme-names';

export interface SendDeps {
  source: ExportSource;
  dhis2: Dhis2Config;
  /** The calendar DHIS2 should name periods in (DHIS2_CALENDAR), checked against DHIS2's own before sending. */
  dhis2Calendar?: Dhis2Calendar;
  exportLog: ExportLog;
  fetch?: Fetch;
  now?: () => Date;
}

interface Selection {
  dryRun: boolean;
  dataSet: string;
  period: string;
  orgUnit?: string;
  /** How many values were (or would be) sent, and their sum. */
  values: number;
  total: number;
}

/** DHIS2's answer in the programme's words, DHIS2's own fields beside them. */
export type SendOutcome = Selection & (
  | {
    kind: 'summary';
    /** success: imported with no conflict; warning: some values not imported; error: nothing imported. */
    outcome: 'success' | 'warning' | 'error';
    /** Whether DHIS2 kept anything: never for a dry run. */
    sent: boolean;
    headline: string;
    counts: ImportCount;
    conflicts: ExplainedConflict[];
    dhis2: { httpStatus: number } & ImportSummary;
    recordId: string;
  }
  | { kind: 'failure'; reason: Dhis2FailureReason; sent: false; error: string; httpStatus?: number });

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

const headlineOf = (dryRun: boolean, outcome: 'success' | 'warning' | 'error', counts: ImportCount, conflicts: number, values: number): string => {
  const tally = `${counts.imported} imported, ${counts.updated} updated, ${counts.ignored} ignored, ${counts.deleted} deleted`;
  if (outcome === 'success') {
    return dryRun
      ? `DHIS2 would accept all ${plural(values, 'value')} (${tally}); nothing was saved`
      : `DHIS2 accepted all ${plural(values, 'value')}: ${tally}`;
  }
  if (outcome === 'warning') {
    return dryRun
      ? `DHIS2 would not accept every value: ${plural(conflicts, 'conflict')} (${tally}); nothing was saved`
      : `Not every value was accepted: ${plural(conflicts, 'conflict')} (${tally})`;
  }
  return dryRun
    ? `DHIS2 would refuse this import: ${plural(conflicts, 'conflict')} (${tally}); nothing was saved`
    : `DHIS2 refused this import: ${plural(conflicts, 'conflict')} (${tally})`;
};

/**
 * Exports the selection exactly as the download does, and sends that dataValueSet to DHIS2
 * (checked only, for a dry run). Every answer from DHIS2 is recorded; a failure to get one too,
 * and never as sent.
 */
export const sendToDhis2 = async (deps: SendDeps, user: string, request: ExportRequest, dryRun: boolean): Promise<SendOutcome> => {
  if (request.humanReadable) {
    throw badRequest('option "humanReadable" cannot be sent: DHIS2 imports ids, not names');
  }
  const now = deps.now ?? (() => new Date());
  const { dataValueSet, period } = await exportDataValueSet(deps.source, request, now(), { dhis2Calendar: deps.dhis2Calendar });
  const rows = dataValueSet.dataValues;
  const selection: Selection = {
    dryRun,
    dataSet: request.dataSet,
    period: dhisPeriodId(period),
    ...(request.orgUnit === undefined ? {} : { orgUnit: request.orgUnit }),
    values: rows.length,
    total: totalOf(rows),
  };
  const calendar = await checkDhis2Calendar(deps.dhis2, deps.dhis2Calendar ?? ISO8601_DHIS2, deps.fetch);
  if (calendar.kind === 'differs') {
    throw new ExportError(409, calendar.message);
  }
  const answer = calendar.kind === 'failure' ? calendar : await postDataValueSet(deps.dhis2, dataValueSet, { dryRun }, deps.fetch);
  const entry = {
    action: dryRun ? 'dry-run' as const : 'send' as const,
    user,
    at: now().toISOString(),
    dataSet: selection.dataSet,
    period: selection.period,
    ...(selection.orgUnit === undefined ? {} : { orgUnit: selection.orgUnit }),
    values: selection.values,
    total: selection.total,
  };
  if (answer.kind === 'failure') {
    await deps.exportLog.record({ ...entry, failure: { reason: answer.reason, message: answer.message } });
    return { ...selection, kind: 'failure', reason: answer.reason, sent: false, error: answer.message,
      ...(answer.httpStatus === undefined ? {} : { httpStatus: answer.httpStatus }) };
  }
  const { summary } = answer;
  const names = await programmeNamesFor(deps.source, request.dataSet, request.orgUnit);
  const conflicts = summary.conflicts.map(conflict => explainConflict(conflict, rows, names));
  const outcome = isCleanSuccess(summary) ? 'success' : summary.status === 'ERROR' ? 'error' : 'warning';
  const counts = summary.importCount;
  const recordId = await deps.exportLog.record({
    ...entry,
    dhis2: { status: summary.status, httpStatus: answer.httpStatus, importCount: counts, conflicts: conflicts.length },
    dataValues: loggedValuesOf(rows),
  });
  return {
    ...selection,
    kind: 'summary',
    outcome,
    sent: !dryRun && summary.status !== 'ERROR',
    headline: headlineOf(dryRun, outcome, counts, conflicts.length, rows.length),
    counts,
    conflicts,
    dhis2: { httpStatus: answer.httpStatus, ...summary },
    recordId,
  };
};
