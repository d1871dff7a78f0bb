import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryMedic } from '../../test/memory-db';
import { ensureTargetValuesView } from './design-docs';
import { ContactIndex } from './contact-index';
import { exportDataValueSet } from '../export/export-data-value-set';
import { previewExport } from '../export/export-preview';
import type { ExportRequest } from '../export/export-request';
import { PouchExportSource } from './pouch-export-source';
import { TargetValuesView } from './target-values-view';

const settings = {
  _id: 'settings',
  settings: {
    dhis_data_sets: [{ id: 'ds' }],
    roles: { chw: { offline: true } },
    tasks: { targets: { items: [{ id: 'births', dhis: { dataElement: 'deBirths' } }, { id: 'visits', dhis: { dataElement: 'deVisits' } }] } },
  },
};
const docs = [
  settings,
  { _id: 'hc', type: 'health_center', dhis: { orgUnit: 'ouHc' } },
  { _id: 'chw1', type: 'person', parent: { _id: 'hc' } },
  { _id: 'chw2', type: 'person', parent: { _id: 'hc' } },
  { _id: 'org.couchdb.user:u1', type: 'user-settings', name: 'u1', contact_id: 'chw1', roles: ['chw'] },
  { _id: 'target~2026-10~chw1~org.couchdb.user:u1', type: 'target', owner: 'chw1', user: 'org.couchdb.user:u1', updated_date: 1790000000000,
    targets: [{ id: 'births', value: { pass: 1, total: 2.5 } }, { id: 'visits', value: { total: 7 } }, { id: 'unmapped', value: { total: 9 } }, 'junk', { id: 3 }] },
  { _id: 'target~2026-10~chw2~org.couchdb.user:u2', owner: 'chw2', targets: [{ id: 'births', value: { total: 'many' } }, { id: 'visits', value: { total: 1 } }] },
  { _id: 'target~2026-10~chw3~org.couchdb.user:u3', type: 'target', owner: 7, targets: [] },
  { _id: 'target~2026-10~chw4~org.couchdb.user:u4', type: 'target', owner: 'chw1', targets: 'none', updated_date: '2026-10-02' },
  { _id: 'target~2026-09~chw1~org.couchdb.user:u1', type: 'target', owner: 'chw1', targets: [{ id: 'births', value: { total: 100 } }] },
];
const request: ExportRequest = { dataSet: 'ds', period: { type: 'Monthly', year: 2026, month: 10 }, humanReadable: false, format: 'json', omitZeros: false };

describe('the target values view (COUCH_URL)', () => {
  it('gives the export and the preview what whole target docs give, malformed docs included, without reading the docs', async () => {
    const db = await memoryMedic(docs);
    await ensureTargetValuesView(db);
    const view = new TargetValuesView(db);
    view.build();
    while (!view.usable) await new Promise(resolve => setTimeout(resolve, 10));
    const fromDocs = new PouchExportSource(db, new ContactIndex(db), 2);
    const fromView = new PouchExportSource(db, new ContactIndex(db), 2, view);
    const now = new Date('2026-11-05T00:00:00Z');
    const expected = await exportDataValueSet(fromDocs, request, now);
    const expectedPreview = await previewExport(fromDocs, request, now);

    let docsRead = 0;
    const allDocs = db.allDocs.bind(db);
    db.allDocs = ((options: { include_docs?: boolean; startkey?: string }) => {
      if (options.include_docs && options.startkey?.startsWith('target~')) docsRead++;
      return allDocs(options as never);
    }) as typeof db.allDocs;
    const got = await exportDataValueSet(fromView, request, now);
    assert.deepEqual(got.dataValueSet, expected.dataValueSet);
    assert.deepEqual(got.counts, expected.counts);
    assert.deepEqual(got.counts, { targetDocs: 4, counted: 2, malformed: 3 });
    assert.deepEqual(JSON.parse(JSON.stringify(await previewExport(fromView, request, now))), JSON.parse(JSON.stringify(expectedPreview)));
    assert.equal(docsRead, 0, 'rows of the view, not target docs');
  });

  it('reads whole target docs until CouchDB has built the view, and again after a read of it fails', async () => {
    const db = await memoryMedic(docs);
    await ensureTargetValuesView(db);
    const view = new TargetValuesView(db);
    assert.equal(view.usable, false);
    const source = new PouchExportSource(db, new ContactIndex(db), 2, view);
    assert.equal((await exportDataValueSet(source, request)).counts.targetDocs, 4);
    view.build();
    while (!view.usable) await new Promise(resolve => setTimeout(resolve, 10));
    const query = db.query.bind(db);
    db.query = (() => Promise.reject(Object.assign(new Error('timeout'), { status: 500 }))) as typeof db.query;
    assert.equal((await exportDataValueSet(source, request)).counts.targetDocs, 4, 'the failed page read from _all_docs');
    assert.equal(view.usable, false);
    db.query = query;
    view.close();
  });

  it('is installed once, and brought up to date when its map changed', async () => {
    const db = await memoryMedic([]);
    assert.equal(await ensureTargetValuesView(db), 'installed');
    assert.equal(await ensureTargetValuesView(db), 'present');
    const doc = await db.get<{ views: Record<string, { map: string }> }>('_design/dhis-export');
    await db.put({ ...doc, views: { target_values: { map: 'function (doc) {}' } } });
    assert.equal(await ensureTargetValuesView(db), 'updated');
  });
});
