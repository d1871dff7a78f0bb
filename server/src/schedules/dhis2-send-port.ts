import { ISO8601_DHIS2, type Dhis2Calendar } from '../export/calendars/dhis2-calendar';
import type { DataValueSet } from '../export/data-value-set';
import { exportDataValueSet } from '../export/export-data-value-set';
import { previewExport } from '../export/export-preview';
import type { ExportRequest } from '../export/export-request';
import type { ExportSource } from '../sources/export-source';
import type { DhisPeriod } from '../export/reporting-period';
import { loggedValuesOf } from '../export-log/export-log';
import { completeAfterImport, loggedCompleteness } from '../dhis2/complete-registration';
import { postDataValueSet, type Dhis2Answer, type Fetch } from '../dhis2/dhis2-client';
import type { Dhis2Config } from '../dhis2/dhis2-config';
import { checkDhis2Calendar } from '../dhis2/dhis2-system-calendar';
import { verdictOf } from '../dhis2/import-verdict';
import { readBack } from '../dhis2/read-back';
import type { PostResult, SendPort } from './ports';

const requestOf = (selection: { dataSet: string; period: DhisPeriod; orgUnit?: string }): ExportRequest => ({
  dataSet: selection.dataSet,
  period: selection.period,
  ...(selection.orgUnit === undefined ? {} : { orgUnit: selection.orgUnit }),
  humanReadable: false,
  format: 'json',
  omitZeros: false,
});

type NoSummary = Exclude<PostResult, { kind: 'answered' }>;

/**
 * The client's answer without an import summary, sorted by what a scheduled run does next. A dry
 * run saves nothing, so its unknown outcome is a failure to retry, as the send records it.
 */
export const classify = (answer: Exclude<Dhis2Answer, { kind: 'summary' }>, dryRun: boolean): NoSummary => {
  const failure = { reason: answer.reason, message: answer.message, ...(answer.httpStatus === undefined ? {} : { httpStatus: answer.httpStatus }) };
  if (answer.kind === 'unknown') {
    return { kind: dryRun ? 'not-received' : 'unknown', ...failure };
  }
  switch (answer.reason) {
    case 'credentials':
    case 'forbidden':
    case 'rejected':
      return { kind: 'refused', ...failure };
    case 'network':
    case 'server':
    case 'timeout':
    case 'connection':
    case 'gateway':
      return { kind: 'not-received', ...failure };
  }
};

export interface Dhis2SendPortOptions {
  clock: () => Date;
  /** The calendar DHIS2 names periods in (DHIS2_CALENDAR), checked against DHIS2's own before each post. */
  dhis2Calendar?: Dhis2Calendar;
  fetch?: Fetch;
  /** Aborts what DHIS2 is asked once the server stops. */
  stopping?: AbortSignal;
}

/**
 * The send's own pieces for a scheduled run: the export as the download makes it, the calendar
 * check, DHIS2's import (`postDataValueSet`) weighed as the send weighs it (`verdictOf`: refused
 * values are not sent), completeness registered after it (`completeAfterImport`), and the read-back.
 */
export const dhis2SendPort = (source: ExportSource, dhis2: Dhis2Config | undefined, options: Dhis2SendPortOptions): SendPort => {
  const { clock, dhis2Calendar, stopping } = options;
  const fetchImpl = options.fetch ?? fetch;
  // A stopping server does not wait minutes for DHIS2: what it sent stays unknown until read back.
  const fetchUntilStopped: Fetch = (input, init) =>
    fetchImpl(input, stopping ? { ...init, signal: init?.signal ? AbortSignal.any([init.signal, stopping]) : stopping } : init);
  const post = async (dataValueSet: DataValueSet, dryRun: boolean, orgUnit: string | undefined, completeDataSet = false): Promise<PostResult> => {
    if (!dhis2) {
      return { kind: 'refused', reason: 'not-configured', message: 'Sending to DHIS2 is not configured on this server (DHIS2_URL)' };
    }
    const calendar = await checkDhis2Calendar(dhis2, dhis2Calendar ?? ISO8601_DHIS2, fetchUntilStopped);
    if (calendar.kind === 'differs') {
      return { kind: 'refused', reason: 'calendar', message: calendar.message };
    }
    const answer = calendar.kind === 'failure' ? calendar : await postDataValueSet(dhis2, dataValueSet, { dryRun }, fetchUntilStopped);
    if (answer.kind !== 'summary') {
      return classify(answer, dryRun);
    }
    const { summary, httpStatus } = answer;
    const rows = dataValueSet.dataValues;
    const verdict = await verdictOf(source, { dataSet: dataValueSet.dataSet, ...(orgUnit === undefined ? {} : { orgUnit }) }, rows, summary, dryRun);
    const completeness = !dryRun && completeDataSet
      ? await completeAfterImport(dhis2, {
        dataSet: dataValueSet.dataSet, period: dataValueSet.period, date: dataValueSet.completeDate, dryRun, rows, accepted: verdict.outcome === 'success',
      }, fetchUntilStopped)
      : undefined;
    return {
      kind: 'answered', sent: verdict.sent, outcome: verdict.outcome,
      dhis2: { status: summary.status, httpStatus, importCount: summary.importCount, conflicts: verdict.conflicts.length },
      kept: loggedValuesOf(dryRun ? rows : verdict.kept),
      ...(completeness ? { completeness: loggedCompleteness(completeness) } : {}),
    };
  };
  return {
    configured: dhis2 !== undefined,
    exportNow: async selection => {
      const { dataValueSet, period } = await exportDataValueSet(source, requestOf(selection), clock(), { dhis2Calendar });
      return { dataValueSet, period };
    },
    coverage: async selection => {
      const preview = await previewExport(source, requestOf(selection), clock(), { dhis2Calendar });
      const expected = preview.coverage.reduce((sum, entry) => sum + entry.expected, 0);
      const reported = preview.coverage.reduce((sum, entry) => sum + entry.reported, 0);
      return { expected, reported, percent: expected === 0 ? 100 : Math.floor((reported / expected) * 1000) / 10 };
    },
    dryRun: (dataValueSet, { orgUnit }) => post(dataValueSet, true, orgUnit),
    send: (dataValueSet, { orgUnit, completeDataSet }) => post(dataValueSet, false, orgUnit, completeDataSet),
    readBack: (selection, values) => (dhis2
      ? readBack(dhis2, { dataSet: selection.dataSet, period: selection.period, dataValues: values }, fetchUntilStopped)
      : Promise.resolve({ outcome: 'unreadable', matching: 0, differing: 0, missing: 0, message: 'Sending to DHIS2 is not configured on this server' })),
  };
};
