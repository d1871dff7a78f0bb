import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { pouchExportLog, totalOf, type ExportLogEntry } from './export-log';

PouchDB.plugin(memoryAdapter);

const entry = (at: string, overrides: Partial<ExportLogEntry> = {}): ExportLogEntry => ({
  action: 'download', user: 'manager', at, dataSet: 'ds~1', period: '202610', values: 2, total: 3, ...overrides,
});

describe('pouchExportLog', () => {
  it('reads a selection\'s records newest first, and no other selection\'s', async () => {
    const db = new PouchDB(`log-${randomUUID()}`, { adapter: 'memory' });
    const log = pouchExportLog(db);
    await log.record(entry('2026-11-01T10:00:00.000Z'));
    await log.record(entry('2026-11-03T10:00:00.000Z', { action: 'send' }));
    await log.record(entry('2026-11-02T10:00:00.000Z', { action: 'dry-run' }));
    await log.record(entry('2026-11-04T10:00:00.000Z', { period: '202609' }));
    await log.record(entry('2026-11-05T10:00:00.000Z', { dataSet: 'ds' }));
    const recent = await log.recent('ds~1', '202610');
    assert.deepEqual(recent.map(record => `${record.at} ${record.action}`), [
      '2026-11-03T10:00:00.000Z send', '2026-11-02T10:00:00.000Z dry-run', '2026-11-01T10:00:00.000Z download',
    ]);
    assert.equal((await log.recent('ds~1', '202610', 1)).length, 1);
    await db.destroy();
  });

  it('sums values as written', () => {
    assert.equal(totalOf([{ value: 0.1 }, { value: 0.2 }, { value: 3 }]), 3.3);
  });
});
