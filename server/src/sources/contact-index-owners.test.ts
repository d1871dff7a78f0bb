import assert from 'node:assert/strict';
import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { memoryMedic } from '../../test/memory-db';
import { ContactIndex } from './contact-index';
import { centre, worker, wrapAllDocs } from '../../test/contact-index-support';

const lineage = async (index: ContactIndex, id: string) => (await index.lineages([id])).get(id);

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
