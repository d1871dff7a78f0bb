import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { memoryExportLog, pouchExportLog, totalOf, type ExportLog, type ExportLogEntry } from './export-log';
import { moveRecordsByPeriod } from './move-records-by-period';

PouchDB.plugin(memoryAdapter);

const entry = (at: string, overrides: Partial<ExportLogEntry> = {}): ExportLogEntry => ({
  action: 'download', user: 'manager', at, dataSet: 'ds~1', period: '202610', values: 2, total: 3, ...overrides,
});

const sentValues = [{ dataElement: 'de', orgUnit: 'ou', value: 1 }];

const logs: [string, () => { log: ExportLog; done(): Promise<void> }][] = [
  ['pouchExportLog', () => {
    const db = new PouchDB(`log-${randomUUID()}`, { adapter: 'memory' });
    return { log: pouchExportLog(db), done: () => db.destroy() };
  }],
  ['memoryExportLog', () => ({ log: memoryExportLog(), done: async () => undefined })],
];

for (const [name, open] of logs) {
  describe(name, () => {
    it('lists a data set\'s records of every period, newest first, filtered and paged with a cursor', async () => {
      const { log, done } = open();
      await log.record(entry('2026-11-01T10:00:00.000Z'));
      await log.record(entry('2026-11-03T10:00:00.000Z', { action: 'send', user: 'boss' }));
      await log.record(entry('2026-11-02T10:00:00.000Z', { action: 'dry-run' }));
      await log.record(entry('2026-11-04T10:00:00.000Z', { period: '202609', orgUnit: 'ouNorth' }));
      await log.record(entry('2026-11-05T10:00:00.000Z', { dataSet: 'ds' }));
      const all = await log.list({ dataSet: 'ds~1', limit: 20 });
      assert.deepEqual(all.records.map(record => `${record.at.slice(8, 10)} ${record.action} ${record.period}`),
        ['04 download 202609', '03 send 202610', '02 dry-run 202610', '01 download 202610']);
      assert.equal(all.next, undefined);
      const first = await log.list({ dataSet: 'ds~1', limit: 2 });
      assert.equal(first.records.length, 2);
      const second = await log.list({ dataSet: 'ds~1', limit: 2, cursor: first.next });
      assert.deepEqual(second.records.map(record => record.at.slice(8, 10)), ['02', '01']);
      assert.deepEqual((await log.list({ dataSet: 'ds~1', limit: 20, period: '202610', action: 'send' })).records.map(record => record.user), ['boss']);
      assert.deepEqual((await log.list({ dataSet: 'ds~1', limit: 20, user: 'boss' })).records.length, 1);
      assert.deepEqual((await log.list({ dataSet: 'ds~1', limit: 20, orgUnit: 'ouNorth' })).records.map(record => record.period), ['202609']);
      await assert.rejects(log.list({ dataSet: 'ds~1', limit: 2, cursor: 'event~other~x' }), { code: 'log.badCursor' });
      await done();
    });

    it('finds the last send DHIS2 kept of a selection, however much came after it; a refused or unknown send is not it until read back', async () => {
      const { log, done } = open();
      const kept = await log.record(entry('2026-11-01T10:00:00.000Z', { action: 'send', sent: true, dataValues: sentValues }));
      for (let minute = 10; minute < 40; minute++) {
        await log.record(entry(`2026-11-02T10:${minute}:00.000Z`));
      }
      await log.record(entry('2026-11-03T10:00:00.000Z', { action: 'send', sent: false, dataValues: [] }));
      const unknown = await log.record(entry('2026-11-04T10:00:00.000Z', { action: 'send', sent: null, dataValues: sentValues }));
      await log.record(entry('2026-11-04T10:00:00.000Z', { action: 'send', sent: true, orgUnit: 'ouNorth', dataValues: sentValues }));
      assert.equal((await log.lastSend('ds~1', '202610', undefined))?.id, kept);
      await log.record(entry('2026-11-04T10:01:00.000Z', { action: 'read-back',
        readBack: { outcome: 'not-in-dhis2', matching: 0, differing: 0, missing: 1, refersTo: unknown, sentAt: '2026-11-04T10:00:00.000Z' } }));
      assert.equal((await log.lastSend('ds~1', '202610', undefined))?.id, kept);
      await log.record(entry('2026-11-04T10:02:00.000Z', { action: 'read-back',
        readBack: { outcome: 'in-dhis2', matching: 1, differing: 0, missing: 0, refersTo: unknown, sentAt: '2026-11-04T10:00:00.000Z' } }));
      assert.equal((await log.lastSend('ds~1', '202610', undefined))?.id, unknown);
      assert.equal((await log.lastSend('ds~1', '202610', 'ouSouth')), undefined);
      await done();
    });
  });
}

describe('the export log', () => {
  it('moves records kept by period to the data set\'s time line, once', async () => {
    const db = new PouchDB(`log-${randomUUID()}`, { adapter: 'memory' });
    await db.put({ _id: 'log~ds~202610~2026-11-01T10:00:00.000Z~abcd', type: 'dhis-export-log', ...entry('2026-11-01T10:00:00.000Z', { dataSet: 'ds' }) });
    assert.equal(await moveRecordsByPeriod(db), 1);
    assert.equal(await moveRecordsByPeriod(db), 0);
    const { records } = await pouchExportLog(db).list({ dataSet: 'ds', limit: 5 });
    assert.deepEqual(records.map(record => record.id), ['event~ds~2026-11-01T10:00:00.000Z~abcd']);
    await db.destroy();
  });

  it('sums values as written', () => {
    assert.equal(totalOf([{ value: 0.1 }, { value: 0.2 }, { value: 3 }]), 3.3);
  });
});
