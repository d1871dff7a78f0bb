import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryMedic } from '../../test/memory-db';
import type { TargetDoc } from '../cht/cht-docs';
import { ContactIndex } from './contact-index';
import { PouchExportSource } from './pouch-export-source';

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
});
