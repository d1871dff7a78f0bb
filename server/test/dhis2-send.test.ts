import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startDhis2StandIn, type Dhis2StandIn } from './dhis2-stand-in';
import { basic, startTestServer, type TestServer } from './test-server';
import { DS, LAST_MONTH, places, settingsDoc, targetDoc } from './small-deployment';

const PERIOD = LAST_MONTH.format('YYYYMM');
const TOKEN = 'd2pat_standInToken0000000000000000001';
const selection = `filters[dataSet]=${DS}&filters[period]=${PERIOD}`;

interface Conflict { place?: { name?: string; orgUnit: string }; target?: { title?: string; dataElement: string }; errorCode?: string; message: string; action: string; values?: number }

describe('sending to DHIS2 over HTTP (against a DHIS2 stand-in)', () => {
  let dhis2: Dhis2StandIn;
  let server: TestServer;
  const as = (user: string) => ({ headers: { authorization: basic(user, 'secret-pass') } });
  const post = (query: string, user = 'sender', init: RequestInit = {}) =>
    server.fetch(`/api/v2/export/dhis/send?${query}`, { method: 'POST', ...init, headers: { ...as(user).headers, ...init.headers } });

  before(async () => {
    dhis2 = await startDhis2StandIn({
      token: TOKEN,
      user: 'cht',
      password: 'district',
      metadata: {
        orgUnits: ['ouDistrict1', 'ouNorth0001'],
        dataElements: { deBirths0001: [], deDeliver001: ['coc00000001'] },
        dataSets: { [DS]: { dataElements: ['deBirths0001', 'deDeliver001'], orgUnits: ['ouNorth0001'] } },
      },
    });
    server = await startTestServer({ dhis2: { url: new URL(dhis2.url), auth: { token: TOKEN }, timeoutMs: 1_000, readBackDelaysMs: [0] } });
    await server.putDocs([
      settingsDoc({ permissions: { can_export_dhis: ['dhis_exporter'], can_send_dhis: ['dhis_sender'] } }),
      ...places, targetDoc(LAST_MONTH, 'chw1', 3, 1), targetDoc(LAST_MONTH, 'chw2', 4, 2),
    ]);
    await server.createUser('exporter', 'secret-pass', ['dhis_exporter']);
    await server.createUser('sender', 'secret-pass', ['dhis_exporter', 'dhis_sender']);
    await server.createUser('nobody', 'secret-pass', ['chw']);
  });
  after(async () => {
    await server.stop();
    await dhis2.close();
  });
  beforeEach(() => {
    dhis2.options.version = '2.40';
    dhis2.options.token = TOKEN;
    dhis2.options.metadata.closedPeriods = [];
    dhis2.behaviour.delayMs = undefined;
    dhis2.behaviour.failWith = undefined;
  });

  it('tells the page whether sending is configured and allowed, to logged-in users only', async () => {
    assert.deepEqual(await (await server.fetch('/api/v2/export/dhis/send', as('sender'))).json(),
      { configured: true, dhis2Host: new URL(dhis2.url).host, mayDryRun: true, maySend: true });
    assert.deepEqual(await (await server.fetch('/api/v2/export/dhis/send', as('exporter'))).json(),
      { configured: true, dhis2Host: new URL(dhis2.url).host, mayDryRun: true, maySend: false });
    assert.equal((await fetch(`${server.url}/api/v2/export/dhis/send`)).status, 401);
    const text = await (await server.fetch('/api/v2/export/dhis/send', as('sender'))).text();
    assert.doesNotMatch(text, new RegExp(TOKEN), 'the token never reaches a browser');
  });

  it('dry-runs with DHIS2\'s own dryRun and explains each conflict by place and target', async () => {
    const stored = dhis2.stored.size;
    const response = await post(`dryRun=true&${selection}`, 'exporter');
    assert.equal(response.status, 200);
    const body = await response.json() as { outcome: string; sent: boolean; headline: string; counts: object; values: number; conflicts: Conflict[]; dhis2: { status: string; httpStatus: number } };
    assert.equal(body.outcome, 'warning', 'WARNING with conflicts is not a success');
    assert.equal(body.sent, false);
    assert.equal(body.values, 6);
    assert.deepEqual(body.counts, { imported: 2, updated: 0, ignored: 4, deleted: 0 });
    assert.equal(body.dhis2.status, 'WARNING');
    assert.equal(body.dhis2.httpStatus, 409);
    assert.match(body.headline, /would not accept every value: 3 conflicts.*nothing was saved/);
    const read = body.conflicts.map(conflict => `${conflict.errorCode} ${conflict.place?.name}/${conflict.place?.orgUnit} ${conflict.target?.title ?? '-'}/${conflict.target?.dataElement ?? '-'} ${conflict.values}`);
    assert.deepEqual(read.sort(), [
      'E7612 South/ouSouth0001 -/- 2',
      'E7636 District/ouDistrict1 births/deBirths0001 1',
      'E7636 District/ouDistrict1 deliveries/deDeliver001 1',
    ]);
    assert.match(body.conflicts.find(conflict => conflict.errorCode === 'E7636')!.action, /assign the organisation unit to the data set/);
    const last = dhis2.received.at(-1)!;
    assert.equal(last.dryRun, true);
    assert.equal(last.authorization, `ApiToken ${TOKEN}`);
    assert.equal(dhis2.stored.size, stored, 'a dry run saves nothing');
  });

  it('sends what the download holds, only with can_send_dhis, and records it', async () => {
    assert.equal((await post(`dryRun=false&${selection}`, 'exporter')).status, 403);
    assert.equal((await post(`dryRun=true&${selection}`, 'nobody')).status, 403);
    assert.equal((await fetch(`${server.url}/api/v2/export/dhis/send?dryRun=true&${selection}`, { method: 'POST' })).status, 401);
    const download = await (await server.fetch(`/api/v2/export/dhis?${selection}`, as('sender'))).json() as { dataValues: unknown[] };
    const response = await post('dryRun=false', 'sender', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ filters: { dataSet: DS, period: PERIOD, orgUnit: 'ouNorth0001' } }),
    });
    const body = await response.json() as { outcome: string; sent: boolean; counts: { imported: number } };
    assert.equal(response.status, 200);
    assert.equal(body.outcome, 'success');
    assert.equal(body.sent, true);
    assert.deepEqual(dhis2.received.at(-1)!.body.dataValues, (download.dataValues as { orgUnit: string }[]).filter(row => row.orgUnit === 'ouNorth0001'));
    assert.equal(dhis2.stored.get(`ouNorth0001/deBirths0001/HllvX50cXC0/${PERIOD}`), '3');

    const log = await (await server.fetch(`/api/v2/export/dhis/log?${selection}&filters[orgUnit]=ouNorth0001`, as('exporter'))).json() as
      { records: { action: string; user: string; values: number; total: number; orgUnit?: string; dhis2?: { status: string } }[]; changesSinceLastSend?: { changes: unknown[] } };
    assert.deepEqual(log.records.map(record => `${record.action} ${record.user} ${record.orgUnit ?? '*'} ${record.values} ${record.total} ${record.dhis2?.status ?? ''}`),
      ['send sender ouNorth0001 2 4 SUCCESS'], 'the records of that place');
    const everyPlace = await (await server.fetch(`/api/v2/export/dhis/log?${selection}`, as('exporter'))).json() as { records: { action: string; orgUnit?: string }[] };
    assert.deepEqual(everyPlace.records.slice(0, 2).map(record => `${record.action} ${record.orgUnit ?? '*'}`), ['send ouNorth0001', 'download *']);
    assert.deepEqual(log.changesSinceLastSend?.changes, []);
    const { current } = log as unknown as { current: { values: number; total: number; digest: string } };
    assert.deepEqual({ values: current.values, total: current.total }, { values: 2, total: 4 });
    assert.match(current.digest, /^[\w-]{43}$/);

    // a correction in the CHT shows as a change before the next send
    await server.putDocs([{ ...targetDoc(LAST_MONTH, 'chw1', 5, 1), _id: `target~${LAST_MONTH.format('YYYY-MM')}~chw1b~org.couchdb.user:chw1b` }]);
    const changed = await (await server.fetch(`/api/v2/export/dhis/log?${selection}&filters[orgUnit]=ouNorth0001`, as('exporter'))).json() as
      { changesSinceLastSend: { sentBy: string; changes: unknown[] } };
    assert.equal(changed.changesSinceLastSend.sentBy, 'sender');
    assert.deepEqual(changed.changesSinceLastSend.changes, [
      { orgUnit: 'ouNorth0001', dataElement: 'deBirths0001', sent: 3, now: 8 },
      { orgUnit: 'ouNorth0001', dataElement: 'deDeliver001', categoryOptionCombo: 'coc00000001', sent: 1, now: 2 },
    ]);
    assert.equal((await fetch(`${server.url}/api/v2/export/dhis/log?${selection}`)).status, 401);
    assert.equal((await server.fetch(`/api/v2/export/dhis/log?${selection}`, as('nobody'))).status, 403);
  });

  it('reads DHIS2 before 2.38 (200 with the bare summary, conflicts without codes) ', async () => {
    dhis2.options.version = '2.37';
    const body = await (await post(`dryRun=true&${selection}`)).json() as { outcome: string; dhis2: { httpStatus: number }; conflicts: Conflict[] };
    assert.equal(body.dhis2.httpStatus, 200);
    assert.equal(body.outcome, 'warning');
    assert.ok(body.conflicts.some(conflict => conflict.place?.name === 'South' && conflict.place.orgUnit === 'ouSouth0001'));
  });

  it('says a closed period is refused, as ERROR', async () => {
    dhis2.options.metadata.closedPeriods = [PERIOD];
    const body = await (await post(`dryRun=true&${selection}`)).json() as { outcome: string; conflicts: Conflict[] };
    assert.equal(body.outcome, 'error');
    assert.equal(body.conflicts[0]!.errorCode, 'E7640');
    assert.match(body.conflicts[0]!.action, /open the period/);
  });

  it('reports refused credentials and DHIS2 failures clearly, records nothing as sent, and a timeout as unknown', async () => {
    dhis2.options.token = 'another-token';
    let response = await post(`dryRun=false&${selection}`);
    assert.equal(response.status, 502);
    assert.match((await response.json() as { error: string }).error, /did not accept the server's credentials .* DHIS2_TOKEN/);
    dhis2.options.token = TOKEN;
    dhis2.behaviour.failWith = 500;
    response = await post(`dryRun=false&${selection}`);
    assert.equal(response.status, 502);
    assert.match((await response.json() as { error: string }).error, /failed \(HTTP 500\): Stand-in failure/);
    dhis2.behaviour.failWith = undefined;
    dhis2.behaviour.delayMs = 1_500;
    response = await post(`dryRun=false&${selection}`);
    assert.equal(response.status, 504);
    const unknown = await response.json() as { error: string; sent: boolean | null; outcome: string };
    assert.match(unknown.error, /did not answer within 1 s/);
    assert.deepEqual([unknown.outcome, unknown.sent], ['unknown', null]);
    const log = await (await server.fetch(`/api/v2/export/dhis/log?${selection}`, as('sender'))).json() as
      { records: { action: string; sent?: boolean | null; failure?: { reason: string }; unknown?: { reason: string } }[] };
    assert.deepEqual(log.records.slice(0, 4).map(record => `${record.action} ${record.sent} ${record.failure?.reason ?? record.unknown?.reason ?? ''}`),
      ['read-back undefined ', 'send null timeout', 'send false server', 'send false credentials']);
  });

  it('refuses names instead of ids, and bad dryRun values', async () => {
    assert.equal((await post(`dryRun=true&${selection}&options[humanReadable]=true`)).status, 400);
    assert.equal((await post(`dryRun=maybe&${selection}`)).status, 400);
    assert.equal((await post('dryRun=true&filters[period]=202601')).status, 400);
  });
});

describe('sending to DHIS2 when it is not configured', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
    await server.putDocs([settingsDoc(), ...places]);
  });
  after(() => server.stop());

  it('says how to enable it', async () => {
    const capabilities = await (await server.fetch('/api/v2/export/dhis/send')).json() as { configured: boolean; howToEnable: string };
    assert.equal(capabilities.configured, false);
    assert.match(capabilities.howToEnable, /set DHIS2_URL and DHIS2_TOKEN/);
    const response = await server.fetch(`/api/v2/export/dhis/send?dryRun=true&${selection}`, { method: 'POST' });
    assert.equal(response.status, 409);
    assert.match((await response.json() as { error: string }).error, /not configured/);
  });

  it('keeps the log out of reach of the CouchDB paths', async () => {
    assert.equal((await server.fetch('/dhis-export-log/_all_docs')).status, 404);
    assert.equal((await server.fetch('/dhis-export-log', { method: 'PUT' })).status, 404);
  });
});
