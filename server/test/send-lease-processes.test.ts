import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXPORT_LOG_DB } from '../src/export-log/export-log';
import { leaseIdOf } from '../src/export-log/send-lease';
import { TEST_COUCH_URL } from './couch-under-test';
import { DS, PERIOD, SELECTION, TOKEN, startSendWorld } from './send-world';
import { basic } from './test-server';
import { startTestServer } from './test-server';

/**
 * Two server processes in front of one CouchDB share the export log's database, so a selection's
 * lease holds across them. The stand-in for CouchDB (this server in embedded mode) keeps no shared
 * export log database, so this needs a real CouchDB: TEST_COUCH_URL.
 */
describe('one send of a selection at a time across server processes', () => {
  it('gives the second of two servers sharing a CouchDB a 409 while the first sends', { skip: TEST_COUCH_URL ? false : 'needs TEST_COUCH_URL (a real CouchDB, whose export log database the servers share)' }, async () => {
    // DHIS2 holds the first send 3 s: time for the second server, which exports before it asks
    // for the lease, to get there while the first still holds it, even on a busy machine or a cluster.
    const world = await startSendWorld('couchdb', { timeoutMs: 10_000 });
    const second = await startTestServer({ couchUrl: world.couchUrl!, adminPassword: undefined,
      dhis2: { url: new URL(world.dhis2.url), auth: { token: TOKEN }, timeoutMs: 10_000 } });
    try {
      world.dhis2.behaviour.delayMs = 3_000;
      const first = fetch(`${world.server.url}/api/v2/export/dhis/send?dryRun=false&${SELECTION}`, { method: 'POST', headers: world.as('sender') });
      // The first send holds the lease once its doc is in the shared export log (a busy machine or a
      // cluster can take longer than any fixed wait to get there).
      const lease = `${world.couchUrl!.origin}/${EXPORT_LOG_DB}/${encodeURIComponent(leaseIdOf({ dataSet: DS, period: PERIOD }))}`;
      const admin = { authorization: basic(world.admin.user, world.admin.password) };
      for (let tries = 0; ; tries++) {
        const doc = await (await fetch(lease, { headers: admin })).json() as { holder?: string; released?: boolean };
        if (doc.holder === world.user('sender') && !doc.released) {
          break;
        }
        assert.ok(tries < 200, 'the first send took the lease');
        await new Promise(resolve => setTimeout(resolve, 25));
      }
      const busy = await fetch(`${second.url}/api/v2/export/dhis/send?dryRun=false&${SELECTION}`, { method: 'POST', headers: world.as('other') });
      assert.equal(busy.status, 409);
      assert.equal((await busy.json()).holder, world.user('sender'));
      assert.equal((await first).status, 200);
    } finally {
      await second.stop();
      await world.stop();
    }
  });
});
