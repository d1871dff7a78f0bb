import { createHash } from 'node:crypto';
import { dataSetsOf, localeOf, targetDefinitionsFor } from '../settings/app-settings';
import { translationsOf, translator } from '../settings/translations';
import { dhisPeriod, firstDayOf, localDateOf, targetDocMonth, type CalendarMonth } from './calendar-month';
import { DataValueSetAggregation, dataSetName, type AggregationCounts } from './aggregate';
import type { TargetDoc } from './cht-docs';
import type { DataValueSet } from './data-value-set';
import { badRequest } from './export-error';
import type { ExportRequest } from './export-request';
import type { ExportSource } from './export-source';

export interface ExportResult {
  dataValueSet: DataValueSet;
  fileName: string;
  counts: AggregationCounts;
  /** Target definitions whose `dhis` is unusable; they are left out. */
  malformedTargets: string[];
}

/**
 * `dhis-<dataSet>-<YYYYMM>.json`, with only characters that are safe in a header and a file name.
 * An id with other characters gets a short hash of itself too, so that two such ids ("ДС1", "ЖС1")
 * never share a file name.
 */
export const exportFileName = (dataSet: string, period: string) => {
  const safe = dataSet.replace(/[^A-Za-z0-9_.-]/g, '_');
  const distinct = safe === dataSet ? safe : `${safe}-${createHash('sha256').update(dataSet).digest('hex').slice(0, 8)}`;
  return `dhis-${distinct}-${period}.json`;
};

/** Reads the month's target docs a page at a time and sums them into a dataValueSet. */
export const exportDataValueSet = async (
  source: ExportSource,
  request: ExportRequest,
  now: Date = new Date(),
): Promise<ExportResult> => {
  const settings = await source.settings();
  const dataSetConfig = dataSetsOf(settings).find(({ id }) => id === request.dataSet);
  if (!dataSetConfig) {
    throw badRequest(`dataSet "${request.dataSet}" is not defined: add it to "dhis_data_sets" in the app settings, or choose a configured one`);
  }
  const { definitions, malformed } = targetDefinitionsFor(settings, request.dataSet);
  if (definitions.length === 0) {
    throw badRequest(`dataSet "${request.dataSet}" has no dataElements: map at least one target to it with "dhis.dataElement"`);
  }

  const places = await source.placesWithOrgUnits(request.orgUnit);
  const aggregation = new DataValueSetAggregation({ dataSet: request.dataSet, definitions, places, orgUnit: request.orgUnit });
  if (request.orgUnit !== undefined && aggregation.isEmpty) {
    throw badRequest(`orgUnit ${request.orgUnit} is not mapped to data set ${request.dataSet}: ` +
      'choose a place mapped to it, or map one with "dhis": { "orgUnit": …, "dataSet": … } on its contact');
  }
  if (!aggregation.isEmpty) {
    await sumPages(source, aggregation, targetDocMonth(request.month));
  }

  const period = dhisPeriod(request.month);
  let dataValueSet = aggregation.result(period, completeDate(request.month, now));
  if (request.humanReadable) {
    const translate = translator(translationsOf(await source.translations(localeOf(settings))));
    dataValueSet = aggregation.humanReadable(dataValueSet, dataSetName(translate, dataSetConfig.translation_key, dataSetConfig.id));
  }
  return { dataValueSet, fileName: exportFileName(request.dataSet, period), counts: aggregation.counts, malformedTargets: malformed };
};

/**
 * Today on the server's clock, but never before the period's first day: a manager east of the
 * server may export their new month while the server's calendar is still in the month before.
 */
const completeDate = (month: CalendarMonth, now: Date): string => {
  const today = localDateOf(now);
  const firstDay = firstDayOf(month);
  return today < firstDay ? firstDay : today;
};

/** Fetches the next page while the owners of the current one are looked up and summed. */
const sumPages = async (source: ExportSource, aggregation: DataValueSetAggregation, month: string) => {
  const pages = source.targetDocPages(month)[Symbol.asyncIterator]();
  let next = pages.next();
  for (;;) {
    const { value: docs, done } = await next;
    if (done) {
      return;
    }
    next = pages.next();
    // Keep a rejected prefetch from surfacing as an unhandled rejection before it is awaited.
    next.catch(() => undefined);
    const owners = [...new Set(docs.flatMap((doc: TargetDoc) => (typeof doc.owner === 'string' ? [doc.owner] : [])))];
    const lineages = await source.ownerLineages(owners);
    for (const doc of docs) {
      aggregation.add(doc, typeof doc.owner === 'string' ? lineages.get(doc.owner) ?? [doc.owner] : []);
    }
  }
};
