import assert from 'node:assert/strict';
import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { memoryMedic } from '../../test/memory-db';
import { PLACES_CHECKPOINT_ID } from './contact-index-checkpoint';
import { ContactIndex } from './contact-index';

const centre = { _id: 'hc', type: 'health_center', name: 'Centre', dhis: { orgUnit: 'ouCentre' }, parent: { _id: 'district' } };
const worker = { _id: 'chw', type: 'person', name: 'Worker', parent: { _id: 'area', parent: { _id: 'hc', parent: { _id: 'district' } } } };

const lineage = async (index: ContactIndex, id: string) => (await index.lineages([id])).get(id);

type AllDocsOptions = PouchDB.Core.AllDocsWithinRangeOptions & { keys?: string[] };
type AllDocs = (options: AllDocsOptions) => Promise<PouchDB.Core.AllDocsResponse<object>>;
/** Puts `wrap` in front of the database's `allDocs` (given the real one); returns the real one, to put back. */
const wrapAllDocs = (db: PouchDB.Database, wrap: (options: AllDocsOptions, allDocs: AllDocs) => unknown): AllDocs => {
  const allDocs = db.allDocs.bind(db) as AllDocs;
  (db as unknown as { allDocs: unknown }).allDocs = (options: AllDocsOptions) => wrap(options, allDocs);
  return allDocs;
};

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

describe('ContactIndex users across restarts', () => {
  const ann = { _id: 'org.couchdb.user:ann', type: 'user-settings', name: 'ann', facility_id: 'area', roles: ['chw'] };
  const ben = { _id: 'org.couchdb.user:ben', type: 'user-settings', name: 'ben', facility_id: 'area', roles: ['chw'] };

  it('keeps no users in the checkpoint, and a restart reads them by key range, with the changes since', async () => {
    const db = await memoryMedic([centre, worker, ann, ben]);
    const first = new ContactIndex(db, { checkpoint: true });
    await (await first.start()).caughtUp;
    await first.close();
    const saved = await db.get<Record<string, unknown>>(PLACES_CHECKPOINT_ID);
    assert.equal(saved.users, undefined, 'a sync of 100,000 users would rewrite them every second');

    await db.put({ ...(await db.get(ann._id)), facility_id: 'area2' });
    await db.remove(await db.get(ben._id));
    await db.put({ _id: 'org.couchdb.user:cy', type: 'user-settings', name: 'cy', roles: ['chw'] });
    const second = new ContactIndex(db, { checkpoint: true });
    await (await second.start()).caughtUp;
    try {
      assert.deepEqual((await second.userSettings()).map(({ _id, facility_id }) => [_id, facility_id]).sort(), [
        ['org.couchdb.user:ann', 'area2'],
        ['org.couchdb.user:cy', undefined],
      ]);
    } finally {
      await second.close();
    }
  });

  it('does not let the range read put back a user the changes feed changed meanwhile', async () => {
    const db = await memoryMedic([centre, worker, ann, ben]);
    const first = new ContactIndex(db, { checkpoint: true });
    await (await first.start()).caughtUp;
    await first.close();
    // the range read answers with the users as they were before the changes below
    const before = await db.allDocs({ startkey: 'org.couchdb.user:', endkey: 'org.couchdb.user:\ufff0', include_docs: true });
    let release: () => void = () => undefined;
    let reading: () => void = () => undefined;
    const held = new Promise<void>(resolve => (release = resolve));
    const readStarted = new Promise<void>(resolve => (reading = resolve));
    wrapAllDocs(db, async (options, allDocs) => (options.startkey === 'org.couchdb.user:' ? (reading(), await held, before) : allDocs(options)));
    const second = new ContactIndex(db, { checkpoint: true });
    await (await second.start()).caughtUp;
    const users = second.userSettings();
    await readStarted;
    await db.remove(await db.get(ben._id));
    await db.put({ ...(await db.get(ann._id)), facility_id: 'area2' });
    await second.catchUp();
    release();
    try {
      assert.deepEqual((await users).map(({ _id, facility_id }) => [_id, facility_id]), [['org.couchdb.user:ann', 'area2']]);
    } finally {
      await second.close();
    }
  });

  it('reads the users again when the read after a restart failed, with no rejection left unhandled', async () => {
    const db = await memoryMedic([centre, worker, ann]);
    const first = new ContactIndex(db, { checkpoint: true });
    await (await first.start()).caughtUp;
    await first.close();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    let failures = 1;
    wrapAllDocs(db, (options, allDocs) =>
      options.startkey === 'org.couchdb.user:' && failures-- > 0 ? Promise.reject(new Error('disk busy')) : allDocs(options));
    const second = new ContactIndex(db, { checkpoint: true });
    try {
      await (await second.start()).caughtUp;
      await new Promise(resolve => setTimeout(resolve, 10));
      assert.deepEqual((await second.userSettings()).map(({ name }) => name), ['ann']);
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      await second.close();
    }
  });

  it('still reads the places of a checkpoint that held users too (version 2)', async () => {
    const db = await memoryMedic([centre, worker, ann]);
    const first = new ContactIndex(db, { checkpoint: true });
    await (await first.start()).caughtUp;
    await first.close();
    const saved = await db.get<Record<string, unknown>>(PLACES_CHECKPOINT_ID);
    await db.put({ ...saved, version: 2, users: [{ ...ann, name: 'stale' }] });
    const second = new ContactIndex(db, { checkpoint: true });
    await (await second.start()).caughtUp;
    try {
      assert.deepEqual(second.placesWithOrgUnits().map(place => place._id), ['hc']);
      assert.deepEqual((await second.userSettings()).map(({ name }) => name), ['ann'], 'its users are read again, not taken from it');
    } finally {
      await second.close();
    }
  });
});

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

