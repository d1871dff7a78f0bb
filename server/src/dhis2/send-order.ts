import { badRequest } from '../export/export-error';
import { parseExportRequest, SEND_PARAMETERS } from '../export/export-request';
import type { SendOrder } from './send-to-dhis2';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const dryRunOf = (value: unknown): boolean => {
  if (value === undefined) {
    throw badRequest('"dryRun" is required: true to let DHIS2 check the import and save nothing, false to send ' +
      '(in the query, dryRun=true, or in the JSON body, "dryRun": true)', 'send.dryRunRequired');
  }
  if (value === true || value === 'true') {
    return true;
  }
  if (value === false || value === 'false') {
    return false;
  }
  throw badRequest(`"dryRun" must be true or false, given once; got ${JSON.stringify(value)?.slice(0, 40)}`, 'send.dryRunInvalid');
};

const confirmOf = (value: unknown): string | undefined => {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]{1,100}$/.test(value)) {
    throw badRequest('"confirm" must be the "digest" the preview or the log gave, given once', 'send.confirmInvalid');
  }
  return value;
};

/**
 * A send's order from its query and its JSON body (undefined: none): each parameter in one place
 * only, only known parameters, and `dryRun` always said, so that no mistake becomes an import.
 */
export const parseSendOrder = (query: unknown, body: unknown, now: Date): SendOrder => {
  if (body !== undefined && !isRecord(body)) {
    throw badRequest('The body must be a JSON object such as { "dryRun": true, "filters": { "dataSet": "…", "period": "YYYYMM" } }', 'request.notAnObject');
  }
  const fromQuery = isRecord(query) ? query : {};
  const fromBody = body ?? {};
  const twice = Object.keys(fromQuery).filter(name => Object.hasOwn(fromBody, name));
  if (twice.length > 0) {
    throw badRequest(`Give each parameter in one place, the query or the JSON body, not both: ${twice.map(name => `"${name.slice(0, 40)}"`).join(', ')}`,
      'parameter.twice', { parameters: twice.slice(0, 10) });
  }
  const input = { ...fromQuery, ...fromBody };
  const request = parseExportRequest(input, now, SEND_PARAMETERS);
  const dryRun = dryRunOf(input['dryRun']);
  const confirm = confirmOf(input['confirm']);
  return { request, dryRun, ...(confirm === undefined ? {} : { confirm }) };
};
