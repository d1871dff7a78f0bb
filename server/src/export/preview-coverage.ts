import type { TargetDoc } from '../cht/cht-docs';
import type { HealthWorker } from '../sources/user-settings';
import type { ExportSource } from '../sources/export-source';
import type { TargetDocObserver, TargetDocOutcome } from './aggregate';
import type { ExportResult } from './export-data-value-set';
import { MAX_IDS } from './preview-checks';

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

interface WorkerReport {
  lastUpdate: number | undefined;
}

/** Listens to the export's pass: who reported, which docs counted nowhere or were malformed, which targets appear. */
export class TargetDocCollector implements TargetDocObserver {
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

/**
 * Per org unit: the health workers placed under it (by their contact's current lineage, or by their
 * facility when their contact is unknown), those with a target doc for the period, and those whose
 * last update came before the period ended.
 */
export const syncCoverage = async (
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