describe('ContactIndex users over a CouchDB', () => {
  it('reads the users by key range once, and again only after a user doc changed', async () => {
    const ann = { _id: 'org.couchdb.user:ann', type: 'user-settings', name: 'ann', roles: ['chw'] };
    const db = await memoryMedic([centre, worker, ann]);
    let reads = 0;
    wrapAllDocs(db, (options, allDocs) => {
      if (options.startkey === 'org.couchdb.user:') reads++;
      return allDocs(options);
    });
    const index = new ContactIndex(db, { places: 'view' });
    await index.start();
    assert.deepEqual((await index.userSettings()).map(({ name }) => name), ['ann']);
    assert.deepEqual((await index.userSettings()).map(({ name }) => name), ['ann']);
    assert.equal(reads, 1);
    await db.put({ _id: 'report', type: 'data_record' });
    await db.put({ ...(await db.get(worker._id)), name: 'Moved' });
    await index.userSettings();
    assert.equal(reads, 1, 'other docs changing leave the users as read');
    await db.put({ _id: 'org.couchdb.user:ben', type: 'user-settings', name: 'ben', roles: ['chw'] });
    assert.deepEqual((await index.userSettings()).map(({ name }) => name), ['ann', 'ben'], 'a user written before the call is seen');
    assert.equal(reads, 2);
    await db.remove(await db.get(ann._id));
    assert.deepEqual((await index.userSettings()).map(({ name }) => name), ['ben']);
  });
});

describe('ContactIndex users by the thousand', () => {
  it('reads them a page at a time, every one once', async () => {
    const users = Array.from({ length: 4500 }, (_, i) => ({ _id: `org.couchdb.user:u${String(i).padStart(4, '0')}`, type: 'user-settings', name: `u${i}`, roles: ['chw'] }));
    const db = await memoryMedic([centre, ...users, { _id: 'org.couchdb.user:admin', type: 'user', name: 'admin' }]);
    const limits: number[] = [];
    wrapAllDocs(db, (options, allDocs) => {
      if (String(options.startkey).startsWith('org.couchdb.user:')) limits.push(options.limit ?? Infinity);
      return allDocs(options);
    });
    const index = new ContactIndex(db, { places: 'view' });
    await index.start();
    const read = await index.userSettings();
    assert.equal(read.length, 4500);
    assert.equal(new Set(read.map(({ _id }) => _id)).size, 4500);
    assert.equal(limits.length, 3);
    assert.ok(limits.every(limit => limit <= 2001), 'never all at once');
  });
});

describe('ContactIndex owners by the thousand', () => {
  it('fetches many owners a few thousand keys a read, and knows each', async () => {
    const workers = Array.from({ length: 4500 }, (_, i) => ({ _id: `chw${i}`, type: 'person', parent: { _id: 'area', parent: { _id: 'hc' } } }));
    const db = await memoryMedic([centre, ...workers]);
    const sizes: number[] = [];
    wrapAllDocs(db, (options, allDocs) => {
      if (options.keys) sizes.push(options.keys.length);
      return allDocs(options);
    });
    const index = new ContactIndex(db);
    const lineages = await index.lineages([...workers.map(({ _id }) => _id), 'gone']);
    assert.deepEqual(sizes, [2000, 2000, 501]);
    assert.equal(lineages.size, 4501);
    assert.deepEqual(lineages.get('chw4499'), ['chw4499', 'area', 'hc']);
    assert.deepEqual(lineages.get('gone'), ['gone']);
    assert.equal(index.size.owners, 4501, 'all kept');
  });
});

