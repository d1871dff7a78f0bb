import { authorizationOf, type Fetch } from '../dhis2-client';
import type { Dhis2Config } from '../dhis2-config';

/** Why a read from DHIS2 gave nothing usable; the compare says it with this code and the page words it. */
export type ReadFailureCode =
  | 'dhis2-unreachable'
  | 'dhis2-timeout'
  | 'dhis2-credentials'
  | 'dhis2-forbidden'
  | 'dhis2-not-found'
  | 'dhis2-refused'
  | 'dhis2-failed'
  | 'dhis2-unexpected';

export interface ReadFailure {
  code: ReadFailureCode;
  /** What was being read: `system`, `metadata` or `values`. */
  part: 'system' | 'metadata' | 'values';
  httpStatus?: number;
  /** DHIS2's own error code (`E2006`…), when it gave one. */
  errorCode?: string;
  /** In English, for logs and scripts; the page words `code` itself. */
  message: string;
}

export type ReadResult<T> = { ok: true; body: T } | { ok: false; failure: ReadFailure };

const USER_AGENT = 'cht-dhis-export/1.0 (+https://github.com/medic/cht-core)';
const MAX_SHOWN = 200;

export interface ReadDeps {
  dhis2: Dhis2Config;
  fetch?: Fetch;
  /** How long one read may take; shorter than an import's: a compare must not hold the page. */
  timeoutMs: number;
  /** When the whole compare must be done (epoch ms): no read goes on past it. */
  deadline?: number;
  signal?: AbortSignal;
}

const dhis2Words = (text: string): { message?: string; errorCode?: string } => {
  try {
    const body = JSON.parse(text) as { message?: unknown; errorCode?: unknown };
    return {
      ...(typeof body.message === 'string' ? { message: body.message.slice(0, MAX_SHOWN) } : {}),
      ...(typeof body.errorCode === 'string' ? { errorCode: body.errorCode } : {}),
    };
  } catch {
    return {};
  }
};

/** `GET <DHIS2_URL>/api/<path>` as JSON, with the server's credentials; every failure classified, none thrown. */
export const readDhis2 = async <T>(deps: ReadDeps, part: ReadFailure['part'], path: string, query: URLSearchParams): Promise<ReadResult<T>> => {
  const { dhis2 } = deps;
  const url = new URL(`${dhis2.url.href.replace(/\/+$/, '')}/api/${path}`);
  url.search = query.toString();
  const where = dhis2.url.host;
  const fail = (code: ReadFailureCode, message: string, extra: Partial<ReadFailure> = {}): ReadResult<T> =>
    ({ ok: false, failure: { code, part, message, ...extra } });
  // One controller per read, so that a compare of many batches adds no lasting listener to the request's signal.
  const waitMs = Math.min(deps.timeoutMs, (deps.deadline ?? Infinity) - Date.now());
  if (waitMs <= 0) {
    return fail('dhis2-timeout', `DHIS2 at ${where} did not give everything within the compare's time`);
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), waitMs);
  const stop = () => controller.abort();
  deps.signal?.addEventListener('abort', stop, { once: true });
  let response: Response;
  let text: string;
  try {
    response = await (deps.fetch ?? fetch)(url, {
      headers: { accept: 'application/json', authorization: authorizationOf(dhis2.auth), 'user-agent': USER_AGENT },
      redirect: 'manual',
      signal: controller.signal,
    });
    text = await response.text();
  } catch (error) {
    if (deps.signal?.aborted) {
      throw deps.signal.reason;
    }
    if (controller.signal.aborted) {
      return fail('dhis2-timeout', `DHIS2 at ${where} did not answer within ${Math.round(waitMs / 100) / 10} s`);
    }
    const cause = (error as { cause?: { code?: string } }).cause;
    return fail('dhis2-unreachable', `DHIS2 at ${where} could not be reached: ${cause?.code ?? (error as Error).message}`);
  } finally {
    clearTimeout(timer);
    deps.signal?.removeEventListener('abort', stop);
  }
  const status = response.status;
  const said = dhis2Words(text);
  const extra = { httpStatus: status, ...(said.errorCode ? { errorCode: said.errorCode } : {}) };
  if (status === 401 || (status >= 300 && status < 400)) {
    return fail('dhis2-credentials', `DHIS2 at ${where} did not accept the server's credentials (HTTP ${status})`, extra);
  }
  if (status === 403) {
    return fail('dhis2-forbidden', `DHIS2 at ${where} refused the server's DHIS2 user (HTTP 403)${said.message ? `: ${said.message}` : ''}`, extra);
  }
  if (status === 404) {
    return fail('dhis2-not-found', `DHIS2 at ${where} has no ${path} (HTTP 404)${said.message ? `: ${said.message}` : ''}`, extra);
  }
  if (status >= 500) {
    return fail('dhis2-failed', `DHIS2 at ${where} failed (HTTP ${status})${said.message ? `: ${said.message}` : ''}`, extra);
  }
  if (status >= 400) {
    return fail('dhis2-refused', `DHIS2 at ${where} refused the read (HTTP ${status})${said.message ? `: ${said.message}` : ''}`, extra);
  }
  try {
    return { ok: true, body: JSON.parse(text) as T };
  } catch {
    return fail('dhis2-unexpected', `DHIS2 at ${where} answered HTTP ${status} with something other than JSON`, extra);
  }
};
