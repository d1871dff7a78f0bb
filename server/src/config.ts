import path from 'node:path';
import { dhis2CalendarOf, type Dhis2Calendar } from './export/calendars/dhis2-calendar';
import { dhis2ConfigOf, type Dhis2Config } from './dhis2/dhis2-config';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** A CouchDB database to use instead of the embedded one, e.g. http://admin:pass@host:5984/medic */
  couchUrl?: URL;
  adminUser: string;
  /** Undefined: generated on first start and kept in DATA_DIR. */
  adminPassword?: string;
  demoData: boolean;
  /** The largest request body the CouchDB paths accept, in bytes. */
  maxBodyBytes: number;
  /** Where to send dataValueSets; undefined: sending is not configured, the export only downloads. */
  dhis2?: Dhis2Config;
  /** The calendar the DHIS2 names its periods in (DHIS2_CALENDAR), and its release (DHIS2_VERSION) for its Nepali month table; absent: ISO 8601. */
  dhis2Calendar?: Dhis2Calendar;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map(problem => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const portOf = (value: string | undefined, problems: string[]): number => {
  if (value === undefined || value === '') {
    return 5988;
  }
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    problems.push(`PORT must be a whole number from 0 to 65535 (0 picks a free port), got "${value}"`);
  }
  return port;
};

const couchUrlOf = (value: string | undefined, problems: string[]): URL | undefined => {
  if (value === undefined || value === '') {
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push('COUCH_URL must be a URL such as http://admin:pass@localhost:5984/medic');
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    problems.push(`COUCH_URL must use http or https, got "${url.protocol}"`);
  }
  if (url.pathname.replace(/\/+$/, '').split('/').filter(Boolean).length !== 1) {
    problems.push('COUCH_URL must name the CHT database, such as http://admin:pass@localhost:5984/medic');
  }
  return url;
};

const flagOf = (name: string, value: string | undefined, fallback: boolean, problems: string[]): boolean => {
  if (value === undefined || value === '') {
    return fallback;
  }
  if (['1', 'true', 'yes'].includes(value.toLowerCase())) {
    return true;
  }
  if (['0', 'false', 'no'].includes(value.toLowerCase())) {
    return false;
  }
  problems.push(`${name} must be 1 or 0, got "${value}"`);
  return fallback;
};

const DEFAULT_MAX_BODY_MB = 64;

const maxBodyBytesOf = (value: string | undefined, problems: string[]): number => {
  if (value === undefined || value === '') {
    return DEFAULT_MAX_BODY_MB * 1024 * 1024;
  }
  const megabytes = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || megabytes < 0.01 || megabytes > 4096) {
    problems.push(`MAX_BODY_MB must be a number of megabytes from 0.01 to 4096, got "${value}"`);
  }
  return Math.round(megabytes * 1024 * 1024);
};

/** Reads and validates the configuration once; every problem is reported at once. */
export const readConfig = (env: Env = process.env): Config => {
  const problems: string[] = [];
  const port = portOf(env['PORT'], problems);
  const host = env['HOST'] || '127.0.0.1';
  const dataDir = path.resolve(env['DATA_DIR'] || 'data');
  const couchUrl = couchUrlOf(env['COUCH_URL'], problems);
  const adminUser = env['ADMIN_USER'] || 'admin';
  if (!/^[A-Za-z0-9_.@-]{1,64}$/.test(adminUser)) {
    problems.push('ADMIN_USER may hold only letters, digits and _ . @ - (at most 64)');
  }
  const adminPassword = env['ADMIN_PASSWORD'] || undefined;
  if (adminPassword !== undefined && adminPassword.length < 8) {
    problems.push('ADMIN_PASSWORD must have at least 8 characters (or leave it unset to have one generated)');
  }
  // Demo data never goes into someone's CouchDB unless asked for.
  const demoData = flagOf('DEMO_DATA', env['DEMO_DATA'], couchUrl === undefined, problems);
  const maxBodyBytes = maxBodyBytesOf(env['MAX_BODY_MB'], problems);
  const dhis2 = dhis2ConfigOf(env, problems);
  const dhis2Calendar = dhis2CalendarOf(env, problems);
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return { port, host, dataDir, couchUrl, adminUser, adminPassword, demoData, maxBodyBytes, dhis2Calendar, ...(dhis2 ? { dhis2 } : {}) };
};
