import { createHash } from 'node:crypto';
import { dataSetsOf, localeOf, periodTypeOf, targetDefinitionsFor, type AppSettings, type DhisDataSet } from '../settings/app-settings';
import { translationsOf, translator } from '../settings/translations';
import { localDateOf, targetDocMonth } from '../cht/calendar-month';
import { DataValueSetAggregation, dataSetName, type AggregationCounts, type TargetDocObserver } from './aggregate';
import type { TargetDoc } from '../cht/cht-docs';
import type { DataValueSet } from './data-value-set';
import { adxPeriodOf, calendarMismatch, ISO8601_DHIS2, type Dhis2Calendar } from './calendars/dhis2-calendar';
import { reportingCalendarOf } from './calendars/reporting-calendar';
import { badRequest, ExportError } from './export-error';
import type { ExportRequest } from './export-request';
import type { ExportSource } from '../sources/export-source';
import { formats } from './formats';
import { BS_FIRST_YEAR, BS_LAST_YEAR } from '../../../src/app/dhis-export/domain/calendars/bikram-sambat-months';
import {
  dhisPeriodId, monthStartDateOf, monthsOf, periodDates, periodOfMonth, reportingMonthOf, type DhisPeriod,
} from './reporting-period';
import type { PeriodType } from '../settings/period-type';

export interface ExportResult {
  dataValueSet: DataValueSet;
  /** The period `dataValueSet.period` names, in the deployment's calendar. */
  period: DhisPeriod;
  /** The same period as ADX states it to the DHIS2 (ISO 8601 first day and duration). */
  adxPeriod: string;
  fileName: string;
  counts: AggregationCounts;
  /** Target definitions whose `dhis` is unusable; they are left out. */
  malformedTargets: string[];
  /** The aggregation that made the file, for what the preview tells about it. */
  aggregation: DataValueSetAggregation;
}

