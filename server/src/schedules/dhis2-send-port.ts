import { exportDataValueSet } from '../dhis-export/export-data-value-set';
import { previewExport } from '../dhis-export/export-preview';
import type { ExportRequest } from '../dhis-export/export-request';
import type { ExportSource } from '../dhis-export/export-source';
import type { DhisPeriod } from '../dhis-export/reporting-period';
import { postDataValueSet, type Dhis2Answer, type Fetch } from '../dhis2/dhis2-client';
import type { Dhis2Config } from '../dhis2/dhis2-config';
import { isCleanSuccess } from '../dhis2/import-summary';
import type { PostResult, SendPort } from './ports';
import { readBackFromDhis2 } from './read-back';

/** Errors that prove the request never reached DHIS2: nothing can have been imported. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);

const requestOf = (selection: { dataSet: string; period: DhisPeriod; orgUnit?: string }): ExportRequest => ({
  dataSet: selection.dataSet,
  period: selection.period,
  ...(selection.orgUnit === undefined ? {} : { orgUnit: selection.orgUnit }),
  humanReadable: false,
  format: 'json',
  omitZeros: false,
});

/** DHIS2's answer sorted by what a scheduled run does next. */
export const classify = (answer: Dhis2Answer, networkCode: string | undefined): PostResult => {
  if (answer.kind === 'summary') {
    const { summary, httpStatus } = answer;
    const outcome = isCleanSuccess(summary) ? 'success' : summary.status === 'ERROR' ? 'error' : 'warning';
    return { kind: 'answered', sent: summary.status !== 'ERROR', outcome,
      dhis2: { status: summary.status, httpStatus, importCount: summary.importCount, conflicts: summary.conflicts.length } };
  }
  const failure = { reason: answer.reason, message: answer.message, ...(answer.httpStatus === undefined ? {} : { httpStatus: answer.httpStatus }) };
  switch (answer.reason) {
    case 'credentials':
    case 'forbidden':
    case 'rejected':
      return { kind: 'refused', ...failure };
    case 'timeout':
      return { kind: 'unknown', ...failure };
    case 'server':
      // A gateway in front of DHIS2 may have passed the import on before giving up.
      return { kind: [502, 503, 504].includes(answer.httpStatus ?? 0) ? 'unknown' : 'not-received', ...failure };
    case 'network':
      return { kind: networkCode !== undefined && NEVER_CONNECTED.has(networkCode) ? 'not-received' : 'unknown', ...failure };
  }
};

/**
 * The send as it stands: the export's own dataValueSet, DHIS2's import (`postDataValueSet`), and a
 * read-back of DHIS2's values. It registers no completeness: the send does not yet.
 */
export const dhis2SendPort = (
  source: ExportSource, dhis2: Dhis2Config | undefined, clock: () => Date, fetchImpl: Fetch = fetch, stopping?: AbortSignal,
): SendPort => {
  // A stopping server does not wait minutes for DHIS2: what it sent stays unknown until read back.
  const fetchUntilStopped: Fetch = (input, init) =>
    fetchImpl(input, stopping ? { ...init, signal: init?.signal ? AbortSignal.any([init.signal, stopping]) : stopping } : init);
  const post = async (dataValueSet: Parameters<typeof postDataValueSet>[1], dryRun: boolean): Promise<PostResult> => {
    if (!dhis2) {
      return { kind: 'refused', reason: 'not-configured', message: 'Sending to DHIS2 is not configured on this server (DHIS2_URL)' };
    }
    let networkCode: string | undefined;
    const watched: Fetch = (input, init) => fetchUntilStopped(input, init).catch(error => {
      networkCode = (error as { cause?: { code?: string } }).cause?.code;
      throw error;
    });
    return classify(await postDataValueSet(dhis2, dataValueSet, { dryRun }, watched), networkCode);
  };
  return {
    configured: dhis2 !== undefined,
    exportNow: async selection => {
      const { dataValueSet, period } = await exportDataValueSet(source, requestOf(selection), clock());
      return { dataValueSet, period };
    },
    coverage: async selection => {
      const preview = await previewExport(source, requestOf(selection), clock());
      const expected = preview.coverage.reduce((sum, entry) => sum + entry.expected, 0);
      const reported = preview.coverage.reduce((sum, entry) => sum + entry.reported, 0);
      return { expected, reported, percent: expected === 0 ? 100 : Math.floor((reported / expected) * 1000) / 10 };
    },
    dryRun: dataValueSet => post(dataValueSet, true),
    send: dataValueSet => post(dataValueSet, false),
    readBack: (selection, values) => (dhis2
      ? readBackFromDhis2(dhis2, selection, values, fetchUntilStopped)
      : Promise.resolve({ kind: 'unreachable', reason: 'not-configured', message: 'Sending to DHIS2 is not configured on this server' })),
  };
};
