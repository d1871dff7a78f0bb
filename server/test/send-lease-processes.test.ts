import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TEST_COUCH_URL } from './couch-under-test';
import { SELECTION, TOKEN, startSendWorld } from './send-world';
import { startTestServer } from './test-server';

/**
 * Two server processes in front of one CouchDB share the export log's database, so a selection's
 * lease holds across them. The stand-in for CouchDB (this server in embedded mode) keeps no shared
 * export log database, so this needs a real CouchDB: TEST_COUCH_URL.
 */
describe('one send of a selection at a time across server processes', () => {
  it('gives the second of two servers sharing a CouchDB a 409 while the first sends', { skip: TEST_COUCH_URL ? false : 'needs TEST_COUCH_URL (a real CouchDB, whose export log database the servers share)' }, async () => {
    const world = await startSendWorld('couchdb');
    const second = await startTestServer({ couchUrl: world.couchUrl!, adminPassword: undefined,
      dhis2: { url: new URL(world.dhis2.url), auth: { token: TOKEN }, timeoutMs: 2_500 } });
    try {
      world.dhis2.behaviour.delayMs = 600;
      const first = fetch(`${world.server.url}/api/v2/export/dhis/send?dryRun=false&${SELECTION}`, { method: 'POST', headers: world.as('sender') });
      await new Promise(resolve => setTimeout(resolve, 200));
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
