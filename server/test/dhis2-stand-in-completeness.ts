import type { StandInOptions } from './dhis2-stand-in';
import { behaviourOf } from './dhis2-stand-in-versions';

/**
 * `POST /api/completeDataSetRegistrations` (JSON), as DHIS2 2.38 to 2.43 answer it
 * (`dhis-service-dxf2/.../dataset/DefaultCompleteDataSetRegistrationExchangeService`): a conflict
 * per registration it cannot make (data set or org unit unknown, org unit not assigned to the data
 * set), imported for a new one (and for each in a dry run), updated for one already there; ERROR
 * when every registration was ignored, else SUCCESS, conflicts and all; 409 for ERROR
 * (`WebMessageUtils.importSummary`), wrapped from 2.38.
 */
export const completeRegistrations = (
  text: string, query: URLSearchParams, options: StandInOptions, completed: Map<string, string>,
  received: { dryRun: boolean; body: unknown }[],
): [number, unknown] => {
  const dryRun = query.get('dryRun') === 'true';
  let body: { completeDataSetRegistrations?: Record<string, unknown>[] };
  try {
    body = JSON.parse(text);
  } catch {
    return [400, { httpStatus: 'Bad Request', httpStatusCode: 400, status: 'ERROR', message: 'Invalid JSON payload' }];
  }
  received.push({ dryRun, body });
  const registrations = Array.isArray(body.completeDataSetRegistrations) ? body.completeDataSetRegistrations : [];
  const { metadata } = options;
  const conflicts: { object: string; value: string }[] = [];
  const count = { imported: 0, updated: 0, ignored: 0, deleted: 0 };
  for (const registration of registrations) {
    const dataSetId = String(registration['dataSet']);
    const orgUnit = String(registration['organisationUnit']);
    const dataSet = metadata.dataSets[dataSetId];
    if (!dataSet) {
      conflicts.push({ object: dataSetId, value: 'Data set not found or not accessible' });
    } else if (!metadata.orgUnits.includes(orgUnit)) {
      conflicts.push({ object: orgUnit, value: 'Organisation unit not found or not accessible' });
    } else if (!dataSet.orgUnits.includes(orgUnit)) {
      conflicts.push({ object: dataSetId, value: `Data set ${dataSetId} is not assigned to organisation unit ${orgUnit}` });
    } else {
      const key = `${dataSetId}/${registration['period']}/${orgUnit}`;
      if (completed.has(key)) {
        count.updated++;
      } else {
        count.imported++;
      }
      if (!dryRun) {
        completed.set(key, typeof registration['date'] === 'string' ? registration['date'] : new Date().toISOString().slice(0, 10));
      }
      continue;
    }
    count.ignored++;
  }
  const status = count.ignored === registrations.length ? 'ERROR' : 'SUCCESS';
  const summary = { responseType: 'ImportSummary', status, importOptions: { dryRun }, importCount: count, conflicts };
  if (!behaviourOf(options.version ?? '2.40').wrapped) {
    return [200, summary];
  }
  return [status === 'ERROR' ? 409 : 200, {
    httpStatus: status === 'ERROR' ? 'Conflict' : 'OK', httpStatusCode: status === 'ERROR' ? 409 : 200, status,
    message: status === 'ERROR' ? 'An error occurred, please check import summary.' : 'Import was successful.', response: summary,
  }];
};
