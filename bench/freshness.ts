import type { Deployment } from './deployment';
import type { Worker } from './deployment-shape';
import type { ExpectedValues } from './expected-values';
import type { HttpClient } from './http-client';
import { runExport } from './methods';

export interface FreshnessCheck {
  name: string;
  ok: boolean;
  /** The export right after the write was acknowledged. */
  exportMs: number;
  differences: string[];
}

interface Doc {
  _id: string;
  _rev?: string;
  [field: string]: unknown;
}

const docPath = (id: string) => `/medic/${encodeURIComponent(id)}`;

/**
 * "An export reflects every write acknowledged before it started": each check changes documents
 * through the server under test, waits only for the write to be acknowledged, exports at once and
 * compares the whole export with the expected values, updated by exactly what the write changed.
 * Changes target docs (update, add, delete) and contacts (a new worker, a worker moved to another
 * health centre, a new mapped health centre, a health centre remapped to another org unit).
 */
export const runFreshnessChecks = async (
  client: HttpClient,
  exporter: HttpClient,
  deployment: Deployment,
  expected: ExpectedValues,
): Promise<FreshnessCheck[]> => {
  const { month, district, workers: n } = deployment;
  const orgUnitsOf = (worker: Worker) => [deployment.centre(worker.centre).orgUnit, district.orgUnit];
  const getDoc = async (id: string) => (await client.json<Doc>(docPath(id))).body;
  const bulk = async (docs: object[]) => {
    const { body } = await client.json<{ id: string; error?: string }[]>('/medic/_bulk_docs', { method: 'POST', body: { docs } });
    const failed = body.filter(row => row.error);
    if (failed.length > 0) {
      throw new Error(`_bulk_docs refused: ${JSON.stringify(failed)}`);
    }
  };

  const steps: { name: string; write: () => Promise<void> }[] = [
    {
      name: 'a target doc updated (new values)',
      write: async () => {
        const worker = deployment.worker(Math.floor(n * 0.31));
        const doc = await getDoc(deployment.targetDocId(worker, month));
        const before = deployment.targetValues(worker.index, month);
        const after = deployment.targetValues(worker.index, month, 1);
        await client.json(docPath(doc._id), { method: 'PUT', body: { ...deployment.targetDoc(worker, month, after), _rev: doc._rev } });
        expected.add(orgUnitsOf(worker), before, -1);
        expected.add(orgUnitsOf(worker), after);
      },
    },
    {
      name: 'a new target doc (second user of an existing contact)',
      write: async () => {
        const worker = deployment.worker(Math.floor(n * 0.52));
        const values = deployment.targetValues(worker.index, month, 2);
        await client.json('/medic', { method: 'POST', body: deployment.targetDoc(worker, month, values, 'supervisor-000001') });
        expected.add(orgUnitsOf(worker), values);
      },
    },
    {
      name: 'a target doc deleted',
      write: async () => {
        const worker = deployment.worker(Math.floor(n * 0.73));
        const doc = await getDoc(deployment.targetDocId(worker, month));
        await client.json(`${docPath(doc._id)}?rev=${encodeURIComponent(doc._rev!)}`, { method: 'DELETE' });
        expected.add(orgUnitsOf(worker), deployment.targetValues(worker.index, month), -1);
      },
    },
    {
      name: 'a new health worker (area, person, target doc in one _bulk_docs)',
      write: async () => {
        const worker = deployment.worker(n, 0);
        const values = deployment.targetValues(worker.index, month);
        await bulk([...deployment.contactDocs(worker), deployment.targetDoc(worker, month, values)]);
        expected.add(orgUnitsOf(worker), values);
      },
    },
    {
      name: 'a health worker moved to another health centre (lineage rewritten)',
      write: async () => {
        const from = deployment.worker(Math.floor(n * 0.94));
        if (deployment.centreCount < 2) {
          return;
        }
        const to: Worker = { ...from, centre: (from.centre + 1) % deployment.centreCount };
        const [area, person] = await Promise.all([getDoc(from.areaId), getDoc(from.personId)]);
        const [movedArea, movedPerson] = deployment.contactDocs(to) as Doc[];
        await bulk([{ ...movedArea, _rev: area._rev }, { ...movedPerson, _rev: person._rev }]);
        const values = deployment.targetValues(from.index, month);
        expected.add([deployment.centre(from.centre).orgUnit], values, -1);
        expected.add([deployment.centre(to.centre).orgUnit], values);
      },
    },
    {
      name: 'a new health centre mapped to a new org unit, with a worker',
      write: async () => {
        const centre = deployment.centre(deployment.centreCount);
        const worker = deployment.worker(n + 1, deployment.centreCount);
        const values = deployment.targetValues(worker.index, month);
        await bulk([deployment.centreDoc(centre), ...deployment.contactDocs(worker), deployment.targetDoc(worker, month, values)]);
        expected.addOrgUnit(centre.orgUnit);
        expected.add([centre.orgUnit, district.orgUnit], values);
      },
    },
    {
      name: 'a health centre remapped to another org unit',
      write: async () => {
        const centre = deployment.centre(0);
        const doc = await getDoc(centre.id);
        const orgUnit = deployment.freshOrgUnit(1);
        await client.json(docPath(centre.id), { method: 'PUT', body: { ...doc, dhis: { orgUnit } } });
        expected.renameOrgUnit(centre.orgUnit, orgUnit);
      },
    },
  ];

  const checks: FreshnessCheck[] = [];
  for (const step of steps) {
    await step.write();
    const run = await runExport(exporter, deployment);
    const differences = expected.differences(run.set, 8, { asFile: true });
    checks.push({ name: step.name, ok: differences.length === 0, exportMs: run.ms, differences });
  }
  return checks;
};
