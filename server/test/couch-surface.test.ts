import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { basic } from './test-server';
import { CALLERS, CREDENTIALS, json, PROBES, REPORT_SECRET, SECRET, VIEW } from './couch-surface-probes';
import { startServerProcess, type ServerProcess } from './server-process';

/** A JSON answer, or a continuous feed's JSON lines. */
const parsedJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text.split('\n').filter(line => line.trim() !== '').map(line => JSON.parse(line));
  }
};

/**
 * Every CouchDB endpoint and method of the embedded database, sent by each kind of caller to the
 * real server process. After each request: the process still answers, the status is the
 * documented one (never 5xx), nothing a non-admin sent was stored, and the health worker saw no
 * patient data.
 */
describe('the embedded CouchDB surface, by caller', () => {
  let server: ServerProcess;
  const seqs = async () => {
    const [medic, users] = await Promise.all([(await server.fetch('/medic')).json(), (await server.fetch('/_users')).json()]);
    return `${medic.update_seq}/${medic.doc_count}/${users.update_seq}/${users.doc_count}`;
  };

  before(async () => {
    server = await startServerProcess({ MAX_BODY_MB: '1' });
    const put = async (pathname: string, body: object) => {
      const response = await server.fetch(pathname, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: json(body) });
      assert.ok(response.ok, `${pathname}: ${response.status} ${await response.text()}`);
    };
    await put('/medic/settings', {
      settings: {
        locale: 'fr',
        permissions: { can_export_dhis: ['program_officer'], can_configure: ['config_admin'] },
        roles: { chw: { name: 'usertype.chw', offline: true }, program_officer: { name: 'usertype.program_officer' } },
        dhis_data_sets: [{ id: 'VMuFODsyWaO', translation_key: 'Births' }],
      },
    });
    await put('/medic/messages-fr', { type: 'translations', code: 'fr', generic: { 'export.dhis': 'DHIS2' } });
    await put('/medic/household-1', { type: 'clinic', name: 'Household', parent: { _id: 'area-1' } });
    await put('/medic/patient-1', { type: 'person', name: SECRET, date_of_birth: '2020-01-01', parent: { _id: 'household-1', parent: { _id: 'area-1' } } });
    await put('/medic/report-1', {
      type: 'data_record', form: 'assessment', fields: { patient_id: 'patient-1', diagnosis: REPORT_SECRET },
      _attachments: { 'photo.txt': { content_type: 'text/plain', data: Buffer.from(SECRET).toString('base64') } },
    });
    for (const name of ['chw', 'manager']) {
      await put(`/medic/org.couchdb.user:${name}`, { type: 'user-settings', name, contact_id: `${name}-contact`, language: 'fr' });
    }
    await put('/medic/target~2026-10~chw-contact~org.couchdb.user:chw', { type: 'target', owner: 'chw-contact', targets: [] });
    for (const [name, roles] of [['chw', ['chw']], ['manager', ['program_officer']], ['spare', ['chw']]] as const) {
      await put(`/_users/org.couchdb.user:${name}`, { _id: `org.couchdb.user:${name}`, name, type: 'user', roles, password: `${name}-password` });
    }
  });
  after(() => server?.stop());

  for (const probe of PROBES) {
    it(`${probe.method} ${probe.path}${probe.body ? ` ${probe.body.slice(0, 40)}` : ''}`, async () => {
      for (const [index, caller] of CALLERS.entries()) {
        const before = await seqs();
        const headers: Record<string, string> = {};
        if (CREDENTIALS[caller]) headers['authorization'] = CREDENTIALS[caller]!;
        if (probe.body !== undefined) headers['content-type'] = probe.contentType ?? 'application/json';
        const init: RequestInit = { method: probe.method, headers, ...(probe.body !== undefined ? { body: probe.body } : {}) };
        const response = caller === 'anonymous' ? await fetch(`${server.url}${probe.path}`, init) : caller === 'admin'
          ? await server.fetch(probe.path, init) : await fetch(`${server.url}${probe.path}`, init);
        const text = await response.text();
        const what = `${caller}: ${probe.method} ${probe.path} → ${response.status} ${text.slice(0, 200)}`;
        assert.ok(!server.exited(), `the server ended after ${what}\n${server.stderr()}`);
        assert.ok(response.status < 500, what);
        assert.equal(response.status, probe.expect[index], what);
        if (probe.method !== 'HEAD' && (!/\/photo\.txt$/.test(probe.path) || response.status >= 400)) {
          // CouchDB itself labels JSON text/plain for clients that do not ask for application/json.
          assert.match(response.headers.get('content-type') ?? '', /^(application\/json|text\/plain)/, what);
          assert.doesNotThrow(() => parsedJson(text), what);
        }
        if (caller !== 'admin') {
          assert.equal(await seqs(), before, `nothing is stored: ${what}`);
        }
        if (caller === 'chw' || caller === 'anonymous') {
          assert.ok(!text.includes(SECRET) && !text.includes(REPORT_SECRET), `no patient data: ${what}`);
        }
        assert.equal((await fetch(`${server.url}/_session`)).status, 200, `the server answers after ${what}`);
      }
    });
  }

  it('refuses a body over MAX_BODY_MB, declared or streamed, and stays up', async () => {
    const big = json({ _id: 'big', blob: 'x'.repeat(1_200_000) });
    const declared = await server.fetch('/medic/big', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: big });
    assert.equal(declared.status, 413);
    assert.equal((await declared.json()).error, 'too_large');
    const stream = new ReadableStream({ start(controller) { controller.enqueue(new TextEncoder().encode(big)); controller.close(); } });
    const streamed = await server.fetch('/medic/big', {
      method: 'PUT', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half',
    } as RequestInit);
    assert.equal(streamed.status, 413);
    assert.equal((await server.fetch('/medic/big')).status, 404);
  });

  it('lets a user change their own password, not their roles, and only admins create users', async () => {
    const auth = basic('spare', 'spare-password');
    const own = await (await fetch(`${server.url}/_users/org.couchdb.user:spare`, { headers: { authorization: auth } })).json();
    const putOwn = (doc: object) => fetch(`${server.url}/_users/org.couchdb.user:spare`, {
      method: 'PUT', headers: { authorization: auth, 'content-type': 'application/json' }, body: json(doc),
    });
    assert.equal((await putOwn({ ...own, roles: ['_admin'], password: 'new-password' })).status, 403);
    assert.equal((await putOwn({ ...own, name: 'manager', password: 'new-password' })).status, 403);
    const changed = await putOwn({ ...own, password: 'new-spare-password' });
    assert.equal(changed.status, 201, await changed.text());
    const session = await (await fetch(`${server.url}/_session`, { headers: { authorization: basic('spare', 'new-spare-password') } })).json();
    assert.deepEqual(session.userCtx, { name: 'spare', roles: ['chw'] });
    const signup = await fetch(`${server.url}/_users/org.couchdb.user:newcomer`, {
      method: 'PUT', headers: { 'content-type': 'application/json' },
      body: json({ name: 'newcomer', type: 'user', roles: [], password: 'newcomer-password' }),
    });
    assert.equal(signup.status, 401);
  });

  it('bounds long-poll and continuous feeds: at most five open per user', async () => {
    const controllers = Array.from({ length: 6 }, () => new AbortController());
    const auth = { authorization: basic('manager', 'manager-password') };
    const feeds = controllers.slice(0, 5).map(controller =>
      fetch(`${server.url}/medic/_changes?feed=longpoll&since=now&timeout=60000`, { headers: auth, signal: controller.signal }).catch(() => undefined));
    await new Promise(resolve => setTimeout(resolve, 300));
    const sixth = await fetch(`${server.url}/medic/_changes?feed=longpoll&since=now&timeout=60000`, { headers: auth });
    assert.equal(sixth.status, 429);
    assert.equal((await sixth.json()).error, 'too_many_requests');
    controllers.forEach(controller => controller.abort());
    await Promise.all(feeds);
    await new Promise(resolve => setTimeout(resolve, 200));
    const again = await fetch(`${server.url}/medic/_changes?feed=longpoll&since=0&limit=1`, { headers: auth });
    assert.equal(again.status, 200, 'closed feeds are released');
    await again.text();
  });

  it('ends a long poll with the next change', async () => {
    const auth = { authorization: basic('manager', 'manager-password') };
    const polling = fetch(`${server.url}/medic/_changes?feed=longpoll&since=now&include_docs=true`, { headers: auth });
    await new Promise(resolve => setTimeout(resolve, 300));
    await server.fetch('/medic/after-poll', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"n":1}' });
    const body = await (await polling).json();
    assert.deepEqual(body.results.map((change: { id: string }) => change.id), ['after-poll']);
    assert.equal(body.results[0].doc.n, 1);
  });

  it('follows a _security an admin narrowed, answering refused readers without failing', async () => {
    const security = (members: object) => server.fetch('/medic/_security', {
      method: 'PUT', headers: { 'content-type': 'application/json' }, body: json({ admins: { names: [], roles: [] }, members }),
    });
    assert.equal((await security({ names: [], roles: ['district_team'] })).status, 200);
    try {
      const asManager = { authorization: basic('manager', 'manager-password'), 'content-type': 'application/json' };
      const statuses: Record<string, number> = {};
      for (const [method, pathname, body] of [
        ['GET', '/medic/patient-1'], ['GET', '/medic/_all_docs'], ['GET', '/medic/_changes'], ['GET', VIEW],
        ['GET', '/medic/_changes?feed=longpoll&since=0'], ['POST', '/medic/_bulk_get', json({ docs: [{ id: 'patient-1' }] })],
        ['POST', '/medic/_find', json({ selector: { type: 'person' } })], ['GET', '/medic/report-1/photo.txt'],
      ] as const) {
        const response = await fetch(`${server.url}${pathname}`, { method, headers: asManager, ...(body ? { body } : {}) });
        const text = await response.text();
        statuses[`${method} ${pathname}`] = response.status;
        assert.ok(!server.exited(), `the server ended after ${method} ${pathname}\n${server.stderr()}`);
        assert.ok(response.status < 500, `${method} ${pathname} → ${response.status} ${text}`);
      }
      assert.ok(Object.values(statuses).every(status => status === 403), JSON.stringify(statuses));
      const asAdmin = await server.fetch('/medic/patient-1');
      assert.equal(asAdmin.status, 200, 'server admins are not bound by _security');
      await asAdmin.text();
    } finally {
      assert.equal((await security({ names: [], roles: [] })).status, 200);
    }
  });

  it('refuses dot segments that a client did not resolve', async () => {
    const { request } = await import('node:http');
    for (const pathname of ['/medic/../_config', '/medic/%2E%2E/_users/_all_docs', '/_users/./org.couchdb.user:chw']) {
      const status = await new Promise<number>((resolve, reject) => {
        const { hostname, port } = new URL(server.url);
        request({ hostname, port, path: pathname, headers: { authorization: basic('manager', 'manager-password') } }, response => {
          response.resume();
          resolve(response.statusCode ?? 0);
        }).on('error', reject).end();
      });
      assert.equal(status, 400, pathname);
    }
  });

  it('never needed its last-resort handler', () => {
    assert.doesNotMatch(server.stderr(), /unhandled rejection|uncaught exception/);
    assert.ok(!server.exited());
  });
});
