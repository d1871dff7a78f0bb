import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { ADMIN, basic, startTestServer, type TestServer } from './test-server';

describe('the embedded CouchDB-protocol database', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
    await server.createUser('reader', 'reader-password', ['chw']);
  });
  after(() => server.stop());

  it('installs the org-unit view', async () => {
    const response = await server.fetch('/medic/_design/medic-admin/_view/contacts_by_dhis_orgunit');
    assert.equal(response.status, 200);
  });

  it('serves documents, views and _all_docs ranges with their query parameters', async () => {
    await server.putDocs([
      { _id: 'a', type: 'health_center', name: 'A', dhis: [{ orgUnit: 'ouA' }, { orgUnit: 'ouB', dataSet: 'x' }] },
      { _id: 'b', type: 'clinic', dhis: 'not-an-object' },
      { _id: 'c', type: 'person', dhis: { orgUnit: 'ouC' } },
      { _id: 'd', type: 'data_record', dhis: { orgUnit: 'ouD' } },
    ]);
    const view = await (await server.fetch('/medic/_design/medic-admin/_view/contacts_by_dhis_orgunit?include_docs=true')).json();
    assert.deepEqual(view.rows.map((row: { key: string; id: string }) => `${row.key}:${row.id}`), ['ouA:a', 'ouB:a', 'ouC:c']);
    assert.equal(view.rows[0].doc.name, 'A');
    const range = await (await server.fetch('/medic/_all_docs?startkey="a"&endkey="c"&limit=2')).json();
    assert.deepEqual(range.rows.map((row: { id: string }) => row.id), ['a', 'b']);
  });

  it('writes documents with PUT and reports conflicts', async () => {
    const put = await server.fetch('/medic/put-me', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"x":1}' });
    assert.equal(put.status, 201);
    const again = await server.fetch('/medic/put-me', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"x":2}' });
    assert.equal(again.status, 409);
  });

  it('lets a user without a reading permission see only the settings and translations', async () => {
    const anonymous = await fetch(`${server.url}/medic/settings`);
    assert.equal(anonymous.status, 401);
    const asReader = { headers: { authorization: basic('reader', 'reader-password') } };
    assert.equal((await fetch(`${server.url}/medic/_all_docs?limit=1`, asReader)).status, 403);
    assert.equal((await fetch(`${server.url}/medic/settings`, asReader)).status, 404, 'allowed; this database has no settings doc');
  });

  it('keeps _users to server admins, each user reading only their own document', async () => {
    await server.createUser('other', 'other-password', ['chw']);
    const asReader = { headers: { authorization: basic('reader', 'reader-password') } };
    assert.equal((await fetch(`${server.url}/_users/org.couchdb.user:reader`, asReader)).status, 200);
    assert.equal((await fetch(`${server.url}/_users/org.couchdb.user%3Areader`, asReader)).status, 200);
    for (const pathname of ['/_users/org.couchdb.user:other', '/_users/_all_docs', '/_users/nothing', '/_users']) {
      const response = await fetch(`${server.url}${pathname}`, asReader);
      assert.equal(response.status, 403, pathname);
      assert.equal((await response.json()).error, 'forbidden');
    }
    const escalate = await fetch(`${server.url}/_users/org.couchdb.user:reader`, {
      ...asReader, method: 'PUT', headers: { ...asReader.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'reader', type: 'user', roles: ['_admin'], password: 'x' }),
    });
    assert.equal(escalate.status, 403);
    assert.equal((await fetch(`${server.url}/_users/org.couchdb.user:other`)).status, 401);
  });

  it('logs in and out with /_session', async () => {
    const wrong = await fetch(`${server.url}/_session`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'reader', password: 'nope' }),
    });
    assert.equal(wrong.status, 401);
    const login = await fetch(`${server.url}/_session`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'reader', password: 'reader-password' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const session = await (await fetch(`${server.url}/_session`, { headers: { cookie } })).json();
    assert.deepEqual(session.userCtx, { name: 'reader', roles: ['chw'] });
  });

  it('keeps the admin password hashed and the config readable by the owner only', async () => {
    const { readFile } = await import('node:fs/promises');
    const config = await readFile(`${server.dataDir}/couch/config.json`, 'utf8');
    assert.match(config, /"admin": "-pbkdf2-/);
    assert.doesNotMatch(config, new RegExp(ADMIN.password));
    assert.equal((await stat(`${server.dataDir}/couch`)).mode & 0o077, 0);
  });
});

describe('the embedded database across restarts', () => {
  it('keeps documents, users and a generated admin password', async () => {
    const first = await startTestServer({ adminPassword: undefined });
    const password = first.admin.password;
    assert.ok(password.length >= 16);
    assert.equal(first.admin.file, `${first.dataDir}/admin-password`);
    assert.equal((await stat(first.admin.file!)).mode & 0o777, 0o600);
    await first.putDocs([{ _id: 'kept', value: 42 }]);
    await first.createUser('kept-user', 'kept-password', ['chw']);
    await first.stop(true);

    const second = await startTestServer({ adminPassword: undefined }, { dataDir: first.dataDir });
    try {
      assert.equal(second.admin.password, password);
      const doc = await second.couch.medic.get<{ value: number }>('kept');
      assert.equal(doc.value, 42);
      const session = await (await fetch(`${second.url}/_session`, { headers: { authorization: basic('kept-user', 'kept-password') } })).json();
      assert.equal(session.userCtx.name, 'kept-user');
      const admin = await (await fetch(`${second.url}/_session`, { headers: { authorization: basic(ADMIN.user, password) } })).json();
      assert.deepEqual(admin.userCtx.roles, ['_admin']);
    } finally {
      await second.stop();
      const { rm } = await import('node:fs/promises');
      await rm(first.dataDir, { recursive: true, force: true });
    }
  });
});

