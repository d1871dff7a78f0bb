import type { DataInputPeriod } from './data-set-metadata';

/** Why DHIS2 would refuse values of the period now, with what a person needs to act on it. */
export type PeriodClosure =
  | { reason: 'expiryDays'; expiryDays: number; closedOn: string }
  | { reason: 'openFuturePeriods'; openFuturePeriods: number; opensOn: string }
  | { reason: 'dataInputPeriods'; openingDate?: string; closingDate?: string };

export interface OpennessRules {
  expiryDays?: number;
  openFuturePeriods?: number;
  dataInputPeriods?: readonly DataInputPeriod[];
  /** DHIS2's minor version (38 for 2.38): 2.43 counts the last day in full and lets input periods replace the other rules. */
  minorVersion?: number;
}

const DAY_MS = 86_400_000;

/** A period's index among its type's (months since year 0…), its first day and its last day, in ISO dates. */
const periodSpan = (periodId: string): { type: string; index: number; start: number; lastDay: number } | undefined => {
  const month = /^(\d{4})(\d{2})$/.exec(periodId);
  const quarter = /^(\d{4})Q([1-4])$/.exec(periodId);
  const year = /^(\d{4})$/.exec(periodId);
  if (month) {
    const [y, m] = [Number(month[1]), Number(month[2])];
    return { type: 'Monthly', index: y * 12 + m - 1, start: Date.UTC(y, m - 1, 1), lastDay: Date.UTC(y, m, 0) };
  }
  if (quarter) {
    const [y, q] = [Number(quarter[1]), Number(quarter[2])];
    return { type: 'Quarterly', index: y * 4 + q - 1, start: Date.UTC(y, (q - 1) * 3, 1), lastDay: Date.UTC(y, q * 3, 0) };
  }
  if (year) {
    const y = Number(year[1]);
    return { type: 'Yearly', index: y, start: Date.UTC(y, 0, 1), lastDay: Date.UTC(y, 11, 31) };
  }
  return undefined;
};

const indexAt = (type: string, at: Date) => {
  const [y, m] = [at.getUTCFullYear(), at.getUTCMonth()];
  return type === 'Monthly' ? y * 12 + m : type === 'Quarterly' ? y * 4 + Math.floor(m / 3) : y;
};

const startOfIndex = (type: string, index: number) =>
  type === 'Monthly' ? Date.UTC(Math.floor(index / 12), index % 12, 1)
    : type === 'Quarterly' ? Date.UTC(Math.floor(index / 4), (index % 4) * 3, 1)
      : Date.UTC(index, 0, 1);

/** DHIS2 writes dates without a zone (`2026-11-10T00:00:00.000`): read them as UTC, as the server's own clock is unknown here. */
const instantOf = (date: string | undefined) => {
  if (!date) return undefined;
  const time = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(date) ? date : `${date.length === 10 ? `${date}T00:00:00` : date}Z`);
  return Number.isNaN(time) ? undefined : time;
};

const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/**
 * Whether DHIS2 would take values of `periodId` at `now`, by the data set's rules as DHIS2 applies
 * them on import (2.38–2.42 `DataValueSetImportValidator`, 2.43 `DefaultDataEntryService`): input
 * periods when the data set has any (2.43: then only those), expiry days after the period's end,
 * and no period after the current one plus `openFuturePeriods` − 1. Undefined: open.
 */
export const periodClosure = (periodId: string, rules: OpennessRules, now: Date): PeriodClosure | undefined => {
  const span = periodSpan(periodId);
  if (!span) return undefined;
  const at = now.getTime();
  const inputs = rules.dataInputPeriods ?? [];
  if (inputs.length > 0) {
    const own = inputs.filter(input => input.period === periodId);
    const open = own.some(input => (instantOf(input.openingDate) ?? -Infinity) <= at && at <= (instantOf(input.closingDate) ?? Infinity));
    if (!open) {
      const first = own[0];
      return { reason: 'dataInputPeriods', ...(first?.openingDate ? { openingDate: first.openingDate } : {}), ...(first?.closingDate ? { closingDate: first.closingDate } : {}) };
    }
    if ((rules.minorVersion ?? 0) >= 43) return undefined;
  }
  const expiryDays = rules.expiryDays ?? 0;
  if (expiryDays > 0) {
    const closes = span.lastDay + (expiryDays + ((rules.minorVersion ?? 0) >= 43 ? 1 : 0)) * DAY_MS;
    if (at > closes) {
      return { reason: 'expiryDays', expiryDays, closedOn: isoDay(closes) };
    }
  }
  if (rules.openFuturePeriods !== undefined && expiryDays >= 0) {
    const latestOpen = indexAt(span.type, now) - 1 + rules.openFuturePeriods;
    if (span.index > latestOpen) {
      return { reason: 'openFuturePeriods', openFuturePeriods: rules.openFuturePeriods,
        opensOn: isoDay(startOfIndex(span.type, span.index - rules.openFuturePeriods + 1)) };
    }
  }
  return undefined;
};
