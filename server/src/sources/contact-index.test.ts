import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryMedic } from '../../test/memory-db';
import { PLACES_CHECKPOINT_ID } from './contact-index-checkpoint';
import { ContactIndex } from './contact-index';
import { centre, worker } from '../../test/contact-index-support';

const lineage = async (index: ContactIndex, id: string) => (await index.lineages([id])).get(id);

describe('ContactIndex', () => {
  it('knows lineages and mapped places after catching up', async () => {
    const db = await memoryMedic([centre, worker, { _id: 'target~2026-10~chw~u', type: 'target', owner: 'chw', dhis: { orgUnit: 'x' } }]);
    const index = new ContactIndex(db);
    await index.catchUp();
    assert.deepEqual(index.size, { owners: 0, places: 1 }, 'no owner is read before an export needs it');
    assert.deepEqual(await lineage(index, 'chw'), ['chw', 'area', 'hc', 'district']);
    assert.deepEqual(await lineage(index, 'unknown'), ['unknown']);
    assert.deepEqual(index.placesWithOrgUnits().map(place => place._id), ['hc']);
    assert.deepEqual(index.placesWithOrgUnits('ouCentre').map(place => place.name), ['Centre']);
    assert.deepEqual(index.placesWithOrgUnits('x'), [], 'target docs are not contacts');
    assert.deepEqual(index.size, { owners: 2, places: 1 });
  });

  it('follows the user-settings docs, slimmed, as they are written, changed and deleted', async () => {
    const user = { _id: 'org.couchdb.user:ann', type: 'user-settings', name: 'ann', contact_id: 'chw', facility_id: 'area', roles: ['chw'], known: true };
    const db = await memoryMedic([centre, worker, user, { _id: 'org.couchdb.user:admin', type: 'user', name: 'admin' }]);
    const index = new ContactIndex(db);
    await index.catchUp();
    assert.deepEqual(await index.userSettings(), [{
      _id: user._id, type: 'user-settings', name: 'ann', fullname: undefined, contact_id: 'chw', facility_id: 'area', roles: ['chw'], inactive: undefined,
    }]);
    assert.deepEqual(index.size.places, 1, 'users are not places');
    await db.put({ ...(await db.get(user._id)), facility_id: ['area2'] });
    await db.put({ _id: 'org.couchdb.user:ben', type: 'user-settings', name: 'ben', roles: ['chw'] });
    await index.catchUp();
    assert.deepEqual((await index.userSettings()).map(({ _id, facility_id }) => [_id, facility_id]), [[user._id, ['area2']], ['org.couchdb.user:ben', undefined]]);
    await db.remove(await db.get(user._id));
    await index.catchUp();
    assert.deepEqual((await index.userSettings()).map(({ _id }) => _id), ['org.couchdb.user:ben']);
    const viewed = new ContactIndex(db, { places: 'view' });
    assert.deepEqual((await viewed.userSettings()).map(({ _id }) => _id), ['org.couchdb.user:ben'], 'over a CouchDB: read from the database');
  });

  it('reflects every write acknowledged before a catch-up: moves, remaps, deletions', async () => {
    const db = await memoryMedic([centre, worker]);
    const index = new ContactIndex(db);
    await index.catchUp();
    assert.deepEqual(await lineage(index, 'chw'), ['chw', 'area', 'hc', 'district']);
    const moved = await db.get<typeof worker>('chw');
    await db.put({ ...moved, parent: { _id: 'area2', parent: { _id: 'hc2' } } });
    const remapped = await db.get<typeof centre>('hc');
    await db.put({ ...remapped, dhis: [{ orgUnit: 'ouNew', dataSet: 'ds' }] });
    await db.put({ _id: 'hc2', type: 'health_center', name: 'Second', dhis: { orgUnit: 'ouSecond' } });
    assert.deepEqual(await lineage(index, 'chw'), ['chw', 'area2', 'hc2']);
    assert.deepEqual(index.placesWithOrgUnits('ouNew').map(place => place._id), ['hc']);
    assert.deepEqual(index.placesWithOrgUnits('ouCentre'), []);

    await db.remove(await db.get('hc2'));
    const unmapped = await db.get<typeof centre>('hc');
    await db.put({ ...unmapped, dhis: 'not-an-object' });
    const retyped = await db.get<typeof worker>('chw');
    await db.put({ ...retyped, type: 'data_record' });
    assert.deepEqual(await lineage(index, 'chw'), ['chw']);
    assert.deepEqual(index.placesWithOrgUnits(), []);
  });

  it('reads a database larger than one batch', async () => {
    const docs = Array.from({ length: 4500 }, (_, i) => ({ _id: `p${i}`, type: 'person', parent: { _id: `area${i % 7}` }, ...(i % 1000 === 999 ? { dhis: { orgUnit: `ou${i}` } } : {}) }));
    const db = await memoryMedic(docs);
    const index = new ContactIndex(db);
    await index.catchUp();
    assert.equal(index.size.places, 4);
    assert.deepEqual(index.placesWithOrgUnits('ou3999').map(place => place._id), ['p3999']);
  });

  it('shares one run among concurrent callers and still sees writes made during a run', async () => {
    const db = await memoryMedic([centre]);
    const index = new ContactIndex(db);
    const first = index.catchUp();
    await db.put(worker);
    const second = index.catchUp();
    await Promise.all([first, second]);
    assert.deepEqual(await lineage(index, 'chw'), ['chw', 'area', 'hc', 'district']);
  });

  it('follows the changes feed once started', async () => {
    const db = await memoryMedic([centre]);
    const index = new ContactIndex(db);
    await index.start();
    try {
      await db.put({ _id: 'hc2', type: 'health_center', dhis: { orgUnit: 'ou2' } });
      for (let tries = 0; tries < 100 && index.size.places < 2; tries++) {
        await new Promise(resolve => setTimeout(resolve, 10));
      }
      assert.deepEqual(index.placesWithOrgUnits('ou2').map(place => place._id), ['hc2']);
    } finally {
      await index.close();
    }
  });
});

