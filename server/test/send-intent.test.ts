import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DATABASE_MODES, DS, LAST_MONTH, PERIOD, SELECTION, startSendWorld, targetDoc, type SendWorld } from './send-world';

interface Refusal { code: string; error: string; unknown?: string[]; known?: string[] }

/** No mistake of a caller's becomes an import: each is refused before anything reaches DHIS2. */
for (const mode of DATABASE_MODES) {
  describe(`a send's intent (${mode} database)`, () => {
    let world: SendWorld;
    const send = (query: string, init: { body?: unknown; raw?: string; type?: string } = {}, user = 'sender') =>
      fetch(`${world.server.url}/api/v2/export/dhis/send?${query}`, {
        method: 'POST',
        headers: { ...world.as(user), ...(init.body !== undefined ? { 'content-type': 'application/json' } : init.type ? { 'content-type': init.type } : {}) },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : init.raw !== undefined ? { body: init.raw } : {}),
      });
    const get = (path: string, user = 'sender') => fetch(`${world.server.url}${path}`, { headers: world.as(user) });
    const imports = () => world.dhis2.received.length;

    before(async () => {
      world = await startSendWorld(mode);
    });
    after(() => world.stop());

    it('requires dryRun, true or false, given once in one place; a misplaced one is refused, never a send', async () => {
      const before = imports();
      for (const [query, body, code] of [
        [SELECTION, undefined, 'send.dryRunRequired'],
        [`dryRun[]=true&${SELECTION}`, undefined, 'send.dryRunInvalid'],
        [`dryRun[0]=true&${SELECTION}`, undefined, 'send.dryRunInvalid'],
        [`dryRun=true&dryRun=true&${SELECTION}`, undefined, 'send.dryRunInvalid'],
        [`dryRun=yes&${SELECTION}`, undefined, 'send.dryRunInvalid'],
        [`options[dryRun]=true&${SELECTION}`, undefined, 'parameter.unknown'],
        [`dryRun=true&${SELECTION}`, { dryRun: false }, 'parameter.twice'],
        ['', { filters: { dataSet: DS, period: PERIOD }, options: { dryRun: true } }, 'parameter.unknown'],
      ] as const) {
        const response = await send(query, body === undefined ? {} : { body });
        assert.equal(response.status, 400, `${query} ${JSON.stringify(body)}`);
        assert.equal((await response.json() as Refusal).code, code, `${query} ${JSON.stringify(body)}`);
      }
      assert.equal(imports(), before, 'nothing reached DHIS2');
      const dry = await send('', { body: { dryRun: true, filters: { dataSet: DS, period: PERIOD } } });
      assert.equal(dry.status, 200);
      assert.equal((await dry.json()).dryRun, true);
      assert.equal(world.dhis2.received.at(-1)!.dryRun, true, 'a JSON body\'s dryRun is DHIS2\'s dryRun');
    });

    it('refuses every unknown or misspelt parameter, naming it and listing the known ones, in every endpoint', async () => {
      const before = imports();
      for (const path of ['/api/v2/export/dhis?', '/api/v2/export/dhis/preview?', '/api/v2/export/dhis/log?']) {
        for (const wrong of ['filters[orgunit]=ouNorth0001', 'filters[place]=ouNorth0001', 'filter[orgUnit]=ouNorth0001', 'options[omitzeros]=true']) {
          const response = await get(`${path}${SELECTION}&${wrong}`);
          assert.equal(response.status, 400, `${path}${wrong}`);
          const body = await response.json() as Refusal;
          assert.equal(body.code, 'parameter.unknown');
          assert.deepEqual(body.unknown, [wrong.split('=')[0]]);
          assert.ok(body.known!.includes('filters[dataSet]'));
          assert.match(body.error, new RegExp(`Unknown parameter "${wrong.split('=')[0]!.replace(/[[\]]/g, '\\$&')}".*the known ones are filters\\[dataSet\\]`));
        }
      }
      for (const wrong of ['filters[orgunit]=ouNorth0001', 'filters[place]=ouNorth0001', 'filter[orgUnit]=ouNorth0001', 'options[omitzeros]=true', 'options[format]=csv']) {
        const response = await send(`dryRun=false&${SELECTION}&${wrong}`);
        assert.equal(response.status, 400, wrong);
        assert.equal((await response.json() as Refusal).code, 'parameter.unknown');
      }
      const misspelt = await (await send(`dryRun=false&${SELECTION}&filters[orgunit]=x`)).json() as Refusal;
      assert.match(misspelt.error, /did you mean "filters\[orgUnit\]"\?/);
      const post = await fetch(`${world.server.url}/api/v2/export/dhis`, {
        method: 'POST', headers: { ...world.as('sender'), 'content-type': 'application/json' },
        body: JSON.stringify({ filters: { dataSet: DS, period: PERIOD }, options: { omitzeros: true } }),
      });
      assert.equal(post.status, 400);
      assert.deepEqual((await post.json() as Refusal).unknown, ['options[omitzeros]']);
      assert.equal(imports(), before);
    });

    it('sends only what was confirmed: a changed figure is 409 with the new numbers, and nothing is sent', async () => {
      const log = await (await get(`/api/v2/export/dhis/log?${SELECTION}`)).json() as { current: { values: number; total: number; digest: string } };
      const preview = await (await get(`/api/v2/export/dhis/preview?${SELECTION}`)).json() as { digest: string };
      assert.equal(preview.digest, log.current.digest, 'the preview and the log give the same digest for the same file');
      const confirmed = await send(`dryRun=true&${SELECTION}&confirm=${log.current.digest}`);
      assert.equal(confirmed.status, 200);
      const before = imports();
      await world.putDocs([{ ...targetDoc(LAST_MONTH, 'chw1', 200, 1), _id: `target~${LAST_MONTH.format('YYYY-MM')}~chw1~org.couchdb.user:chw1-late` }]);
      const changed = await send(`dryRun=false&${SELECTION}&confirm=${log.current.digest}`);
      assert.equal(changed.status, 409);
      const body = await changed.json() as Refusal & { now: { values: number; total: number; digest: string }; confirmed: string };
      assert.equal(body.code, 'send.changed');
      assert.equal(body.now.total, log.current.total + 402, 'the new total: 200 more births and 1 more delivery, at the centre and at the district');
      assert.equal(body.now.values, log.current.values);
      assert.notEqual(body.now.digest, log.current.digest);
      assert.equal(imports(), before, 'nothing reached DHIS2');
      assert.equal((await send(`dryRun=false&${SELECTION}&confirm=not a digest`)).status, 400);
    });

    it('sends with the download\'s options: omitZeros leaves the zeros out of the send too', async () => {
      const withZeros = await (await send(`dryRun=true&${SELECTION}`)).json() as { values: number };
      const withoutZeros = await (await send(`dryRun=true&${SELECTION}&options[omitZeros]=true`)).json() as { values: number };
      assert.ok(withoutZeros.values < withZeros.values);
      assert.equal(world.dhis2.received.at(-1)!.body.dataValues!.filter(row => row['value'] === 0).length, 0);
      const log = await (await get(`/api/v2/export/dhis/log?${SELECTION}&options[omitZeros]=true`)).json() as { current: { values: number } };
      assert.equal(log.current.values, withoutZeros.values, 'the log\'s count, which the confirmation shows, has the same options');
    });

    it('refuses deep JSON with 400, answers HEAD without recording a download, forbids framing, and says which methods an API path takes', async () => {
      const deep = `${'['.repeat(5_000)}1${']'.repeat(5_000)}`;
      for (const path of ['/api/v2/export/dhis', '/api/v2/export/dhis/send']) {
        const response = await fetch(`${world.server.url}${path}`, {
          method: 'POST', headers: { ...world.as('sender'), 'content-type': 'application/json' }, body: `{"dryRun":true,"filters":{"dataSet":${deep}}}`,
        });
        assert.equal(response.status, 400, path);
        assert.equal((await response.json() as Refusal).code, 'request.tooDeep');
      }
      const downloads = async () => ((await (await get(`/api/v2/export/dhis/log?filters[dataSet]=${DS}&filters[action]=download&limit=200`)).json()) as { records: unknown[] }).records.length;
      const before = await downloads();
      const head = await fetch(`${world.server.url}/api/v2/export/dhis?${SELECTION}`, { method: 'HEAD', headers: world.as('sender') });
      assert.equal(head.status, 200);
      assert.equal(await downloads(), before, 'HEAD is not a download');
      await get(`/api/v2/export/dhis?${SELECTION}`);
      assert.equal(await downloads(), before + 1);
      for (const path of ['/', '/admin/import-export/dhis', '/api/v2/export/dhis/send']) {
        const response = await fetch(`${world.server.url}${path}`);
        assert.equal(response.headers.get('content-security-policy'), "frame-ancestors 'none'", path);
        assert.equal(response.headers.get('x-frame-options'), 'DENY');
      }
      for (const [method, path, allow] of [
        ['PUT', '/api/v2/export/dhis/send', 'GET, HEAD, POST'], ['DELETE', '/api/v2/export/dhis', 'GET, HEAD, POST'],
        ['POST', '/api/v2/export/dhis/log', 'GET, HEAD'], ['PATCH', '/api/v2/export/dhis/preview', 'GET, HEAD'],
      ] as const) {
        const response = await fetch(`${world.server.url}${path}`, { method, headers: world.as('sender') });
        assert.equal(response.status, 405, `${method} ${path}`);
        assert.equal(response.headers.get('allow'), allow);
        assert.equal((await response.json() as Refusal).code, 'request.methodNotAllowed');
      }
    });
  });
}
