import type { Dhis2Calendar } from '../export/calendars/dhis2-calendar';
import { authorizationOf, type Dhis2FailureReason, type Fetch } from './dhis2-client';
import type { Dhis2Config } from './dhis2-config';

/** Whether the DHIS2 names periods in the calendar this server was told (DHIS2_CALENDAR), or why that could not be read. */
export type CalendarAgreement =
  | { kind: 'agrees' }
  | { kind: 'differs'; message: string }
  | { kind: 'failure'; reason: Dhis2FailureReason; httpStatus?: number; message: string };

/** A read of system info is quick; the import's own timeout is for the import. */
const SYSTEM_INFO_TIMEOUT_MS = 30_000;

/**
 * Reads `calendar` from `GET /api/system/info` (DHIS2's system setting "Calendar"), before anything
 * is sent: a period id means another span of days in another calendar (`208101` is Baisakh 2081 in
 * a Nepali DHIS2 and January 2081 in an ISO 8601 one).
 */
export const checkDhis2Calendar = async (config: Dhis2Config, expected: Dhis2Calendar, fetchImpl: Fetch = fetch): Promise<CalendarAgreement> => {
  const where = config.url.host;
  let response: Response;
  let body: unknown;
  try {
    response = await fetchImpl(new URL(`${config.url.href.replace(/\/+$/, '')}/api/system/info`), {
      headers: { accept: 'application/json', authorization: authorizationOf(config.auth) },
      redirect: 'manual',
      signal: AbortSignal.timeout(Math.min(config.timeoutMs, SYSTEM_INFO_TIMEOUT_MS)),
    });
    body = await response.json().catch(() => undefined);
  } catch (error) {
    const name = (error as { name?: string }).name;
    return name === 'TimeoutError' || name === 'AbortError'
      ? { kind: 'failure', reason: 'timeout', message: `DHIS2 at ${where} did not say which calendar it runs (GET /api/system/info) in time` }
      : { kind: 'failure', reason: 'network', message: `DHIS2 at ${where} could not be reached: ${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message}` };
  }
  const status = response.status;
  if (status === 401 || (status >= 300 && status < 400)) {
    return { kind: 'failure', reason: 'credentials', httpStatus: status,
      message: `DHIS2 at ${where} did not accept the server's credentials (HTTP ${status}): check DHIS2_TOKEN, or DHIS2_USER and DHIS2_PASSWORD` };
  }
  const calendar = typeof body === 'object' && body !== null ? (body as { calendar?: unknown }).calendar : undefined;
  if (status !== 200 || typeof calendar !== 'string') {
    return { kind: 'failure', reason: status >= 500 ? 'server' : 'rejected', httpStatus: status,
      message: `DHIS2 at ${where} did not say which calendar it runs (GET /api/system/info answered HTTP ${status}${typeof calendar === 'string' ? '' : ' without "calendar"'}): nothing was sent` };
  }
  if (calendar === expected.name) {
    return { kind: 'agrees' };
  }
  return {
    kind: 'differs',
    message: `DHIS2 at ${where} runs the ${JSON.stringify(calendar)} calendar, and this server was set up for ${JSON.stringify(expected.name)} ` +
      `(DHIS2_CALENDAR): its period ids would name other days there, so nothing was sent. Set DHIS2_CALENDAR=${calendar === 'nepali' ? 'nepali' : 'iso8601'} ` +
      'if that is the DHIS2 these figures are for, or point DHIS2_URL at the right one, and restart this server.',
  };
};