/** What the caller adds to an export's one pass: the DHIS2's calendar, and what the preview listens with. */
export interface ExportPassOptions {
  /** The calendar the DHIS2 names periods in (DHIS2_CALENDAR); ISO 8601 when absent. */
  dhis2Calendar?: Dhis2Calendar;
  observer?: TargetDocObserver;
  /** After each page of target docs: how many docs were read so far. */
  onProgress?: (docsRead: number) => void;
  /** Checked between pages: an aborted export stops reading and rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * `dhis-<dataSet>-<period>.<extension>`, with only characters that are safe in a header and a file name.
 * An id with other characters gets a short hash of itself too, so that two such ids ("ДС1", "ЖС1")
 * never share a file name.
 */
/** An id as a file name part: itself when it is safe, else made safe with a short hash so two ids never share one. */
const fileNamePart = (id: string) => {
  const safe = id.replace(/[^A-Za-z0-9_.-]/g, '_');
  return safe === id ? safe : `${safe}-${createHash('sha256').update(id).digest('hex').slice(0, 8)}`;
};

/** `dhis-<dataSet>-<period>[-<orgUnit>].<extension>`: what the file holds, so files of several places differ. */
export const exportFileName = (dataSet: string, period: string, extension = 'json', orgUnit?: string) =>
  `dhis-${fileNamePart(dataSet)}-${period}${orgUnit ? `-${fileNamePart(orgUnit)}` : ''}.${extension}`;

const PERIOD_EXAMPLES: Record<PeriodType, string> = { Monthly: '202610', Quarterly: '2026Q3', Yearly: '2026' };

/**
 * The first BS year a period may name: 2057 began in April 2000, before any CHT deployment. It
 * also keeps a Gregorian id such as `202610` (Magh 2026 BS, in 1970) from passing for a BS month.
 */
const FIRST_BS_PERIOD_YEAR = 2057;

/** The data set's period type, or a 400 that names the ones there are. */
const periodTypeFor = (dataSet: DhisDataSet): PeriodType => {
  const periodType = periodTypeOf(dataSet);
  if (periodType === undefined) {
    throw badRequest(`dataSet "${dataSet.id}" has periodType ${JSON.stringify(dataSet.periodType)}, which this export does not know: ` +
      'set "periodType" in "dhis_data_sets" to "Monthly" (the default), "Quarterly" or "Yearly"');
  }
  return periodType;
};

/**
 * The DHIS2 period to export: the one asked for, which must be of the data set's period type; or,
 * for an instant, the period holding the reporting month the CHT's devices file that instant under.
 */
export const resolvePeriod = (request: ExportRequest, dataSet: DhisDataSet, settings: AppSettings): DhisPeriod => {
  const periodType = periodTypeFor(dataSet);
  const calendar = reportingCalendarOf(settings);
  const inCalendar = (period: DhisPeriod): DhisPeriod => (calendar === 'gregorian' ? period : { ...period, calendar });
  const { period } = request;
  if (period.type === 'Instant') {
    const month = reportingMonthOf(period.at, monthStartDateOf(settings), calendar);
    if (!month) {
      throw badRequest(`filter "date.from" ${period.at} falls outside the years a period may name` +
        (calendar === 'bikram-sambat' ? ` (Bikram Sambat ${BS_FIRST_YEAR}–${BS_LAST_YEAR})` : ''));
    }
    return inCalendar(periodOfMonth(periodType, month));
  }
  if (period.type !== periodType) {
    throw badRequest(`dataSet "${dataSet.id}" reports ${periodType.toLowerCase()}: ask for a ${periodType} period such as ` +
      `"${PERIOD_EXAMPLES[periodType]}", not ${period.type.toLowerCase()} "${dhisPeriodId(period)}"`);
  }
  if (calendar === 'bikram-sambat' && !(period.year >= FIRST_BS_PERIOD_YEAR && period.year <= BS_LAST_YEAR)) {
    throw badRequest(`This deployment counts targets in Bikram Sambat (BS) months: filter "period" names a BS period, ` +
      `such as "208307" for Kartik 2083, of a year from ${FIRST_BS_PERIOD_YEAR} to ${BS_LAST_YEAR}; got "${dhisPeriodId(period)}"`);
  }
  return inCalendar(period);
};

/** Reads the period's target docs a page at a time and sums them into a dataValueSet. */
export const exportDataValueSet = async (
  source: ExportSource,
  request: ExportRequest,
  now: Date = new Date(),
  pass: ExportPassOptions = {},
): Promise<ExportResult> => {
  const settings = await source.settings();
  const dataSetConfig = dataSetsOf(settings).find(({ id }) => id === request.dataSet);
  if (!dataSetConfig) {
    throw badRequest(`dataSet "${request.dataSet}" is not defined: add it to "dhis_data_sets" in the app settings, or choose a configured one`);
  }
  const period = resolvePeriod(request, dataSetConfig, settings);
  const dhis2Calendar = pass.dhis2Calendar ?? ISO8601_DHIS2;
  const mismatch = calendarMismatch(period, dhis2Calendar);
  if (mismatch !== undefined) {
    throw new ExportError(409, mismatch, 'calendar.mismatch', { dhis2Calendar: dhis2Calendar.name });
  }
  const { definitions, malformed } = targetDefinitionsFor(settings, request.dataSet);
  if (definitions.length === 0) {
    throw badRequest(`dataSet "${request.dataSet}" has no dataElements: map at least one target to it with "dhis.dataElement"`);
  }
  const format = formats[request.format];

  const places = await source.placesWithOrgUnits(request.orgUnit);
  const aggregation = new DataValueSetAggregation({ dataSet: request.dataSet, definitions, places, orgUnit: request.orgUnit, observer: pass.observer });
  if (request.orgUnit !== undefined && aggregation.isEmpty) {
    throw badRequest(`orgUnit ${request.orgUnit} is not mapped to data set ${request.dataSet}: ` +
      'choose a place mapped to it, or map one with "dhis": { "orgUnit": …, "dataSet": … } on its contact');
  }
  if (!aggregation.isEmpty) {
    // A quarter or a year: the target docs of each of its months, summed as one month's are.
    // Every check has passed: from here on, only the database can fail.
    pass.onProgress?.(0);
    const progress = { docsRead: 0 };
    for (const month of monthsOf(period)) {
      await sumPages(source, aggregation, targetDocMonth(month), pass, progress);
    }
  }

  const periodId = dhisPeriodId(period);
  let dataValueSet = aggregation.result(periodId, completeDate(periodDates(period, monthStartDateOf(settings)).first, now));
  if (request.omitZeros) {
    dataValueSet = { ...dataValueSet, dataValues: dataValueSet.dataValues.filter(({ value }) => value !== 0) };
  }
  if (request.humanReadable) {
    const translate = translator(translationsOf(await source.translations(localeOf(settings))));
    dataValueSet = aggregation.humanReadable(dataValueSet, dataSetName(translate, dataSetConfig.translation_key, dataSetConfig.id));
  }
  return {
    dataValueSet,
    period,
    adxPeriod: adxPeriodOf(period, dhis2Calendar),
    fileName: exportFileName(request.dataSet, periodId, format.extension, request.orgUnit),
    counts: aggregation.counts,
    malformedTargets: malformed,
    aggregation,
  };
};

/**
 * Today on the server's clock, but never before the period's first day: a manager east of the
 * server may export their new month while the server's calendar is still in the month before.
 */
const completeDate = (firstDay: string, now: Date): string => {
  const today = localDateOf(now);
  return today < firstDay ? firstDay : today;
};

/** Fetches the next page while the owners of the current one are looked up and summed. */
const sumPages = async (
  source: ExportSource, aggregation: DataValueSetAggregation, month: string,
  { onProgress, signal }: ExportPassOptions = {}, progress = { docsRead: 0 },
) => {
  signal?.throwIfAborted();
  const pages = source.targetDocPages(month)[Symbol.asyncIterator]();
  let next = pages.next();
  for (;;) {
    const { value: docs, done } = await next;
    if (done) {
      return;
    }
    if (signal?.aborted) {
      next.catch(() => undefined);
      await pages.return?.();
      signal.throwIfAborted();
    }
    next = pages.next();
    // Keep a rejected prefetch from surfacing as an unhandled rejection before it is awaited.
    next.catch(() => undefined);
    const owners = [...new Set(docs.flatMap((doc: TargetDoc) => (typeof doc.owner === 'string' ? [doc.owner] : [])))];
    const lineages = await source.ownerLineages(owners);
    for (const doc of docs) {
      aggregation.add(doc, typeof doc.owner === 'string' ? lineages.get(doc.owner) ?? [doc.owner] : []);
    }
    progress.docsRead += docs.length;
    onProgress?.(progress.docsRead);
  }
};
