import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { basic } from './test-server';
import { DATABASE_MODES, SELECTION, logIn, startSendWorld, type SendWorld } from './send-world';

/**
 * A page on another site may make a logged-in manager's (or admin's) browser send any simple
 * request to this server, with the session cookie. None of them may change anything.
 */
for (const mode of DATABASE_MODES) {
  describe(`requests from another site (${mode} database)`, () => {
    let world: SendWorld;
    let manager: string;
    let admin: string;
    const evil = 'https://evil.example';
    const post = (path: string, cookie: string, init: { headers?: Record<string, string>; body?: string | FormData } = {}) =>
      fetch(`${world.server.url}${path}`, { method: 'POST', ...init, headers: { cookie, ...init.headers } });

    before(async () => {
      world = await startSendWorld(mode);
      manager = (await logIn(world, world.user('sender'))).cookie;
      admin = (await logIn(world, world.admin.user, world.admin.password)).cookie;
    });
    after(() => world.stop());

    it('marks the session cookie SameSite=Lax', async () => {
      const { setCookie } = await logIn(world, world.user('sender'));
      assert.match(setCookie, /^AuthSession=[^;]+;.*SameSite=Lax/i);
    });

    it('refuses a cookie-borne send from another site, in any form, before anything runs', async () => {
      const before = world.dhis2.received.length;
      const url = `/api/v2/export/dhis/send?dryRun=false&${SELECTION}`;
      for (const [what, headers, body] of [
        ['a foreign Origin', { origin: evil }, undefined],
        ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }, undefined],
        ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site', origin: 'https://other.example' }, undefined],
        ['a text/plain body', { origin: evil, 'content-type': 'text/plain' }, '{"dryRun":false}'],
        ['a form', { origin: evil, 'content-type': 'application/x-www-form-urlencoded' }, 'dryRun=false'],
      ] as const) {
        const response = await post(url, manager, { headers, ...(body === undefined ? {} : { body }) });
        assert.equal(response.status, 403, what);
        assert.equal((await response.json()).code, 'request.crossSite', what);
      }
      assert.equal(world.dhis2.received.length, before, 'nothing reached DHIS2');
    });

    it('refuses bodies a form can send, even from the same site: 415', async () => {
      const before = world.dhis2.received.length;
      const form = new FormData();
      form.set('dryRun', 'false');
      for (const [what, init] of [
        ['text/plain', { headers: { 'content-type': 'text/plain' }, body: `{"dryRun":false,"filters":{"dataSet":"x"}}` }],
        ['urlencoded', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'dryRun=false' }],
        ['multipart', { body: form }],
      ] as const) {
        const response = await post(`/api/v2/export/dhis/send?${SELECTION}`, manager, init);
        assert.equal(response.status, 415, what);
        assert.equal((await response.json()).code, 'request.jsonOnly', what);
      }
      assert.equal(world.dhis2.received.length, before);
    });

    it('lets the page\'s own request through (same origin, JSON), and scripts with basic auth from anywhere', async () => {
      const own = await post('/api/v2/export/dhis/send', manager, {
        headers: { origin: world.server.url, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
        body: JSON.stringify({ dryRun: true, filters: { dataSet: 'dsMonthly01', period: SELECTION.split('=').at(-1) } }),
      });
      assert.equal(own.status, 200);
      const script = await fetch(`${world.server.url}/api/v2/export/dhis/send?dryRun=true&${SELECTION}`, { method: 'POST', headers: { ...world.as('sender'), origin: evil } });
      assert.equal(script.status, 200);
    });

    it('refuses an admin\'s cookie-borne writes to /_users and /medic/_bulk_docs from another site, and non-JSON bodies there (415)', async () => {
      const intruder = { _id: 'org.couchdb.user:intruder', name: 'intruder', type: 'user', roles: ['_admin'], password: 'intruder-pw' };
      const settings = await world.medic.get<{ _rev: string }>('settings');
      const replaced = JSON.stringify({ new_edits: false, docs: [{ _id: 'settings', _rev: `${Number(settings._rev.split('-')[0]) + 1}-deadbeef`, settings: {} }] });
      for (const [path, body] of [['/_users', JSON.stringify(intruder)], ['/medic/_bulk_docs', replaced]] as const) {
        const foreign = await post(path, admin, { headers: { origin: evil, 'content-type': 'application/json' }, body });
        assert.equal(foreign.status, 403, `${path} with a foreign Origin`);
        assert.equal((await foreign.json()).error, 'forbidden');
        const crossSite = await post(path, admin, { headers: { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' }, body });
        assert.equal(crossSite.status, 403, `${path} with Sec-Fetch-Site: cross-site`);
        const plain = await post(path, admin, { headers: { 'content-type': 'text/plain' }, body });
        assert.equal(plain.status, 415, `${path} as text/plain`);
        assert.deepEqual(await plain.json(), { error: 'bad_content_type', reason: 'Content-Type must be application/json' });
      }
      const put = await fetch(`${world.server.url}/medic/intruder`, { method: 'PUT', headers: { cookie: admin, 'content-type': 'text/plain' }, body: '{"x":1}' });
      assert.equal(put.status, 415);
      assert.equal((await fetch(`${world.server.url}/_users/org.couchdb.user:intruder`, { headers: { authorization: basic(world.admin.user, world.admin.password) } })).status, 404);
      await assert.rejects(world.medic.get('intruder'), { status: 404 });
      assert.equal((await world.medic.get<{ _rev: string }>('settings'))._rev, settings._rev, 'the settings doc is untouched');
    });

    it('keeps attachments\' own types, and the admin\'s same-site JSON writes', async () => {
      const created = await post('/medic', admin, { headers: { origin: world.server.url, 'content-type': 'application/json' }, body: JSON.stringify({ _id: 'note' }) });
      assert.equal(created.status, 201);
      const { rev } = await created.json();
      const attachment = await fetch(`${world.server.url}/medic/note/readme.txt?rev=${rev}`, {
        method: 'PUT', headers: { authorization: basic(world.admin.user, world.admin.password), 'content-type': 'text/plain' }, body: 'hello',
      });
      assert.equal(attachment.status, 201);
    });
  });
}
