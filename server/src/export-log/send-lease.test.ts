import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { memorySendLeases, pouchSendLeases, type SendLeases } from './send-lease';

PouchDB.plugin(memoryAdapter);

const selection = { dataSet: 'ds', period: '202610' };
const at = (minute: number) => new Date(Date.UTC(2026, 10, 3, 10, minute));

const kinds: [string, () => { leases: SendLeases[]; done(): Promise<void> }][] = [
  ['pouchSendLeases, two processes on one database', () => {
    const name = `leases-${randomUUID()}`;
    // two handles, as two server processes sharing the export log's database would hold
    const first = new PouchDB(name, { adapter: 'memory' });
    const second = new PouchDB(name, { adapter: 'memory' });
    return { leases: [pouchSendLeases(first), pouchSendLeases(second)], done: () => first.destroy() };
  }],
  ['memorySendLeases', () => {
    const leases = memorySendLeases();
    return { leases: [leases, leases], done: async () => undefined };
  }],
];

for (const [name, open] of kinds) {
  describe(name, () => {
    it('gives a selection to one sender at a time, names who holds it, and lets it go when released or expired', async () => {
      const { leases: [one, two], done } = open();
      const answers = await Promise.all([one!.take(selection, 'ana', at(0), 60_000), two!.take(selection, 'bob', at(0), 60_000)]);
      assert.equal(answers.filter(answer => answer.taken).length, 1, 'one of two concurrent takers');
      const refused = answers.find(answer => !answer.taken);
      assert.ok(refused && !refused.taken && ['ana', 'bob'].includes(refused.holder) && refused.since === at(0).toISOString());
      assert.equal((await one!.take({ ...selection, orgUnit: 'ou1' }, 'cy', at(0), 60_000)).taken, true, 'another place is another selection');
      const held = answers.find(answer => answer.taken)!;
      assert.equal((await two!.take(selection, 'cy', at(0), 60_000)).taken, false);
      if (held.taken) {
        await held.release();
      }
      const after = await two!.take(selection, 'cy', at(1), 60_000);
      assert.equal(after.taken, true, 'released');
      const expired = await one!.take(selection, 'dee', at(3), 60_000);
      assert.equal(expired.taken, true, 'expired after a minute');
      if (after.taken) {
        await after.release();
      }
      assert.equal((await two!.take(selection, 'eve', at(3), 60_000)).taken, false, 'a late release ends only its own lease');
      await done();
    });
  });
}
