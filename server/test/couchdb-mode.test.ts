import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { basic, startTestServer, type TestServer } from './test-server';
import { startCouchUnderTest, TEST_COUCH_URL, type CouchUnderTest } from './couch-under-test';
import { DS, LAST_MONTH, lastMonthExport, places, settingsDoc, targetDoc } from './small-deployment';

/**
 * The server with COUCH_URL, in front of the CouchDB named by TEST_COUCH_URL, or by default a
 * second, embedded-mode instance standing in for CouchDB.
 */
describe(`COUCH_URL mode (${TEST_COUCH_URL ? `CouchDB at ${TEST_COUCH_URL.host}` : 'stand-in'})`, () => {
  let couchdb: CouchUnderTest;
  let server: TestServer;
  let exporter: string;
  let chw: string;

  before(async () => {
    couchdb = await startCouchUnderTest();
    exporter = couchdb.userName('exporter');
    chw = couchdb.userName('chw');
    await couchdb.putDocs([settingsDoc(), ...places, targetDoc(LAST_MONTH, 'chw1', 3), targetDoc(LAST_MONTH, 'chw2', 4)]);
    await couchdb.createUser(exporter, 'exporter-password', ['dhis_exporter']);
    await couchdb.createUser(chw, 'chw-password', ['chw']);
    server = await startTestServer({ couchUrl: couchdb.medicUrl(), adminPassword: undefined });
  });
  after(async () => {
    await server?.stop();
    await couchdb?.stop();
  });

  it('exports from the CouchDB, checking users against it', async () => {
    const response = await fetch(`${server.url}${lastMonthExport()}`, { headers: { authorization: basic(exporter, 'exporter-password') } });
    assert.equal(response.status, 200);
    const body = await response.json();
    assert.equal(body.dataSet, DS);
    assert.equal(body.dataValues.find((row: { orgUnit: string }) => row.orgUnit === 'ouDistrict1').value, '7');
    assert.equal((await fetch(`${server.url}${lastMonthExport()}`, { headers: { authorization: basic(chw, 'chw-password') } })).status, 403);
    assert.equal((await fetch(`${server.url}${lastMonthExport()}`)).status, 401);
  });

  it('passes /_session through, so a cookie from this server works for the export and /medic', async () => {
    const login = await fetch(`${server.url}/_session`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: exporter, password: 'exporter-password' }),
    });
    assert.equal(login.status, 200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const session = await (await fetch(`${server.url}/_session`, { headers: { cookie } })).json();
    assert.equal(session.userCtx.name, exporter);
    assert.equal((await fetch(`${server.url}${lastMonthExport()}`, { headers: { cookie } })).status, 200);
    const settings = await fetch(`${server.url}/medic/settings`, { headers: { cookie } });
    assert.equal(settings.status, 200);
    assert.equal((await settings.json()).settings.dhis_data_sets[0].id, DS);
  });

  it('passes /medic and /_users through with the caller\'s own credentials', async () => {
    const view = await fetch(`${server.url}/medic/_design/medic-admin/_view/contacts_by_dhis_orgunit?key="ouNorth0001"`,
      { headers: { authorization: basic(exporter, 'exporter-password') } });
    assert.equal(view.status, 200);
    assert.deepEqual((await view.json()).rows.map((row: { id: string }) => row.id), ['hc1']);
    const asChw = await fetch(`${server.url}/_users/org.couchdb.user:${exporter}`, { headers: { authorization: basic(chw, 'chw-password') } });
    assert.equal(asChw.status, 403, 'the CouchDB behind refuses, and the refusal is passed on');
  });

  it('never widens access: a caller reaches CouchDB with their own credentials, or none', async () => {
    const asChw = { authorization: basic(chw, 'chw-password') };
    for (const [pathname, init, status] of [
      ['/medic/_all_docs', {}, 401],
      ['/medic/_all_docs', { headers: asChw }, 403],
      ['/medic/_changes?include_docs=true', { headers: asChw }, 403],
      ['/medic/hc1', { headers: asChw }, 403],
      ['/medic/intruder', { method: 'PUT', headers: { ...asChw, 'content-type': 'application/json' }, body: '{"x":1}' }, 403],
      ['/medic/_bulk_docs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"docs":[{"_id":"intruder"}]}' }, 401],
      // Apache CouchDB answers 401 here ("You are not a server admin."), the stand-in 403: both refuse.
      ['/_users/_all_docs', { headers: asChw }, couchdb.kind === 'couchdb' ? 401 : 403],
      ['/_users/org.couchdb.user:intruder', {
        method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'intruder', type: 'user', roles: [], password: 'intruder-pw' }),
      }, 401],
    ] as const) {
      const response = await fetch(`${server.url}${pathname}`, init as RequestInit);
      assert.equal(response.status, status, `${(init as RequestInit).method ?? 'GET'} ${pathname}`);
    }
    await assert.rejects(couchdb.medic.get('intruder'), { status: 404 });
    const elsewhere = await fetch(`${server.url}/_all_dbs`, { headers: { authorization: basic(decodeURIComponent(couchdb.medicUrl().username), decodeURIComponent(couchdb.medicUrl().password)) } });
    assert.equal(elsewhere.status, 404);
    assert.match((await elsewhere.json()).reason, /passes only \/medic, \/_users and \/_session/);
  });

  it('sees writes made directly to the CouchDB in the next export', async () => {
    await couchdb.putDocs([targetDoc(LAST_MONTH, 'hc1', 100)]);
    const body = await (await fetch(`${server.url}${lastMonthExport()}`, { headers: { authorization: basic(exporter, 'exporter-password') } })).json();
    assert.equal(body.dataValues.find((row: { orgUnit: string }) => row.orgUnit === 'ouNorth0001').value, '103');
  });

  it('reflects an owner moved and a place mapped, written directly to the CouchDB, in the next export', async () => {
    const asExporter = { headers: { authorization: basic(exporter, 'exporter-password') } };
    const valueOf = (body: { dataValues: Array<{ orgUnit: string; dataElement: string; value: string }> }, orgUnit: string) =>
      Number(body.dataValues.find(row => row.orgUnit === orgUnit && row.dataElement === 'deBirths0001')?.value);
    const before = await (await fetch(`${server.url}${lastMonthExport()}`, asExporter)).json();
    assert.equal(valueOf(before, 'ouSouth0001'), 4, 'chw2 counts for the south');
    const chw2 = await couchdb.medic.get<{ parent: unknown }>('chw2');
    await couchdb.medic.put({ ...chw2, parent: { _id: 'hc1', parent: { _id: 'district' } } });
    await couchdb.putDocs([{ _id: 'hc3', type: 'health_center', name: 'East', dhis: { orgUnit: 'ouEast00001' }, parent: { _id: 'district' } }]);
    const after = await (await fetch(`${server.url}${lastMonthExport()}`, asExporter)).json();
    assert.equal(valueOf(after, 'ouSouth0001'), 0);
    assert.equal(valueOf(after, 'ouNorth0001'), valueOf(before, 'ouNorth0001')! + 4);
    assert.equal(valueOf(after, 'ouEast00001'), 0, 'the new place has its rows');
  });

  it('runs with a COUCH_URL user who may only read the database, writing nothing to it and saying so', async () => {
    const readOnlyUrl = couchdb.medicUrl({ user: exporter, password: 'exporter-password' });
    const adminUrl = couchdb.medicUrl();
    // (the stand-in, in this process, also lists the local databases of other servers by their paths)
    const allDbs = async () => ((await (await fetch(`${adminUrl.origin}/_all_dbs`, {
      headers: { authorization: basic(decodeURIComponent(adminUrl.username), decodeURIComponent(adminUrl.password)) },
    })).json()) as string[]).filter(name => !name.includes('/'));
    const warnings: string[] = [];
    const before = await allDbs();
    const reader = await startTestServer({ couchUrl: readOnlyUrl, adminPassword: undefined }, {
      log: { info: () => undefined, warn: message => warnings.push(message), error: () => undefined },
    });
    try {
      assert.match(warnings.join('\n'), new RegExp(`user "${exporter}" is not a server admin: the server only reads the CHT database`));
      const response = await fetch(`${reader.url}${lastMonthExport()}`, { headers: { authorization: basic(exporter, 'exporter-password') } });
      assert.equal(response.status, 200);
      assert.equal((await response.json()).dataSet, DS);
      assert.deepEqual(await allDbs(), before, 'no database created on the CouchDB (the export log stays in DATA_DIR)');
    } finally {
      await reader.stop();
    }
    await assert.rejects(startTestServer({ couchUrl: readOnlyUrl, adminPassword: undefined, demoData: true }), /not a server admin of that CouchDB, so no demo data/);
  });

  it('writes no demo data into someone else\'s CouchDB', async () => {
    assert.equal(server.demoSeeded, false);
    await assert.rejects(couchdb.medic.get('demo-district'), { status: 404 });
  });
});

describe('COUCH_URL mode at start', () => {
  it('says when CouchDB refuses the credentials, or is not there', async () => {
    const couchdb = await startCouchUnderTest();
    try {
      const wrong = couchdb.medicUrl({ user: 'admin', password: 'not-the-password' });
      await assert.rejects(startTestServer({ couchUrl: wrong }), /CouchDB refused the credentials/);
      const notCouch = couchdb.medicUrl();
      notCouch.pathname = '/nothing';
      await assert.rejects(startTestServer({ couchUrl: notCouch }), /has no database "nothing"/);
    } finally {
      await couchdb.stop();
    }
    await assert.rejects(startTestServer({ couchUrl: new URL('http://admin:x@127.0.0.1:9/medic') }), /could not reach CouchDB/);
  });
});
