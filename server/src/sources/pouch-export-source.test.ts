import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryMedic } from '../../test/memory-db';
import type { TargetDoc } from '../cht/cht-docs';
import { ContactIndex } from './contact-index';
import { PouchExportSource } from './pouch-export-source';
import { PagePermits } from './page-permits';

const targetDocs = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ _id: `target~2026-10~chw~user${String(i).padStart(2, '0')}`, type: 'target', owner: 'chw', targets: [] }));

describe('PouchExportSource.targetDocPages', () => {
  it('reads every target doc of the month, a page at a time', async () => {
    const db = await memoryMedic([...targetDocs(12), { _id: 'target~2026-09~chw~user', type: 'target' }, { _id: 'target~2026-11~chw~user', type: 'target' }]);
    const pages: string[][] = [];
    for await (const page of new PouchExportSource(db, new ContactIndex(db), 5).targetDocPages('2026-10')) {
      pages.push(page.map(doc => doc._id));
    }
    assert.deepEqual(pages.map(page => page.length), [5, 5, 2]);
    assert.deepEqual(pages.flat(), targetDocs(12).map(doc => doc._id));
  });

  it('still reads the next doc when the last doc of a page is deleted before the next page', async () => {
    const db = await memoryMedic(targetDocs(8));
    const read: string[] = [];
    for await (const page of new PouchExportSource(db, new ContactIndex(db), 4).targetDocPages('2026-10')) {
      read.push(...page.map((doc: TargetDoc) => doc._id));
      if (read.length === 4) {
        const last = await db.get(page[3]._id);
        await db.remove(last);
      }
    }
    assert.deepEqual(read, targetDocs(8).map(doc => doc._id));
  });

  it('reads a month of exactly one page once, and asks for each next page before the reader is done with the last', async () => {
    const db = await memoryMedic(targetDocs(8));
    const reads: string[] = [];
    const allDocs = db.allDocs.bind(db);
    db.allDocs = ((options: { startkey: string }) => {
      reads.push(options.startkey);
      return allDocs(options as never);
    }) as typeof db.allDocs;
    const pages = async (pageSize: number) => {
      reads.length = 0;
      const seen: string[][] = [];
      for await (const page of new PouchExportSource(db, new ContactIndex(db), pageSize).targetDocPages('2026-10')) {
        seen.push([...reads]); // the reads asked for when the page is handed over
      }
      return seen;
    };
    assert.deepEqual(await pages(8), [['target~2026-10~']]);
    assert.deepEqual(await pages(3), [
      ['target~2026-10~', targetDocs(8)[3]._id],
      ['target~2026-10~', targetDocs(8)[3]._id, targetDocs(8)[6]._id],
      ['target~2026-10~', targetDocs(8)[3]._id, targetDocs(8)[6]._id],
    ]);
  });

  it('for one export, reads the first page asked for at its start, then the rest, and only for its month', async () => {
    const db = await memoryMedic([...targetDocs(10), { _id: 'target~2026-09~chw~user', type: 'target' }]);
    const source = new PouchExportSource(db, new ContactIndex(db), 4).forExport({ month: { year: 2026, month: 10 } });
    const read = async (month: string) => {
      const ids: string[] = [];
      for await (const page of source.targetDocPages(month)) {
        ids.push(...page.map(doc => doc._id));
      }
      return ids;
    };
    assert.deepEqual(await read('2026-10'), targetDocs(10).map(doc => doc._id));
    assert.deepEqual(await read('2026-09'), ['target~2026-09~chw~user']);
  });

  it('holds no more pages at once than its permits, however many exports read together, and each reads every doc', async () => {
    const db = await memoryMedic(targetDocs(40));
    const permits = new PagePermits(2);
    const source = new PouchExportSource(db, new ContactIndex(db), 3, undefined, permits);
    let mostInUse = 0;
    const read = async () => {
      const ids: string[] = [];
      for await (const page of source.targetDocPages('2026-10')) {
        mostInUse = Math.max(mostInUse, permits.inUse);
        await new Promise(resolve => setTimeout(resolve, 1)); // summing takes a while
        ids.push(...page.map(doc => doc._id));
      }
      return ids;
    };
    const results = await Promise.all(Array.from({ length: 6 }, read));
    for (const ids of results) assert.deepEqual(ids, targetDocs(40).map(doc => doc._id));
    assert.equal(mostInUse, 2);
    assert.equal(permits.inUse, 0);
  });

  it('gives its permits back when a reader stops early, and when an export ends without reading the page it asked for ahead', async () => {
    const db = await memoryMedic(targetDocs(10));
    const permits = new PagePermits(2);
    const pouch = new PouchExportSource(db, new ContactIndex(db), 3, undefined, permits);
    for await (const page of pouch.targetDocPages('2026-10')) {
      assert.equal(page.length, 3);
      break;
    }
    const settle = () => new Promise(resolve => setTimeout(resolve, 20));
    await settle();
    assert.equal(permits.inUse, 0, 'the page read ahead is given back once it arrives');

    const refused = pouch.forExport({ month: { year: 2026, month: 10 } });
    assert.equal(permits.inUse, 1, 'the first page is asked for at once');
    refused.close?.();
    await settle();
    assert.equal(permits.inUse, 0);

    const busy = [permits.tryAcquire()!, permits.tryAcquire()!];
    const waiting = pouch.forExport({ month: { year: 2026, month: 10 } });
    assert.equal(permits.inUse, 2, 'no first page asked for ahead while every permit is taken');
    busy.forEach(release => release());
    const ids: string[] = [];
    for await (const page of waiting.targetDocPages('2026-10')) ids.push(...page.map(doc => doc._id));
    waiting.close?.();
    assert.deepEqual(ids, targetDocs(10).map(doc => doc._id));
    assert.equal(permits.inUse, 0);
  });
});
