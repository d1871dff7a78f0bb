import { authorizationOf, type Fetch } from './dhis2-client';
import type { Dhis2Config } from './dhis2-config';
import type { ImportCount } from '../export-log/dhis2-outcomes';
import { readImportSummary, type ImportConflict } from './import-summary';

/** What was asked of `POST /api/completeDataSetRegistrations`, and DHIS2's answer. */
export type CompletenessOutcome =
  | {
    /** success: every org unit registered (or would be, in a dry run); error: none or not all. */
    outcome: 'success' | 'error';
    orgUnits: string[];
    httpStatus: number;
    status: string;
    counts: ImportCount;
    conflicts: ImportConflict[];
  }
  /** Not asked of DHIS2: the values were not all accepted (so the data set is not complete), or none was sent. */
  | { outcome: 'skipped'; orgUnits: string[]; reason: 'values-not-accepted' | 'nothing-sent' }
  /** No import summary came back: why. */
  | { outcome: 'failed'; orgUnits: string[]; httpStatus?: number; message: string };

export interface Registration {
  dataSet: string;
  period: string;
  orgUnits: string[];
  /** The completion date, `YYYY-MM-DD`. */
  date: string;
  dryRun: boolean;
}

/**
 * Registers the data set as complete for each org unit, as DHIS2's data entry app does when a form
 * is marked complete; DHIS2's reporting rates count these registrations. Its import is the same in
 * 2.38 to 2.43 (`DefaultCompleteDataSetRegistrationExchangeService`): a registration per org unit,
 * `dryRun` checked without saving, a conflict for each it cannot make (unknown data set or org unit,
 * or an org unit the data set is not assigned to).
 */
export const registerCompleteness = async (
  config: Dhis2Config, { dataSet, period, orgUnits, date, dryRun }: Registration, fetchImpl: Fetch = fetch,
): Promise<CompletenessOutcome> => {
  const url = new URL(`${config.url.href.replace(/\/+$/, '')}/api/completeDataSetRegistrations`);
  url.searchParams.set('dryRun', String(dryRun));
  url.searchParams.set('idScheme', 'UID');
  url.searchParams.set('importStrategy', 'CREATE_AND_UPDATE');
  url.searchParams.set('async', 'false');
  const body = { completeDataSetRegistrations: orgUnits.map(organisationUnit => ({ dataSet, period, organisationUnit, date, completed: true })) };
  const where = config.url.host;
  let response: Response;
  let text: string;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: authorizationOf(config.auth) },
      body: JSON.stringify(body),
      redirect: 'manual',
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    const name = (error as { name?: string }).name;
    return { outcome: 'failed', orgUnits, message: name === 'TimeoutError' || name === 'AbortError'
      ? `DHIS2 at ${where} did not answer the completeness registration in time`
      : `DHIS2 at ${where} could not be reached for the completeness registration` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const summary = readImportSummary(parsed);
  if (!summary) {
    return { outcome: 'failed', orgUnits, httpStatus: response.status,
      message: `DHIS2 at ${where} answered the completeness registration with HTTP ${response.status} and no import summary` };
  }
  const registered = summary.importCount.imported + summary.importCount.updated;
  return {
    outcome: summary.status !== 'ERROR' && summary.conflicts.length === 0 && registered === orgUnits.length ? 'success' : 'error',
    orgUnits,
    httpStatus: response.status,
    status: summary.status,
    counts: summary.importCount,
    conflicts: summary.conflicts,
  };
};

/**
 * After an import: registers completeness for each org unit of the values sent, only when DHIS2
 * accepted every value (as 2.43 completes a group only when none of its values was ignored).
 */
export const completeAfterImport = async (
  config: Dhis2Config,
  { rows, accepted, ...registration }: Omit<Registration, 'orgUnits'> & { rows: readonly { orgUnit: string }[]; accepted: boolean },
  fetchImpl?: Fetch,
): Promise<CompletenessOutcome> => {
  const orgUnits = [...new Set(rows.map(({ orgUnit }) => orgUnit))];
  if (orgUnits.length === 0) {
    return { outcome: 'skipped', orgUnits, reason: 'nothing-sent' };
  }
  if (!accepted) {
    return { outcome: 'skipped', orgUnits, reason: 'values-not-accepted' };
  }
  return registerCompleteness(config, { ...registration, orgUnits }, fetchImpl);
};

/** What the export log keeps of a completeness registration. */
export const loggedCompleteness = (completeness: CompletenessOutcome) => ({
  outcome: completeness.outcome,
  orgUnits: completeness.orgUnits.length,
  ...('status' in completeness ? { status: completeness.status, conflicts: completeness.conflicts.length } : {}),
  ...('httpStatus' in completeness && completeness.httpStatus !== undefined ? { httpStatus: completeness.httpStatus } : {}),
  ...('reason' in completeness ? { reason: completeness.reason } : {}),
});
