import { dataSetsOf, localeOf, type AppSettings } from '../settings/app-settings';
import { translationsOf, translator, type Translate } from '../settings/translations';
import { dataSetName } from './aggregate';
import { dhisMappingsOf, lineageOf } from '../cht/cht-docs';
import { digestOf } from './send-digest';
import { DecimalSum } from './decimal-sum';
import { exportDataValueSet, resolvePeriod, type ExportResult } from './export-data-value-set';
import type { ExportRequest } from './export-request';
import type { ExportSource } from '../sources/export-source';
import { previewChecks, type PreviewCheck } from './preview-checks';
import { syncCoverage, TargetDocCollector, type OrgUnitCoverage } from './preview-coverage';
import type { Dhis2Calendar } from './calendars/dhis2-calendar';
import { monthLengthCheck } from './calendars/month-length-check';
import { dhisPeriodId, monthStartDateOf, monthsOf, periodDates } from './reporting-period';
import { healthWorkersOf, offlineRolesOf, type HealthWorker } from '../sources/user-settings';

/** A data value as the file holds it, with the names a person reads it by. */
export interface PreviewValue {
  orgUnit: string;
  orgUnitName: string;
  dataElement: string;
  categoryOptionCombo?: string;
  attributeOptionCombo?: string;
  /** The targets that add up in it, with their translated titles. */
  targets: Array<{ id: string; title: string }>;
  value: number;
}

export interface PreviewTotal {
  dataElement: string;
  categoryOptionCombo?: string;
  attributeOptionCombo?: string;
  targets: Array<{ id: string; title: string }>;
  value: number;
}

export interface ExportPreview {
  dataSet: { id: string; name: string };
  period: string;
  /** The period's last instant, as ISO 8601: a target doc updated before it may miss the end of the period. */
  periodEnd: string;
  fileName: string;
  counts: { targetDocs: number; counted: number; malformed: number; dataValues: number; healthWorkers: number };
  dataValues: PreviewValue[];
  totals: PreviewTotal[];
  coverage: OrgUnitCoverage[];
  checks: PreviewCheck[];
  /** The digest of the file's values: a send given it as `confirm` sends these values or nothing. */
  digest: string;
}

export interface PreviewProgress {
  docsRead: number;
  /** The target docs expected (health workers × months), an estimate; null without user-settings docs. */
  docsExpected: number | null;
}

const targetItemsOf = (settings: AppSettings): Map<string, { type?: unknown; translation_key?: unknown }> => {
  const items = settings.tasks?.targets?.items;
  return new Map((Array.isArray(items) ? items : []).flatMap(item =>
    typeof item === 'object' && item !== null && 'id' in item ? [[String(item.id), item as { type?: unknown; translation_key?: unknown }] as const] : []));
};

/** The instant the period ends: midnight after its last day, on this process's clock. */
const periodEndOf = (lastDay: string): number => {
  const [year, month, day] = lastDay.split('-').map(Number);
  return new Date(year, month - 1, day + 1).getTime();
};

const combosOf = (row: object & { categoryOptionCombo?: unknown; attributeOptionCombo?: unknown }) => ({
  ...(row.categoryOptionCombo !== undefined ? { categoryOptionCombo: String(row.categoryOptionCombo) } : {}),
  ...(row.attributeOptionCombo !== undefined ? { attributeOptionCombo: String(row.attributeOptionCombo) } : {}),
});

/**
 * What the file will hold, with names, sync coverage and pre-flight checks, from the export's own
 * pass over the target docs: the data values are those of the file, not a second computation.
 */
export const previewExport = async (
  source: ExportSource,
  request: ExportRequest,
  now: Date = new Date(),
  { onProgress, signal, dhis2Calendar }: { onProgress?: (progress: PreviewProgress) => void; signal?: AbortSignal; dhis2Calendar?: Dhis2Calendar } = {},
): Promise<ExportPreview> => {
  const settings = await source.settings();
  // Alongside the target docs, not before them: at one per health worker they are many.
  const userSettingsRead = source.userSettings?.() ?? Promise.resolve([]);
  userSettingsRead.catch(() => undefined);
  // An unknown data set or a bad period: the export below refuses it with its own message.
  const dataSetConfig = dataSetsOf(settings).find(({ id }) => id === request.dataSet);
  const months = dataSetConfig === undefined ? 0 : monthsOf(resolvePeriod(request, dataSetConfig, settings)).length;
  let docsExpected: number | null = null;
  let workers: HealthWorker[] | undefined;
  void userSettingsRead.then(docs => {
    workers = healthWorkersOf(docs, offlineRolesOf(settings));
    docsExpected = workers.length * months || null;
  }, () => undefined);
  const collector = new TargetDocCollector();
  const result = await exportDataValueSet(source, { ...request, humanReadable: false }, now, {
    observer: collector,
    signal,
    dhis2Calendar,
    onProgress: docsRead => onProgress?.({ docsRead, docsExpected }),
  });
  workers ??= healthWorkersOf(await userSettingsRead, offlineRolesOf(settings));
  const translate = translator(translationsOf(await source.translations(localeOf(settings))));
  const preview = await assemble(source, request, settings, translate, result, collector, workers);
  const monthLengths = dhis2Calendar && monthLengthCheck(result.period, dhis2Calendar);
  return monthLengths ? { ...preview, checks: [...preview.checks, monthLengths] } : preview;
};