describe('the org-unit view of the embedded database', () => {
  let server: TestServer;
  const VIEW = '/medic/_design/medic-admin/_view/contacts_by_dhis_orgunit';
  before(async () => {
    server = await startTestServer();
    await server.putDocs([
      { _id: 'b', type: 'health_center', name: 'B', dhis: [{ orgUnit: 'ouZ' }, { orgUnit: 'ouA', dataSet: 'ds' }] },
      { _id: 'a', type: 'clinic', name: 'A', dhis: { orgUnit: 'ouA' }, extra: { kept: true } },
      { _id: 'c', type: 'person', dhis: { orgUnit: 'Oua' } },
      { _id: 'd', type: 'data_record', dhis: { orgUnit: 'ouD' } },
      { _id: 'e', type: 'clinic', dhis: 'ouE' },
      { _id: 'g', type: 'clinic', name: 'G', dhis: [{ orgUnit: 5003, dataSet: null }, { orgUnit: true }, { orgUnit: 'ouG', dataSet: '' }] },
    ]);
  });
  after(() => server.stop());

  it('answers the Admin Console\'s queries without making PouchDB index the database', async () => {
    const { readdir } = await import('node:fs/promises');
    const viewIndexes = async () => (await readdir(`${server.dataDir}/db`)).filter(name => name.includes('mrview'));
    assert.equal((await server.fetch(`${VIEW}?include_docs=true`)).status, 200);
    assert.equal((await server.fetch(`${VIEW}?key="ouA"`)).status, 200);
    assert.deepEqual(await viewIndexes(), []);
    assert.equal((await server.fetch(`${VIEW}?startkey="ouA"`)).status, 200);
    assert.equal((await viewIndexes()).length, 1, 'other queries build the real view');
  });

  it('answers as the real view does, right after writes', async () => {
    const real = await server.couch.medic.query('medic-admin/contacts_by_dhis_orgunit', { include_docs: true });
    for (const query of ['?include_docs=true', '', '?key="ouA"&include_docs=true', '?limit=2', '?reduce=false&key="nothing"']) {
      const served = await (await server.fetch(`${VIEW}${query}`)).json();
      const expected = await server.couch.medic.query('medic-admin/contacts_by_dhis_orgunit', {
        include_docs: query.includes('include_docs'),
        ...(query.includes('key="ouA"') ? { key: 'ouA' } : query.includes('nothing') ? { key: 'nothing' } : {}),
        ...(query.includes('limit') ? { limit: 2 } : {}),
      });
      assert.deepEqual(served.rows, expected.rows, query);
      assert.equal(served.total_rows, real.total_rows);
    }
    assert.deepEqual(real.rows.map(row => `${row.key}:${row.id}`), ['5003:g', 'Oua:c', 'ouA:a', 'ouA:b', 'ouG:g', 'ouZ:b']);

    await server.putDocs([{ _id: 'f', type: 'district_hospital', name: 'F', dhis: { orgUnit: 'ouF' } }]);
    const after = await (await server.fetch(`${VIEW}?key="ouF"&include_docs=true`)).json();
    assert.equal(after.rows[0].doc.name, 'F');
  });

  it('needs a logged-in user, like the rest of the database', async () => {
    assert.equal((await fetch(`${server.url}${VIEW}`)).status, 401);
  });

  it('leaves other queries to the real view', async () => {
    const response = await server.fetch(`${VIEW}?startkey="ouA"&endkey="ouZ"`);
    const expected = await server.couch.medic.query('medic-admin/contacts_by_dhis_orgunit', { startkey: 'ouA', endkey: 'ouZ' });
    assert.deepEqual((await response.json()).rows, expected.rows);
  });
});

describe('the contact index during a sync', () => {
  it('has caught up with every earlier write when a write to /medic starts', async () => {
    const server = await startTestServer();
    try {
      const bulk = (docs: object[]) => server.fetch('/medic/_bulk_docs', {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ docs }),
      });
      const places = Array.from({ length: 500 }, (_, i) => ({ _id: `place-${i}`, type: 'health_center', dhis: { orgUnit: `ou${i}` } }));
      assert.equal((await bulk(places)).status, 201);
      assert.equal((await bulk([{ _id: 'another', type: 'person' }])).status, 201);
      // No export and no wait in between: the second write waited for the index to take in the first.
      assert.ok(server.contacts.size.places >= 500, `indexed ${server.contacts.size.places}`);
    } finally {
      await server.stop();
    }
  });
});
