import { dataSetsOf, localeOf, type AppSettings } from '../settings/app-settings';
import { translationsOf, translator, type Translate } from '../settings/translations';
import { dataSetName, type TargetDocObserver, type TargetDocOutcome } from './aggregate';
import { dhisMappingsOf, lineageOf, type TargetDoc } from '../cht/cht-docs';
import { digestOf } from './send-digest';
import { DecimalSum } from './decimal-sum';
import { exportDataValueSet, resolvePeriod, type ExportResult } from './export-data-value-set';
import type { ExportRequest } from './export-request';
import type { ExportSource } from '../sources/export-source';
import { MAX_IDS, previewChecks, type PreviewCheck } from './preview-checks';
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

export interface WorkerFollowUp {
  user: string;
  name: string;
  /** The last `updated_date` of their target docs for the period (ISO 8601); null when they have none. */
  lastUpdate: string | null;
}

/** Sync coverage of one org unit for the period. */
export interface OrgUnitCoverage {
  orgUnit: string;
  orgUnitName: string;
  /** Health workers (offline users) whose contact or place lies under a place mapped to the org unit. */
  expected: number;
  /** Of those, how many have a target doc for the period. */
  reported: number;
  /** Of those, how many last updated it before the period ended: their figures may be incomplete. */
  stale: number;
  missingWorkers: WorkerFollowUp[];
  staleWorkers: WorkerFollowUp[];
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

interface WorkerReport {
  lastUpdate: number | undefined;
}

/** Listens to the export's pass: who reported, which docs counted nowhere or were malformed, which targets appear. */
class TargetDocCollector implements TargetDocObserver {
  readonly reportsByUser = new Map<string, WorkerReport>();
  readonly reportsByOwner = new Map<string, WorkerReport>();
  readonly malformedDocs: string[] = [];
  readonly countedNowhere = new Set<string>();
  countedNowhereCount = 0;
  readonly targetsSeen = new Set<string>();

  targetDoc(doc: TargetDoc, { orgUnits, malformed, mappedTargets }: TargetDocOutcome): void {
    const { user, owner, updated_date: updated } = doc as TargetDoc & { user?: unknown; updated_date?: unknown };
    const userId = typeof user === 'string' ? user : doc._id.split('~')[3];
    const updatedAt = typeof updated === 'number' ? updated : typeof updated === 'string' ? Date.parse(updated) : NaN;
    const remember = (reports: Map<string, WorkerReport>, id: string) => {
      const report = reports.get(id) ?? { lastUpdate: undefined };
      if (Number.isFinite(updatedAt) && (report.lastUpdate === undefined || updatedAt > report.lastUpdate)) {
        report.lastUpdate = updatedAt;
      }
      reports.set(id, report);
    };
    if (userId) remember(this.reportsByUser, userId);
    if (typeof owner === 'string') remember(this.reportsByOwner, owner);
    if (malformed && this.malformedDocs.length < MAX_IDS) {
      this.malformedDocs.push(doc._id);
    }
    if (!malformed && orgUnits.length === 0) {
      this.countedNowhereCount++;
      if (this.countedNowhere.size < MAX_IDS) this.countedNowhere.add(userId ?? (typeof owner === 'string' ? owner : doc._id));
    }
    for (const id of mappedTargets) this.targetsSeen.add(id);
  }
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

/**
 * Per org unit: the health workers placed under it (by their contact's current lineage, or by their
 * facility when their contact is unknown), those with a target doc for the period, and those whose
 * last update came before the period ended.
 */
const syncCoverage = async (
  source: ExportSource, aggregation: ExportResult['aggregation'], collector: TargetDocCollector,
  workers: readonly HealthWorker[], periodEnd: number, orgUnitNameOf: (orgUnit: string) => string,
): Promise<OrgUnitCoverage[]> => {
  const lineages = await source.ownerLineages([...new Set(workers.flatMap(({ placedBy }) => placedBy))]);
  const coverage = new Map<string, OrgUnitCoverage>();
  for (const orgUnit of aggregation.orgUnits) {
    coverage.set(orgUnit, { orgUnit, orgUnitName: orgUnitNameOf(orgUnit), expected: 0, reported: 0, stale: 0, missingWorkers: [], staleWorkers: [] });
  }
  for (const worker of workers) {
    const contactLineage = worker.contactId === undefined ? undefined : lineages.get(worker.contactId);
    // A contact known with its place wins over facility_id, which a move may have left behind.
    const placing = contactLineage !== undefined && contactLineage.length > 1 ? [contactLineage]
      : worker.placedBy.map(id => lineages.get(id) ?? [id]);
    const orgUnits = new Set(placing.flatMap(lineage => aggregation.orgUnitsOf(lineage)));
    if (orgUnits.size === 0) continue;
    const report = collector.reportsByUser.get(worker.userId) ?? (worker.contactId === undefined ? undefined : collector.reportsByOwner.get(worker.contactId));
    const lastUpdate = report?.lastUpdate === undefined ? null : new Date(report.lastUpdate).toISOString();
    const stale = report !== undefined && (report.lastUpdate === undefined || report.lastUpdate < periodEnd);
    for (const orgUnit of orgUnits) {
      const entry = coverage.get(orgUnit)!;
      entry.expected++;
      if (report === undefined) {
        entry.missingWorkers.push({ user: worker.userId, name: worker.name, lastUpdate });
        continue;
      }
      entry.reported++;
      if (stale) {
        entry.stale++;
        entry.staleWorkers.push({ user: worker.userId, name: worker.name, lastUpdate });
      }
    }
  }
  const byName = (a: WorkerFollowUp, b: WorkerFollowUp) => a.name.localeCompare(b.name);
  return [...coverage.values()]
    .map(entry => ({ ...entry, missingWorkers: entry.missingWorkers.sort(byName), staleWorkers: entry.staleWorkers.sort(byName) }))
    .sort((a, b) => a.orgUnitName.localeCompare(b.orgUnitName) || a.orgUnit.localeCompare(b.orgUnit));
};
