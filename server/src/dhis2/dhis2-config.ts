/** Where and how to send dataValueSets to DHIS2; read from the environment only, never shown to a browser. */
export interface Dhis2Config {
  /** The DHIS2 instance's base, e.g. https://play.dhis2.org/40 (the Web API is under `<url>/api`). */
  url: URL;
  auth: { token: string } | { user: string; password: string };
  timeoutMs: number;
  /** Pauses before each read-back after an unknown outcome (not from the environment: tests shorten them). */
  readBackDelaysMs?: number[];
}

type Env = Record<string, string | undefined>;

/** Long enough for DHIS2 to import 100,000 data values synchronously on a modest server. */
export const DEFAULT_DHIS2_TIMEOUT_MS = 300_000;

const MAX_TIMEOUT_MS = 3_600_000;

/** `DHIS2_URL` with `DHIS2_TOKEN`, or `DHIS2_USER` + `DHIS2_PASSWORD`; undefined when sending is not configured. */
export const dhis2ConfigOf = (env: Env, problems: string[]): Dhis2Config | undefined => {
  const given = (name: string) => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const urlText = given('DHIS2_URL');
  const token = given('DHIS2_TOKEN');
  const user = given('DHIS2_USER');
  const password = given('DHIS2_PASSWORD');
  const timeoutText = given('DHIS2_TIMEOUT_MS');
  if (urlText === undefined) {
    const stray = ['DHIS2_TOKEN', 'DHIS2_USER', 'DHIS2_PASSWORD', 'DHIS2_TIMEOUT_MS'].filter(name => given(name) !== undefined);
    if (stray.length > 0) {
      problems.push(`${stray.join(', ')} set without DHIS2_URL: set DHIS2_URL too, such as https://dhis2.example.org`);
    }
    return undefined;
  }
  let url: URL | undefined;
  try {
    url = new URL(urlText);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      problems.push(`DHIS2_URL must use http or https, got "${url.protocol}"`);
    }
    if (url.username || url.password) {
      problems.push('DHIS2_URL must not hold credentials: set DHIS2_TOKEN, or DHIS2_USER and DHIS2_PASSWORD');
    }
    if (url.search || url.hash) {
      problems.push('DHIS2_URL must be the instance\'s base without a query, such as https://dhis2.example.org');
    }
    url.pathname = url.pathname.replace(/\/+$/, '').replace(/\/api$/, '');
  } catch {
    problems.push('DHIS2_URL must be a URL such as https://dhis2.example.org');
  }
  let auth: Dhis2Config['auth'] | undefined;
  if (token !== undefined && (user !== undefined || password !== undefined)) {
    problems.push('Set either DHIS2_TOKEN or DHIS2_USER and DHIS2_PASSWORD, not both');
  } else if (token !== undefined) {
    if (/\s/.test(token)) {
      problems.push('DHIS2_TOKEN must be a personal access token without spaces, such as d2pat_…');
    }
    auth = { token };
  } else if (user !== undefined && password !== undefined) {
    if (user.includes(':')) {
      problems.push('DHIS2_USER must not contain ":"');
    }
    auth = { user, password };
  } else {
    problems.push('DHIS2_URL needs credentials: DHIS2_TOKEN (a personal access token), or DHIS2_USER and DHIS2_PASSWORD');
  }
  let timeoutMs = DEFAULT_DHIS2_TIMEOUT_MS;
  if (timeoutText !== undefined) {
    timeoutMs = Number(timeoutText);
    if (!/^\d+$/.test(timeoutText) || timeoutMs < 100 || timeoutMs > MAX_TIMEOUT_MS) {
      problems.push(`DHIS2_TIMEOUT_MS must be a whole number of milliseconds from 100 to ${MAX_TIMEOUT_MS}, got "${timeoutText}"`);
    }
  }
  return url && auth ? { url, auth, timeoutMs } : undefined;
};