const assemble = async (
  source: ExportSource, request: ExportRequest, settings: AppSettings, translate: Translate,
  result: ExportResult, collector: TargetDocCollector, workers: HealthWorker[],
): Promise<ExportPreview> => {
  const { aggregation, dataValueSet, counts } = result;
  const dataSetConfig = dataSetsOf(settings).find(({ id }) => id === request.dataSet)!;
  const items = targetItemsOf(settings);
  const titleOf = (id: string) => {
    const key = items.get(id)?.translation_key;
    return typeof key === 'string' && key !== '' ? translate(key) : id;
  };
  const orgUnitNameOf = (orgUnit: string) => aggregation.placeNameOf(orgUnit) ?? orgUnit;
  const targetOrder = new Map(aggregation.definitions.map(({ id }, index) => [id, index]));

  const dataValues: PreviewValue[] = dataValueSet.dataValues.map(row => ({
    orgUnit: row.orgUnit,
    orgUnitName: orgUnitNameOf(row.orgUnit),
    dataElement: row.dataElement,
    ...combosOf(row),
    targets: aggregation.targetsOf(row).map(id => ({ id, title: titleOf(id) })),
    value: row.value,
  }));
  const firstTarget = (value: { targets: Array<{ id: string }> }) => targetOrder.get(value.targets[0]?.id ?? '') ?? 0;
  dataValues.sort((a, b) => a.orgUnitName.localeCompare(b.orgUnitName) || a.orgUnit.localeCompare(b.orgUnit) || firstTarget(a) - firstTarget(b));

  const totals = new Map<string, PreviewTotal & { sum: DecimalSum }>();
  for (const row of dataValues) {
    const key = JSON.stringify([row.dataElement, row.categoryOptionCombo ?? null, row.attributeOptionCombo ?? null]);
    const total = totals.get(key) ?? { dataElement: row.dataElement, ...combosOf(row), targets: row.targets, value: 0, sum: new DecimalSum() };
    total.sum.add(row.value);
    totals.set(key, total);
  }

  // Mapped places (of this data set and filter) with their ancestors, for the checks on the mapping.
  const places = await source.placesWithOrgUnits(request.orgUnit);
  const mappedPlaces = places.flatMap(place => dhisMappingsOf(place)
    .filter(({ orgUnit, dataSet }) => (dataSet === undefined || dataSet === request.dataSet) && (request.orgUnit === undefined || orgUnit === request.orgUnit))
    .map(({ orgUnit }) => ({
      _id: place._id, orgUnit, ancestors: lineageOf(place).slice(1), ...(typeof place.name === 'string' && place.name ? { name: place.name } : {}),
    })));

  const { last } = periodDates(result.period, monthStartDateOf(settings));
  const periodEnd = periodEndOf(last);
  const coverage = await syncCoverage(source, aggregation, collector, workers, periodEnd, orgUnitNameOf);

  const checks = previewChecks({
    dataSet: request.dataSet,
    periodId: dhisPeriodId(result.period),
    orgUnit: request.orgUnit,
    definitions: aggregation.definitions,
    percentTargets: new Set([...items].filter(([, item]) => item.type === 'percent').map(([id]) => id)),
    unusableTargets: result.malformedTargets,
    mappedPlaces,
    dataValues: dataValueSet.dataValues,
    omitZeros: request.omitZeros,
    targetDocs: counts.targetDocs,
    counted: counts.counted,
    malformedDocs: collector.malformedDocs,
    malformedCount: counts.malformed,
    countedNowhere: request.orgUnit === undefined ? [...collector.countedNowhere] : [],
    countedNowhereCount: request.orgUnit === undefined ? collector.countedNowhereCount : 0,
    targetsSeen: collector.targetsSeen,
  });

  return {
    dataSet: { id: request.dataSet, name: dataSetName(translate, dataSetConfig.translation_key, dataSetConfig.id) },
    period: dataValueSet.period,
    periodEnd: new Date(periodEnd - 1).toISOString(),
    fileName: result.fileName,
    counts: { ...counts, dataValues: dataValues.length, healthWorkers: workers.length },
    dataValues,
    totals: [...totals.values()].map(({ sum, ...total }) => ({ ...total, value: sum.value })),
    coverage,
    checks,
    digest: digestOf(dataValueSet),
  };
};
