import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DS, LAST_MONTH, lastMonthExport, places, settingsDoc, targetDoc } from './small-deployment';
import { ADMIN, basic, startTestServer, type TestServer } from './test-server';

/**
 * COUCH_URL while the CouchDB it names is down (a node restarting, a cluster's coordinator
 * stopped): a JSON 503 to ask again after, never a 500; then the same server exports again.
 * The CouchDB here is the stand-in, stopped and started again on the same port and data.
 */
describe('COUCH_URL while CouchDB cannot be reached', () => {
  let couchdb: TestServer;
  let server: TestServer;
  const asAdmin = { authorization: basic(ADMIN.user, ADMIN.password) };

  before(async () => {
    couchdb = await startTestServer();
    await couchdb.putDocs([settingsDoc(), ...places, targetDoc(LAST_MONTH, 'chw1', 3), targetDoc(LAST_MONTH, 'chw2', 4)]);
    const couchUrl = new URL(`${couchdb.url}/medic`);
    couchUrl.username = ADMIN.user;
    couchUrl.password = ADMIN.password;
    server = await startTestServer({ couchUrl, adminPassword: undefined });
  });
  after(async () => {
    await server?.stop();
    await couchdb?.stop();
  });

  it('answers exports and previews 503 with Retry-After and a code while CouchDB is down, then exports again once it is back', async () => {
    assert.equal((await fetch(`${server.url}${lastMonthExport()}`, { headers: asAdmin })).status, 200);
    const port = Number(new URL(couchdb.url).port);
    await couchdb.stop(true);
    const preview = lastMonthExport().replace('/api/v2/export/dhis?', '/api/v2/export/dhis/preview?');
    for (const pathname of [lastMonthExport(), preview, lastMonthExport()]) {
      const down = await fetch(`${server.url}${pathname}`, { headers: { ...asAdmin, accept: 'application/x-ndjson' } });
      assert.equal(down.status, 503);
      assert.equal(down.headers.get('retry-after'), '10');
      const body = await down.json() as { code: string; error: string };
      assert.equal(body.code, 'database.unavailable');
      assert.equal(typeof body.error, 'string');
    }
    couchdb = await startTestServer({ port }, { dataDir: couchdb.dataDir });
    const back = await fetch(`${server.url}${lastMonthExport()}`, { headers: asAdmin });
    assert.equal(back.status, 200);
    const { dataSet, dataValues } = await back.json() as { dataSet: string; dataValues: { orgUnit: string; value: string }[] };
    assert.equal(dataSet, DS);
    assert.equal(dataValues.find(row => row.orgUnit === 'ouDistrict1')?.value, '7');
  });
});
