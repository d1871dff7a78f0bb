import { exportDataValueSet } from '../../export/export-data-value-set';
import { badRequest } from '../../export/export-error';
import type { ExportRequest } from '../../export/export-request';
import type { ExportSource } from '../../sources/export-source';
import { dhisPeriodId } from '../../export/reporting-period';
import type { Fetch } from '../dhis2-client';
import type { Dhis2Config } from '../dhis2-config';
import { readCurrentValues } from './current-values';
import { DATA_SET_FIELDS, readDataSetMetadata, type DataSetMetadata } from './data-set-metadata';
import type { Dhis2Calendar } from '../../export/calendars/dhis2-calendar';
import { dhis2Checks, type Dhis2Check } from './dhis2-checks';
import { readDhis2, type ReadDeps, type ReadFailure } from './dhis2-read';
import type { MetadataCache } from './metadata-cache';
import { compareValues, countChanges, type ChangeCounts, type ComparedValue } from './value-changes';

export interface CompareDeps {
  source: ExportSource;
  dhis2: Dhis2Config;
  fetch?: Fetch;
  cache: MetadataCache<DataSetMetadata>;
  /** Per read from DHIS2. */
  readTimeoutMs: number;
  /** When all reads must be done (epoch ms). */
  deadline?: number;
  now: Date;
  signal?: AbortSignal;
  /** The calendar DHIS2 names periods in (DHIS2_CALENDAR); ISO 8601 when absent. */
  dhis2Calendar?: Dhis2Calendar;
}

/** Something the compare could not do; the rest of the answer stands. */
export type CompareProblem =
  | ReadFailure
  | { code: 'dhis2-values-capped'; part: 'values'; limit: number; message: string }
  | { code: 'dhis2-fields-missing'; part: 'metadata'; fields: string[]; message: string }
  | { code: 'dhis2-period-not-checked'; part: 'system'; calendar: string; message: string };

export interface Comparison {
  dataSet: { id: string; dhis2Name?: string };
  period: string;
  orgUnit?: string;
  dhis2: { host: string; version?: string; calendar?: string };
  /** Whether every part was read: false when `problems` say what is missing. */
  complete: boolean;
  problems: CompareProblem[];
  /** Absent when DHIS2's values could not be read. */
  counts?: ChangeCounts;
  values: ComparedValue[];
  names: { orgUnits: Record<string, { cht?: string; dhis2?: string }>; dataElements: Record<string, { cht?: string; dhis2?: string }> };
  checks: Dhis2Check[];
  /** What the compare asked of DHIS2. */
  reads: { requests: number; values: number };
}

/** DHIS2's default category option combo in every instance made from its own bootstrap. */
const USUAL_DEFAULT_COMBO = 'HllvX50cXC0';

/** 38 for "2.38.4", 41 for "41.0.1" (the numbering DHIS2 uses from 2.41 on in places). */
export const minorVersionOf = (version: string | undefined): number | undefined => {
  const match = /^(\d+)\.(\d+)/.exec(version ?? '');
  if (!match) return undefined;
  return Number(match[1]) === 2 ? Number(match[2]) : Number(match[1]);
};

const metadataOf = async (read: ReadDeps, cache: MetadataCache<DataSetMetadata>, dataSet: string, version: string | undefined) => {
  const key = `${read.dhis2.url.href}\u0000${version ?? ''}\u0000${dataSet}`;
  const cached = cache.get(key);
  if (cached) return { ok: true as const, metadata: cached, requests: 0 };
  const answer = await readDhis2<unknown>(read, 'metadata', `dataSets/${encodeURIComponent(dataSet)}`, new URLSearchParams({ fields: DATA_SET_FIELDS }));
  if (!answer.ok) return { ok: false as const, failure: answer.failure, requests: 1 };
  const metadata = readDataSetMetadata(answer.body, dataSet);
  cache.set(key, metadata);
  return { ok: true as const, metadata, requests: 1 };
};

/**
 * What a send of this selection would change in DHIS2: the file made exactly as the download and the
 * send make it, beside DHIS2's metadata of the data set and the values it holds for those org units.
 * Every read is bounded; a DHIS2 that fails leaves a problem in the answer, never an exception.
 */
