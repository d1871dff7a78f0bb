import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryMedic } from '../../test/memory-db';
import { ContactIndex } from './contact-index';
import { centre, worker } from '../../test/contact-index-support';

const lineage = async (index: ContactIndex, id: string) => (await index.lineages([id])).get(id);

describe('ContactIndex over a CouchDB (places from the view)', () => {
  it('reads the view for places, and forgets an owner that changed since it was read', async () => {
    const db = await memoryMedic([centre, worker]);
    const index = new ContactIndex(db, { places: 'view' });
    await index.start();
    assert.deepEqual((await index.mappedPlaces()).map(place => place._id), ['hc']);
    assert.deepEqual((await index.mappedPlaces('nothing')), []);
    assert.deepEqual(await lineage(index, 'chw'), ['chw', 'area', 'hc', 'district']);
    const moved = await db.get<typeof worker>('chw');
    await db.put({ ...moved, parent: { _id: 'area2' } });
    assert.deepEqual(await lineage(index, 'chw'), ['chw', 'area2']);
    assert.equal(index.size.places, 0, 'nothing kept about places');
  });
});

describe('ContactIndex over a CouchDB after a long backlog', () => {
  it('forgets every owner and goes on from now rather than read the whole backlog', async () => {
    const db = await memoryMedic([centre, worker]);
    const index = new ContactIndex(db, { places: 'view', backlogLimit: 3 });
    await index.start();
    assert.deepEqual(await lineage(index, 'chw'), ['chw', 'area', 'hc', 'district']);
    await db.bulkDocs(Array.from({ length: 10 }, (_, i) => ({ _id: `report-${i}`, type: 'data_record' })));
    const moved = await db.get<typeof worker>('chw');
    await db.put({ ...moved, parent: { _id: 'area2' } });
    let read = 0;
    const changes = db.changes.bind(db);
    (db as unknown as { changes: typeof db.changes }).changes = ((options: PouchDB.Core.ChangesOptions) => {
      read++;
      return changes(options);
    }) as typeof db.changes;
    assert.deepEqual(await lineage(index, 'chw'), ['chw', 'area2'], 'the moved owner is read again');
    assert.equal(read, 1, 'one batch, not the whole backlog');
    assert.equal(index.size.owners, 1);
  });
});
