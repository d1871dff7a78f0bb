import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryMedic } from '../../test/memory-db';
import { PLACES_CHECKPOINT_ID } from './contact-index-checkpoint';
import { ContactIndex } from './contact-index';
import { centre, worker, wrapAllDocs } from '../../test/contact-index-support';

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