describe('ContactIndex under a burst of changes', () => {
  it('runs at most twice however many callers arrive during a run', async () => {
    const db = await memoryMedic([centre]);
    const index = new ContactIndex(db);
    let runs = 0;
    const changes = db.changes.bind(db);
    (db as unknown as { changes: typeof db.changes }).changes = ((options: PouchDB.Core.ChangesOptions) => {
      runs++;
      return changes(options);
    }) as typeof db.changes;
    await Promise.all(Array.from({ length: 1000 }, () => index.catchUp()));
    assert.equal(runs, 2);
    assert.deepEqual(index.placesWithOrgUnits().map(place => place._id), ['hc']);
  });
});

describe('ContactIndex across restarts', () => {
  it('saves the mapped places with their sequence, and a restart reads only the changes since', async () => {
    const db = await memoryMedic([centre, worker]);
    const first = new ContactIndex(db, { checkpoint: true });
    await (await first.start()).caughtUp;
    await first.close();
    const saved = await db.get<{ places: Array<{ _id: string }>; since: number }>(PLACES_CHECKPOINT_ID);
    assert.deepEqual(saved.places.map(place => place._id), ['hc']);

    await db.put({ _id: 'hc2', type: 'health_center', dhis: { orgUnit: 'ou2' } });
    const read: Array<string | number | undefined> = [];
    const changes = db.changes.bind(db);
    (db as unknown as { changes: typeof db.changes }).changes = ((options: PouchDB.Core.ChangesOptions) => {
      if (options.include_docs) read.push(options.since);
      return changes(options);
    }) as typeof db.changes;
    const second = new ContactIndex(db, { checkpoint: true });
    await (await second.start()).caughtUp;
    try {
      assert.equal(read[0], saved.since, 'from the checkpoint, not from 0');
      assert.deepEqual(second.placesWithOrgUnits().map(place => place._id).sort(), ['hc', 'hc2']);
    } finally {
      await second.close();
    }
  });
});