describe('ContactIndex warm-up after a start', () => {
  const users = (count: number) => Array.from({ length: count }, (_, i) => [
    { _id: `chw${i}`, type: 'person', parent: { _id: 'area', parent: { _id: 'hc' } } },
    { _id: `org.couchdb.user:u${i}`, type: 'user-settings', name: `u${i}`, contact_id: `chw${i}`, roles: ['chw'] },
  ]).flat();

  for (const places of ['index', 'view'] as const) {
    it(`reads the health workers' lineages in the background (${places} mode), so the first export fetches none`, async () => {
      const db = await memoryMedic([centre, ...users(30)]);
      const index = new ContactIndex(db, { places, warmUp: true });
      await index.start();
      await index.warmedUp;
      assert.equal(index.size.owners, 30);
      let keysRead = 0;
      wrapAllDocs(db, (options, allDocs) => {
        if (options.keys) keysRead += options.keys.length;
        return allDocs(options);
      });
      assert.deepEqual((await index.lineages(['chw7'])).get('chw7'), ['chw7', 'area', 'hc']);
      assert.equal(keysRead, 0);
      await index.close();
    });
  }

  it('stops as soon as an export asks for lineages, and reads nothing without the option', async () => {
    const db = await memoryMedic([centre, ...users(4500)]);
    const stopped = new ContactIndex(db, { warmUp: true });
    await stopped.start();
    await stopped.lineages(['chw1']);
    await stopped.warmedUp;
    assert.ok(stopped.size.owners <= 1 + 2000, `at most the read under way when the export came: ${stopped.size.owners}`);
    await stopped.close();
    const plain = new ContactIndex(db);
    await plain.start();
    await plain.warmedUp;
    assert.equal(plain.size.owners, 0);
    await plain.close();
  });

  it('keeps no lineage read while a catch-up saw contacts change', async () => {
    const db = await memoryMedic([centre, ...users(3)]);
    const index = new ContactIndex(db, { warmUp: true });
    const allDocs = wrapAllDocs(db, async (options, real) => {
      const result = await real(options);
      if (options.keys) {
        await db.put({ ...(await db.get<object>('chw1')), parent: { _id: 'area2' } });
        await index.catchUp();
      }
      return result;
    });
    await index.start();
    await index.warmedUp;
    assert.equal(index.size.owners, 0);
    (db as unknown as { allDocs: unknown }).allDocs = allDocs;
    assert.deepEqual((await index.lineages(['chw1'])).get('chw1'), ['chw1', 'area2']);
    await index.close();
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

describe('ContactIndex lineages saved across restarts', () => {
  const other = { _id: 'chw2', type: 'person', parent: { _id: 'area2', parent: { _id: 'hc' } } };

  it('reads the saved lineages at start, so the first export reads no owner by key but those changed since', async () => {
    const lineagesFile = path.join(await mkdtemp(path.join(tmpdir(), 'lineages-')), 'owner-lineages.json');
    const db = await memoryMedic([centre, worker, other]);
    const first = new ContactIndex(db, { checkpoint: true, lineagesFile });
    await (await first.start()).caughtUp;
    await first.lineages(['chw', 'chw2']);
    await first.close();
    assert.ok((await stat(lineagesFile)).size > 0);

    await db.put({ ...(await db.get<object>('chw')), parent: { _id: 'area3', parent: { _id: 'hc' } } });
    const keysRead: string[] = [];
    wrapAllDocs(db, (options, allDocs) => {
      if (options.keys) keysRead.push(...options.keys);
      return allDocs(options);
    });
    const second = new ContactIndex(db, { checkpoint: true, lineagesFile, warmUp: true });
    await (await second.start()).caughtUp;
    await second.warmedUp;
    const lineages = await second.lineages(['chw', 'chw2']);
    assert.deepEqual(lineages.get('chw2'), ['chw2', 'area2', 'hc']);
    assert.deepEqual(lineages.get('chw'), ['chw', 'area3', 'hc'], 'the move after the save is seen');
    assert.deepEqual(keysRead, ['chw'], 'only the owner changed since the save; no warm-up either');
    await second.close();
  });

  it('starts without them when the file is missing or not one of its own', async () => {
    const lineagesFile = path.join(await mkdtemp(path.join(tmpdir(), 'lineages-')), 'owner-lineages.json');
    const db = await memoryMedic([centre, worker]);
    const first = new ContactIndex(db, { checkpoint: true, lineagesFile });
    await (await first.start()).caughtUp;
    await first.close();
    await writeFile(lineagesFile, '{"since": "x", "lineages": 5}');
    const second = new ContactIndex(db, { checkpoint: true, lineagesFile });
    await (await second.start()).caughtUp;
    assert.equal(second.size.owners, 0);
    assert.deepEqual(await lineage(second, 'chw'), ['chw', 'area', 'hc', 'district']);
    await second.close();
  });
});
