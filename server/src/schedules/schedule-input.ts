import { SCHEDULE_DEFAULTS, serverTimeZone, type ScheduleSettings } from './schedule';

/** A caller's mistake in a schedule: a code and parameters for the page to word, and an English message. */
export class ScheduleInputError extends Error {
  constructor(readonly reason: string, readonly params: Record<string, unknown>, message: string) {
    super(message);
    this.name = 'ScheduleInputError';
  }
}

const FIELDS = ['dataSet', 'orgUnit', 'dayOfMonth', 'time', 'timeZone', 'enabled', 'dryRunFirst', 'minCoverage',
  'sendAnywayAfterDays', 'completeDataSet', 'resendChanges'] as const;
const REQUIRED = ['dataSet', 'dayOfMonth', 'time'] as const;
const MAX_ID_LENGTH = 200;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const invalid = (field: string, rule: string, got: unknown) => {
  const shown = JSON.stringify(got) ?? String(got);
  return new ScheduleInputError('invalid-field', { field, rule },
    `"${field}" must be ${rule}; got ${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown}`);
};

const knownTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.length <= 64;
  } catch {
    return false;
  }
};

const wholeNumber = (field: string, value: unknown, min: number, max: number) => {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    throw invalid(field, `a whole number from ${min} to ${max}`, value);
  }
  return value as number;
};

const flag = (field: string, value: unknown) => {
  if (typeof value !== 'boolean') {
    throw invalid(field, 'true or false', value);
  }
  return value;
};

const id = (field: string, value: unknown) => {
  if (typeof value !== 'string' || value === '' || value.length > MAX_ID_LENGTH) {
    throw invalid(field, `an id of 1 to ${MAX_ID_LENGTH} characters`, value);
  }
  return value;
};

/**
 * A schedule's settings from a JSON body: on create, the required fields and defaults for the rest;
 * on change, the stored settings with the fields given. Unknown fields are refused, all named.
 */
export const parseScheduleInput = (body: unknown, stored?: ScheduleSettings): ScheduleSettings => {
  if (!isRecord(body)) {
    throw new ScheduleInputError('not-an-object', {}, 'The request body must be a JSON object such as { "dataSet": "…", "dayOfMonth": 5, "time": "06:00" }');
  }
  const unknown = Object.keys(body).filter(key => !(FIELDS as readonly string[]).includes(key));
  if (unknown.length > 0) {
    throw new ScheduleInputError('unknown-fields', { fields: unknown, known: FIELDS },
      `Unknown field${unknown.length === 1 ? '' : 's'} ${unknown.map(key => `"${key.slice(0, 40)}"`).join(', ')}: a schedule has ${FIELDS.join(', ')}`);
  }
  if (!stored) {
    const missing = REQUIRED.filter(key => body[key] === undefined);
    if (missing.length > 0) {
      throw new ScheduleInputError('missing-fields', { fields: missing }, `A schedule needs ${missing.map(key => `"${key}"`).join(', ')}`);
    }
  }
  const given = <T>(key: (typeof FIELDS)[number], read: (value: unknown) => T, fallback: T): T =>
    body[key] === undefined ? fallback : read(body[key]);
  const base = stored ?? { ...SCHEDULE_DEFAULTS, timeZone: serverTimeZone() };
  const orgUnit = body['orgUnit'] === null || body['orgUnit'] === '' ? undefined : given('orgUnit', value => id('orgUnit', value), stored?.orgUnit);
  const time = given('time', value => {
    if (typeof value !== 'string' || !/^([01]\d|2[0-3]):[0-5]\d$/.test(value)) {
      throw invalid('time', 'a time "HH:MM" from 00:00 to 23:59', value);
    }
    return value;
  }, stored?.time ?? '');
  const timeZone = given('timeZone', value => {
    if (typeof value !== 'string' || !knownTimeZone(value)) {
      throw invalid('timeZone', 'an IANA time zone such as "Africa/Nairobi"', value);
    }
    return value;
  }, base.timeZone);
  return {
    dataSet: given('dataSet', value => id('dataSet', value), stored?.dataSet ?? ''),
    ...(orgUnit === undefined ? {} : { orgUnit }),
    dayOfMonth: given('dayOfMonth', value => wholeNumber('dayOfMonth', value, 1, 28), stored?.dayOfMonth ?? 1),
    time,
    timeZone,
    enabled: given('enabled', value => flag('enabled', value), base.enabled),
    dryRunFirst: given('dryRunFirst', value => flag('dryRunFirst', value), base.dryRunFirst),
    minCoverage: given('minCoverage', value => wholeNumber('minCoverage', value, 0, 100), base.minCoverage),
    sendAnywayAfterDays: given('sendAnywayAfterDays', value => wholeNumber('sendAnywayAfterDays', value, 0, 90), base.sendAnywayAfterDays),
    completeDataSet: given('completeDataSet', value => flag('completeDataSet', value), base.completeDataSet),
    resendChanges: given('resendChanges', value => wholeNumber('resendChanges', value, 0, 24), base.resendChanges),
  };
};
