import type { Deployment } from './deployment';
import { timestampInMonth } from './deployment-shape';
import type { DataValue, DataValueSet } from './expected-values';
import { HttpError, type HttpClient } from './http-client';

export const ORG_UNIT_VIEW_PATH = '/_design/medic-admin/_view/contacts_by_dhis_orgunit';

export interface Timed {
  ms: number;
  bytes: number;
}

export interface ExportRun extends Timed {
  text: string;
  set: DataValueSet;
}

export const exportPath = (deployment: Deployment) =>
  `/api/v2/export/dhis?${encodeURIComponent('filters[dataSet]')}=${encodeURIComponent(deployment.dataSet)}` +
  `&${encodeURIComponent('filters[date][from]')}=${timestampInMonth(deployment.month)}`;

/** (a) The export, over HTTP as the admin (basic auth), body read fully. */
export const runExport = async (client: HttpClient, deployment: Deployment): Promise<ExportRun> => {
  const path = exportPath(deployment);
  const result = await client.request(path, { collect: true });
  if (result.status !== 200) {
    throw new HttpError(result.status, `GET ${path}`, result.text ?? '');
  }
  return { ms: result.ms, bytes: result.bytes, text: result.text!, set: JSON.parse(result.text!) as DataValueSet };
};

export interface PreviewRun extends Timed {
  /** Lines of progress the stream held before the preview. */
  progressLines: number;
  dataValues: DataValue[];
}

/**
 * (p) The preview as the page asks for it: \`GET /api/v2/export/dhis/preview\` with the export's filters,
 * as a stream of progress lines then the preview (\`application/x-ndjson\`), read fully and parsed.
 */
export const runPreview = async (client: HttpClient, deployment: Deployment): Promise<PreviewRun> => {
  const path = exportPath(deployment).replace('/api/v2/export/dhis?', '/api/v2/export/dhis/preview?');
  const result = await client.request(path, { collect: true, accept: 'application/x-ndjson' });
  const lines = (result.text ?? '').split('\n').filter(Boolean).map(line => JSON.parse(line) as { progress?: unknown; preview?: { dataValues: DataValue[] } });
  const preview = lines.at(-1)?.preview;
  if (result.status !== 200 || !preview) {
    throw new HttpError(result.status, `GET ${path}`, (result.text ?? '').slice(-500));
  }
  return { ms: result.ms, bytes: result.bytes, progressLines: lines.length - 1, dataValues: preview.dataValues };
};

const monthRange = (month: string) =>
  `startkey=${encodeURIComponent(JSON.stringify(`target~${month}~`))}&endkey=${encodeURIComponent(JSON.stringify(`target~${month}~\ufff0`))}`;

/** (b) The floor: one `_all_docs` range scan of the month's target docs with their docs, body read fully (not kept). */
export const runFloor = async (client: HttpClient, month: string): Promise<Timed> => {
  const path = `/medic/_all_docs?${monthRange(month)}&include_docs=true`;
  const result = await client.request(path);
  if (result.status !== 200) {
    throw new HttpError(result.status, `GET ${path}`, result.text ?? '');
  }
  return { ms: result.ms, bytes: result.bytes };
};

interface Row<T> {
  id: string;
  doc?: T;
}

interface ContactDoc {
  _id: string;
  dhis?: unknown;
  parent?: ContactDoc;
}

interface TargetDocBody {
  owner?: string;
  targets?: { id?: string; value?: { total?: number } }[];
}

export interface ChtRun extends Timed {
  steps: { scan: number; view: number; owners: number; aggregate: number };
  targetDocs: number;
  set: DataValueSet;
}

/**
 * (c) The CHT method, as the CHT's API does it: the month's target docs in one read, the org-unit
 * view with docs, every owner by key, then the sums in this process (the same work as the CHT,
 * in a few lines of our own; it need not match the CHT's output to the letter).
 */
