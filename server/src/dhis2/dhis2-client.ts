import type { DataValueSet } from '../export/data-value-set';
import { dhis2Json } from '../export/formats/json';
import type { Dhis2Config } from './dhis2-config';
import { readImportSummary, type ImportSummary } from './import-summary';
import { scrubberFor } from './scrub-secrets';

/** `timeout`, `connection` and `gateway` are failures only for a dry run, which saves nothing whatever its answer. */
export type Dhis2FailureReason = 'network' | 'timeout' | 'connection' | 'gateway' | 'credentials' | 'forbidden' | 'server' | 'rejected';

/** Why nobody knows whether DHIS2 imported: no answer in time, the connection lost once the body went out, a gateway's 502/503/504. */
export type Dhis2UnknownReason = 'timeout' | 'connection' | 'gateway';

/**
 * What came of a `POST /api/dataValueSets`: DHIS2's import summary; a failure that certainly
 * imported nothing; or an unknown outcome, which only reading DHIS2's values back can settle.
 */
export type Dhis2Answer =
  | { kind: 'summary'; httpStatus: number; summary: ImportSummary }
  | { kind: 'failure'; reason: Dhis2FailureReason; httpStatus?: number; message: string }
  | { kind: 'unknown'; reason: Dhis2UnknownReason; httpStatus?: number; message: string };

/** Errors raised before a connection carried anything: the body never went out. */
const BEFORE_CONNECTION = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL|UND_ERR_CONNECT_TIMEOUT|ERR_TLS_.*|CERT_.*|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_.*)$/;

const GATEWAY = new Set([502, 503, 504]);

export const USER_AGENT = 'cht-dhis-export/1.0 (+https://github.com/medic/cht-core)';
const MAX_SHOWN = 300;

export const authorizationOf = (auth: Dhis2Config['auth']) =>
  'token' in auth ? `ApiToken ${auth.token}` : `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;

const shortened = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_SHOWN ? `${flat.slice(0, MAX_SHOWN)}…` : flat;
};

/** DHIS2's own words in an error body (`{ message }`, 2.38+ `{ httpStatus, message }`), else the body's start. */
const messageIn = (text: string): string => {
  try {
    const body = JSON.parse(text) as { message?: unknown; description?: unknown };
    if (typeof body.message === 'string' && body.message !== '') {
      return shortened(body.message);
    }
    if (typeof body.description === 'string' && body.description !== '') {
      return shortened(body.description);
    }
  } catch {
    // not JSON: an HTML error page from DHIS2 or a proxy in front of it
  }
  return shortened(text.replace(/<[^>]*>/g, ' '));
};

export type Fetch = typeof fetch;

/**
 * Sends a dataValueSet to DHIS2 as its JSON import format, synchronously, creating and updating
 * values. A dry run is DHIS2's own (`dryRun=true`): the same bytes, checked, nothing saved.
 */
export const postDataValueSet = async (
  config: Dhis2Config,
  dataValueSet: DataValueSet,
  { dryRun }: { dryRun: boolean },
  fetchImpl: Fetch = fetch,
): Promise<Dhis2Answer> => {
  const url = new URL(`${config.url.href.replace(/\/+$/, '')}/api/dataValueSets`);
  url.searchParams.set('dryRun', String(dryRun));
  url.searchParams.set('importStrategy', 'CREATE_AND_UPDATE');
  url.searchParams.set('async', 'false');
  const where = config.url.host;
  const scrub = scrubberFor(config.auth);
  let response: Response;
  let text: string;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        authorization: authorizationOf(config.auth),
        'user-agent': USER_AGENT,
      },
      // The download's JSON, values as strings; completeness is registered on its own when asked for.
      body: dhis2Json(dataValueSet, { withCompleteDate: false }),
      // A login page instead of an answer means the credentials were not accepted.
      redirect: 'manual',
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    text = scrub(await response.text());
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return { kind: 'unknown', reason: 'timeout', message: `DHIS2 at ${where} did not answer within ${Math.round(config.timeoutMs / 1000)} s (DHIS2_TIMEOUT_MS)` };
    }
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const said = scrub(cause?.code ?? cause?.message ?? (error as Error).message);
    // fetch refuses some addresses (such as port 9, "bad port") before connecting at all
    return (typeof cause?.code === 'string' && BEFORE_CONNECTION.test(cause.code)) || cause?.message === 'bad port'
      ? { kind: 'failure', reason: 'network', message: `DHIS2 at ${where} could not be reached: ${said}` }
      : { kind: 'unknown', reason: 'connection', message: `The connection to DHIS2 at ${where} was lost before its answer: ${said}` };
  }
  const status = response.status;
  if (GATEWAY.has(status)) {
    return { kind: 'unknown', reason: 'gateway', httpStatus: status,
      message: `A gateway in front of DHIS2 at ${where} answered HTTP ${status}${text ? `: ${messageIn(text)}` : ''}` };
  }
  if (status === 401 || (status >= 300 && status < 400)) {
    return { kind: 'failure', reason: 'credentials', httpStatus: status,
      message: `DHIS2 at ${where} did not accept the server's credentials (HTTP ${status}): check DHIS2_TOKEN, or DHIS2_USER and DHIS2_PASSWORD` };
  }
  if (status === 403) {
    return { kind: 'failure', reason: 'forbidden', httpStatus: status,
      message: `DHIS2 at ${where} refused the import (HTTP 403): the DHIS2 user of the token may not import data values${text ? ` — DHIS2 said: ${messageIn(text)}` : ''}` };
  }
  if (status >= 500) {
    return { kind: 'failure', reason: 'server', httpStatus: status,
      message: `DHIS2 at ${where} failed (HTTP ${status})${text ? `: ${messageIn(text)}` : ''}` };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const summary = readImportSummary(body);
  if (summary) {
    return { kind: 'summary', httpStatus: status, summary };
  }
  return { kind: 'failure', reason: 'rejected', httpStatus: status,
    message: `DHIS2 at ${where} answered HTTP ${status} without an import summary${text ? `: ${messageIn(text)}` : ''}` };
};