export const compareWithDhis2 = async (deps: CompareDeps, request: ExportRequest): Promise<Comparison> => {
  if (request.humanReadable) {
    throw badRequest('option "humanReadable" cannot be compared: DHIS2 holds ids, not names');
  }
  const exported = await exportDataValueSet(deps.source, request, deps.now, { signal: deps.signal, dhis2Calendar: deps.dhis2Calendar });
  const { aggregation } = exported;
  const file = exported.dataValueSet.dataValues;
  const period = dhisPeriodId(exported.period);
  const read: ReadDeps = { dhis2: deps.dhis2, fetch: deps.fetch, timeoutMs: deps.readTimeoutMs, deadline: deps.deadline, signal: deps.signal };
  const targetsOf = (dataElement: string) => aggregation.definitions.filter(({ dhis }) => dhis.dataElement === dataElement).map(({ id }) => id);
  const mappedDataElements = [...new Set(aggregation.definitions.map(({ dhis }) => dhis.dataElement))];
  const comparison: Comparison = {
    dataSet: { id: request.dataSet },
    period,
    ...(request.orgUnit === undefined ? {} : { orgUnit: request.orgUnit }),
    dhis2: { host: deps.dhis2.url.host },
    complete: false,
    problems: [],
    values: [],
    names: { orgUnits: {}, dataElements: {} },
    checks: [],
    reads: { requests: 0, values: 0 },
  };
  const names = comparison.names;
  for (const orgUnit of aggregation.orgUnits) {
    const cht = aggregation.placeNameOf(orgUnit);
    names.orgUnits[orgUnit] = cht ? { cht } : {};
  }
  for (const dataElement of mappedDataElements) {
    names.dataElements[dataElement] = { cht: targetsOf(dataElement).join(', ') };
  }

  comparison.reads.requests++;
  const info = await readDhis2<{ version?: unknown; calendar?: unknown }>(read, 'system', 'system/info', new URLSearchParams());
  if (!info.ok) {
    comparison.problems.push(info.failure);
    return comparison;
  }
  const version = typeof info.body?.version === 'string' ? info.body.version : undefined;
  const calendar = typeof info.body?.calendar === 'string' ? info.body.calendar : undefined;
  comparison.dhis2 = { ...comparison.dhis2, ...(version ? { version } : {}), ...(calendar ? { calendar } : {}) };

  const found = await metadataOf(read, deps.cache, request.dataSet, version);
  comparison.reads.requests += found.requests;
  if (!found.ok) {
    comparison.problems.push(found.failure);
    return comparison;
  }
  const { metadata } = found;
  comparison.dataSet.dhis2Name = metadata.name;
  for (const [id, name] of metadata.orgUnits) names.orgUnits[id] = { ...names.orgUnits[id], dhis2: name };
  for (const [id, element] of metadata.dataElements) names.dataElements[id] = { ...names.dataElements[id], dhis2: element.name };
  if (metadata.missing.length > 0) {
    comparison.problems.push({ code: 'dhis2-fields-missing', part: 'metadata', fields: metadata.missing,
      message: `DHIS2 did not give ${metadata.missing.join(', ')} for the data set: the checks that need them were not made` });
  }
  const isoCalendar = calendar === undefined || calendar === 'iso8601';
  if (!isoCalendar) {
    comparison.problems.push({ code: 'dhis2-period-not-checked', part: 'system', calendar: calendar!,
      message: `DHIS2 runs the ${calendar} calendar: whether the period is open was not checked` });
  }
  comparison.checks = dhis2Checks({
    metadata: isoCalendar ? metadata : { ...metadata, dataInputPeriods: [], expiryDays: 0, openFuturePeriods: undefined },
    periodId: period,
    chtPeriodType: exported.period.type,
    file,
    mappedOrgUnits: aggregation.orgUnits,
    allPlaces: request.orgUnit === undefined,
    mappedDataElements,
    placeName: orgUnit => aggregation.placeNameOf(orgUnit),
    targetsOf,
    now: deps.now,
    minorVersion: minorVersionOf(version),
  });

  const current = await readCurrentValues(read, request.dataSet, period, aggregation.orgUnits);
  comparison.reads.requests += current.requests;
  comparison.reads.values = current.values.length;
  if (current.failure) {
    comparison.problems.push(current.failure);
    return comparison;
  }
  if (current.capped) {
    comparison.problems.push({ code: 'dhis2-values-capped', part: 'values', limit: current.values.length,
      message: `DHIS2 holds more than ${current.values.length} values for this selection: only that many were compared` });
  }
  const defaultCombo = [...metadata.dataElements.values()].flatMap(({ optionCombos }) => optionCombos ?? [])
    .concat(metadata.attributeOptionCombos ?? []).find(({ name }) => name === 'default')?.id ?? USUAL_DEFAULT_COMBO;
  comparison.values = compareValues(file, current.values, {
    defaultCombo,
    zeroIsSignificant: dataElement => metadata.dataElements.get(dataElement)?.zeroIsSignificant,
  });
  comparison.counts = countChanges(comparison.values);
  comparison.complete = comparison.problems.length === 0;
  return comparison;
};