export const runChtMethod = async (client: HttpClient, deployment: Deployment): Promise<ChtRun> => {
  const started = performance.now();
  const scan = await client.json<{ rows: Row<TargetDocBody>[] }>(`/medic/_all_docs?${monthRange(deployment.month)}&include_docs=true`);
  const targetDocs = scan.body.rows.flatMap(row => (row.doc ? [row.doc] : []));
  const afterScan = performance.now();

  const view = await client.json<{ rows: Row<ContactDoc>[] }>(`/medic${ORG_UNIT_VIEW_PATH}?include_docs=true`);
  const placesById = new Map<string, ContactDoc>();
  for (const row of view.body.rows) {
    if (row.doc) {
      placesById.set(row.doc._id, row.doc);
    }
  }
  const afterView = performance.now();

  const ownerIds = [...new Set(targetDocs.flatMap(doc => (typeof doc.owner === 'string' ? [doc.owner] : [])))];
  const owners = await client.json<{ rows: Row<ContactDoc>[] }>('/medic/_all_docs?include_docs=true', { method: 'POST', body: { keys: ownerIds } });
  const afterOwners = performance.now();

  const set = sumAsTheChtDoes(deployment, targetDocs, [...placesById.values()], owners.body.rows.flatMap(row => (row.doc ? [row.doc] : [])));
  const ended = performance.now();
  return {
    ms: ended - started,
    bytes: scan.bytes + view.bytes + owners.bytes,
    steps: { scan: afterScan - started, view: afterView - afterScan, owners: afterOwners - afterView, aggregate: ended - afterOwners },
    targetDocs: targetDocs.length,
    set,
  };
};

const sumAsTheChtDoes = (deployment: Deployment, targetDocs: TargetDocBody[], places: ContactDoc[], owners: ContactDoc[]): DataValueSet => {
  const dataSet = deployment.dataSet;
  const orgUnitsByContact = new Map<string, string[]>();
  for (const place of places) {
    const entries = (Array.isArray(place.dhis) ? place.dhis : [place.dhis]) as { orgUnit?: string; dataSet?: string }[];
    for (const entry of entries) {
      if (entry?.orgUnit && (!entry.dataSet || entry.dataSet === dataSet)) {
        const list = orgUnitsByContact.get(place._id) ?? [];
        list.push(entry.orgUnit);
        orgUnitsByContact.set(place._id, list);
      }
    }
  }
  const orgUnitsByOwner = new Map<string, string[]>();
  for (const owner of owners) {
    const found = new Set<string>();
    for (let contact: ContactDoc | undefined = owner; contact; contact = contact.parent) {
      for (const orgUnit of orgUnitsByContact.get(contact._id) ?? []) {
        found.add(orgUnit);
      }
    }
    orgUnitsByOwner.set(owner._id, [...found]);
  }
  const dataElementByTarget = new Map(deployment.mappedTargets.map(({ id, dataElement }) => [id, dataElement]));
  const rowsByOrgUnit = new Map<string, Map<string, DataValue>>();
  for (const orgUnits of orgUnitsByContact.values()) {
    for (const orgUnit of orgUnits) {
      if (!rowsByOrgUnit.has(orgUnit)) {
        rowsByOrgUnit.set(orgUnit, new Map(deployment.mappedTargets.map(({ dataElement, categoryOptionCombo }) =>
          [dataElement, { dataElement, orgUnit, value: 0, ...(categoryOptionCombo ? { categoryOptionCombo } : {}) }])));
      }
    }
  }
  for (const doc of targetDocs) {
    const orgUnits = orgUnitsByOwner.get(doc.owner ?? '');
    if (!orgUnits?.length || !Array.isArray(doc.targets)) {
      continue;
    }
    for (const target of doc.targets) {
      const dataElement = dataElementByTarget.get(target.id ?? '');
      if (dataElement) {
        for (const orgUnit of orgUnits) {
          const row = rowsByOrgUnit.get(orgUnit)?.get(dataElement);
          if (row) {
            row.value += target.value?.total ?? 0;
          }
        }
      }
    }
  }
  return {
    dataSet,
    completeDate: new Date().toISOString().slice(0, 10),
    period: deployment.month.replace('-', ''),
    dataValues: [...rowsByOrgUnit.values()].flatMap(rows => [...rows.values()]),
  };
};
