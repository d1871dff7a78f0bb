import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { basic, type TestServer } from './test-server';
import { DS, LAST_MONTH, exportPath, lastMonthExport, places, settingsDoc, targetDoc, startExportApiServer } from './small-deployment';

describe('GET /api/v2/export/dhis over HTTP', () => {
  let server: TestServer;
  const as = (user: string) => ({ headers: { authorization: basic(user, `${user}-password`) } });

  before(async () => {
    server = await startExportApiServer();
  });
  after(() => server.stop());

  it('answers a program manager with can_export_dhis alone, as a download', async () => {
    const response = await server.fetch(lastMonthExport(), as('exporter'));
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type')!, /^application\/json/);
    assert.equal(response.headers.get('content-disposition'), `attachment; filename="dhis-${DS}-${LAST_MONTH.format('YYYYMM')}.json"`);
    const body = await response.json();
    assert.equal(body.period, LAST_MONTH.format('YYYYMM'));
    assert.deepEqual(body.dataValues.filter((row: { dataElement: string }) => row.dataElement === 'deBirths0001'), [
      { dataElement: 'deBirths0001', orgUnit: 'ouDistrict1', value: '7' },
      { dataElement: 'deBirths0001', orgUnit: 'ouNorth0001', value: '3' },
      { dataElement: 'deBirths0001', orgUnit: 'ouSouth0001', value: '4' },
    ]);
    assert.equal(body.completeDate, undefined, 'no completeDate without a set-level org unit');
    assert.equal(response.headers.get('x-data-values'), String(body.dataValues.length), 'what the file holds, in headers');
    assert.equal(response.headers.get('x-org-units'), String(new Set(body.dataValues.map((row: { orgUnit: string }) => row.orgUnit)).size));
    assert.equal(response.headers.get('x-zero-values'), String(body.dataValues.filter((row: { value: string }) => row.value === '0').length));
  });

  it('lets can_export_all and server admins export', async () => {
    assert.equal((await server.fetch(lastMonthExport(), as('allexporter'))).status, 200);
    assert.equal((await server.fetch(lastMonthExport())).status, 200);
  });

  it('accepts the session cookie from POST /_session', async () => {
    const login = await fetch(`${server.url}/_session`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'exporter', password: 'exporter-password' }),
    });
    assert.equal(login.status, 200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    assert.match(cookie, /^AuthSession=/);
    const response = await fetch(`${server.url}${lastMonthExport()}`, { headers: { cookie } });
    assert.equal(response.status, 200);
  });

  it('answers 401 without or with wrong credentials, and 403 without the permission', async () => {
    const anonymous = await fetch(`${server.url}${lastMonthExport()}`);
    assert.equal(anonymous.status, 401);
    assert.match((await anonymous.json()).error, /Log in/);
    const wrong = await fetch(`${server.url}${lastMonthExport()}`, { headers: { authorization: basic('exporter', 'nope') } });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.headers.get('www-authenticate'), 'Basic realm="CHT"');
    const badCookie = await fetch(`${server.url}${lastMonthExport()}`, { headers: { cookie: 'AuthSession=forged' } });
    assert.equal(badCookie.status, 401);
    const chw = await server.fetch(lastMonthExport(), as('chw'));
    assert.equal(chw.status, 403);
    assert.deepEqual(await chw.json(), { code: 403, error: 'User "chw" may not export DHIS2 data: a role of theirs needs the permission can_export_dhis' });
  });

  it('challenges tools that wait for it before sending basic auth, but not the page\'s own requests', async () => {
    const challenge = async (headers: Record<string, string>) => {
      const response = await fetch(`${server.url}${lastMonthExport()}`, { headers });
      assert.equal(response.status, 401);
      return response.headers.get('www-authenticate');
    };
    assert.equal(await challenge({}), 'Basic realm="CHT"');
    assert.equal(await challenge({ 'user-agent': 'Wget/1.21.4', accept: '*/*' }), 'Basic realm="CHT"');
    assert.equal(await challenge({ 'x-requested-with': 'XMLHttpRequest', accept: 'application/json' }), null, 'no browser login dialog');
    assert.equal(await challenge({ 'sec-fetch-dest': 'empty', 'sec-fetch-mode': 'cors' }), null, 'no browser login dialog');
  });

  it('takes the same filters as a JSON body', async () => {
    const response = await server.fetch('/api/v2/export/dhis', {
      method: 'POST',
      headers: { ...as('exporter').headers, 'content-type': 'application/json' },
      body: JSON.stringify({ filters: { dataSet: DS, period: LAST_MONTH.format('YYYYMM') } }),
    });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), await (await server.fetch(lastMonthExport(), as('exporter'))).json());
  });

  it('keeps the POST body form of CHT clients', async () => {
    const response = await server.fetch('/api/v2/export/dhis', {
      method: 'POST',
      headers: { ...as('exporter').headers, 'content-type': 'application/json' },
      body: JSON.stringify({ filters: { dataSet: DS, date: { from: LAST_MONTH.valueOf() }, orgUnit: 'ouNorth0001' }, options: { humanReadable: true } }),
    });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {
      dataSet: 'dataset.monthly', completeDate: new Date().toLocaleDateString('en-CA'), period: LAST_MONTH.format('YYYYMM'), orgUnit: 'North',
      dataValues: [
        { dataElement: 'births', orgUnit: 'North', value: '3' },
        { dataElement: 'deliveries', categoryOptionCombo: 'coc00000001', orgUnit: 'North', value: '1' },
      ],
    });
  });

  for (const [what, pathname, message] of [
    ['no parameters', '/api/v2/export/dhis', /filter "dataSet" is required/],
    ['no month', exportPath({ 'filters[dataSet]': DS }), /filter "period" is required/],
    ['a period that is not a DHIS2 period', exportPath({ 'filters[dataSet]': DS, 'filters[period]': '2026-10' }), /"period" must be a DHIS2 period, YYYYMM, YYYYQn or YYYY/],
    ['a thirteenth month', exportPath({ 'filters[dataSet]': DS, 'filters[period]': '202613' }), /month 01–12/],
    ['a period given twice', `${lastMonthExport()}&filters[period]=202601`, /"period" must be given once/],
    ['a month that is not a number', exportPath({ 'filters[dataSet]': DS, 'filters[date][from]': 'yesterday' }), /must be a timestamp/],
    ['a data set given twice', `${lastMonthExport()}&filters[dataSet]=${DS}`, /must be given once/],
    ['an unknown data set', exportPath({ 'filters[dataSet]': 'nope', 'filters[date][from]': LAST_MONTH.valueOf() }), /dataSet "nope" is not defined/],
    ['a huge data set id', exportPath({ 'filters[dataSet]': 'x'.repeat(5000), 'filters[date][from]': LAST_MONTH.valueOf() }), /too long/],
    ['odd characters', exportPath({ 'filters[dataSet]': '\u0000<script>"\u202e', 'filters[date][from]': LAST_MONTH.valueOf() }), /is not defined/],
    ['deeply nested filters', `/api/v2/export/dhis?${'filters'.concat('[a]'.repeat(50))}=1`, /^Unknown parameter "filters\[a\]\[a\]/],
    ['a bad option', lastMonthExport({ 'options[humanReadable]': 'perhaps' }), /humanReadable/],
    ['a second "?" in the query', `/api/v2/export/dhis?filters[period]=${LAST_MONTH.format('YYYYMM')}?filters[dataSet]=${DS}`, /second "\?"/],
    ['more than 100 parameters', `${lastMonthExport()}&${Array.from({ length: 100 }, (_, i) => `p${i}=1`).join('&')}`,
      /not read, so that no parameter is dropped: Parameter limit exceeded/],
    ['an org unit mapped to nothing', lastMonthExport({ 'filters[orgUnit]': 'NOPE' }), new RegExp(`^orgUnit NOPE is not mapped to data set ${DS}:`)],
    ['a timestamp in seconds', exportPath({ 'filters[dataSet]': DS, 'filters[date][from]': LAST_MONTH.unix() }), /did you send seconds instead of milliseconds\?/],
    ['a timestamp at the end of time', exportPath({ 'filters[dataSet]': DS, 'filters[date][from]': 8640000000000000 }), /year 275760\): did you send seconds/],
  ] as const) {
    it(`answers 400 with what to fix for ${what}`, async () => {
      const response = await server.fetch(pathname as string, as('exporter'));
      assert.equal(response.status, 400);
      const body = await response.json();
      assert.equal(body.code, what === 'deeply nested filters' ? 'parameter.unknown' : 400);
      assert.match(body.error, message as RegExp);
      assert.equal(response.headers.get('content-disposition'), null);
    });
  }

  it('answers 400, not 500, to a POST body that is not JSON or too large', async () => {
    const headers = { ...as('exporter').headers, 'content-type': 'application/json' };
    const bad = await server.fetch('/api/v2/export/dhis', { method: 'POST', headers, body: '{"filters":' });
    assert.equal(bad.status, 400);
    assert.deepEqual(await bad.json(), { code: 400, error: 'The request body is not valid JSON' });
    const nullBody = await server.fetch('/api/v2/export/dhis', { method: 'POST', headers, body: 'null' });
    assert.equal(nullBody.status, 400);
    assert.match((await nullBody.json()).error, /^The request must be a JSON object such as \{ "filters"/);
    const large = await server.fetch('/api/v2/export/dhis', { method: 'POST', headers, body: JSON.stringify({ pad: 'x'.repeat(200_000) }) });
    assert.equal(large.status, 413);
    const text = await large.text();
    assert.doesNotMatch(text, /at .*\.js/, 'no stack trace');
  });

  it('refuses a data set without data elements with 400', async () => {
    const settings = settingsDoc({ dhis_data_sets: [{ id: DS }, { id: 'emptySet' }] });
    const current = await server.couch.medic.get('settings');
    settings.settings.tasks.targets.items.forEach(item => Object.assign(item.dhis, { dataSet: DS }));
    await server.couch.medic.put({ ...settings, _rev: current._rev });
    try {
      const response = await server.fetch(exportPath({ 'filters[dataSet]': 'emptySet', 'filters[date][from]': LAST_MONTH.valueOf() }), as('exporter'));
      assert.equal(response.status, 400);
      assert.match((await response.json()).error, /has no dataElements/);
    } finally {
      const changed = await server.couch.medic.get('settings');
      await server.couch.medic.put({ ...settingsDoc(), _rev: changed._rev });
    }
  });

  it('shows changes to settings, places and target docs in the next export, without a restart', async () => {
    const before = await (await server.fetch(lastMonthExport(), as('exporter'))).json();
    const births = (body: { dataValues: Array<{ orgUnit: string; dataElement: string; value: string }> }, orgUnit: string) =>
      Number(body.dataValues.find(row => row.orgUnit === orgUnit && row.dataElement === 'deBirths0001')?.value);
    assert.equal(births(before, 'ouDistrict1'), 7);

    await server.putDocs([
      targetDoc(LAST_MONTH, 'chw3', 10),
      { _id: 'chw3', type: 'person', name: 'Three', parent: { _id: 'hc3', parent: { _id: 'district' } } },
      { _id: 'hc3', type: 'health_center', name: 'East', dhis: { orgUnit: 'ouEast00001' }, parent: { _id: 'district' } },
    ]);
    const after = await (await server.fetch(lastMonthExport(), as('exporter'))).json();
    assert.equal(births(after, 'ouDistrict1'), 17);
    assert.equal(births(after, 'ouEast00001'), 10);

    const settings = await server.couch.medic.get<{ settings: { permissions: Record<string, string[]> } }>('settings');
    settings.settings.permissions['can_export_dhis'] = [];
    await server.couch.medic.put(settings);
    try {
      // The session look-up is cached for a few seconds; permissions are read from the settings on every request.
      assert.equal((await server.fetch(lastMonthExport(), as('exporter'))).status, 403);
    } finally {
      const changed = await server.couch.medic.get('settings');
      await server.couch.medic.put({ ...settingsDoc(), _rev: changed._rev });
    }
  });

  it('compresses the answer when asked', async () => {
    await server.putDocs(Array.from({ length: 30 }, (_, i) => ({
      _id: `extra-hc-${i}`, type: 'health_center', name: `Extra ${i}`, dhis: { orgUnit: `ouExtra${String(i).padStart(4, '0')}` },
    })));
    const response = await server.fetch(lastMonthExport(), { headers: { ...as('exporter').headers, 'accept-encoding': 'gzip' } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-encoding'), 'gzip');
    assert.equal((await response.json()).dataSet, DS);
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const response = await server.fetch('/api/v2/export/nothing');
    assert.equal(response.status, 404);
    assert.match((await response.json()).error, /No such API endpoint/);
  });
});
