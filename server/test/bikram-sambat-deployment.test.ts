import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startDhis2StandIn, type Dhis2StandIn } from './dhis2-stand-in';
import { DS, exportPath, places, settingsDoc, dhis2Metadata } from './small-deployment';
import { basic, startTestServer, type TestServer } from './test-server';

/**
 * A deployment in Nepal: devices count targets in Bikram Sambat months and tag their docs with the
 * BS month (cht-core e5cabd1); the DHIS2 runs the Nepali calendar. Beside each BS doc lies a doc of
 * the Gregorian month with the same numbers, which a Gregorian reading would sum instead.
 */
const TOKEN = 'd2pat_nepaliStandIn00000000000000001';
const QUARTERLY = 'dsQuarter01';
const bsSettings = (visitCount: Record<string, unknown> = {}) => settingsDoc({
  dhis_data_sets: [{ id: DS, translation_key: 'dataset.monthly' }, { id: QUARTERLY, periodType: 'Quarterly' }],
  permissions: { can_export_dhis: ['dhis_exporter'], can_send_dhis: ['dhis_sender'] },
  uhc: { visit_count: { use_bikram_sambat_months: true, ...visitCount } },
  tasks: { targets: { items: [{ id: 'births', dhis: { dataElement: 'deBirths0001' } }, { id: 'deliveries', dhis: { dataElement: 'deDeliver001' } }] } },
});
const doc = (tag: string, owner: string, births: number) => ({
  _id: `target~${tag}~${owner}~org.couchdb.user:${owner}`, type: 'target', owner, user: `org.couchdb.user:${owner}`,
  reporting_period: tag, targets: [{ id: 'births', value: { pass: births, total: births } }, { id: 'deliveries', value: { pass: 0, total: 0 } }],
});
const births = (body: { dataValues: { dataElement: string; orgUnit: string; value: unknown }[] }, orgUnit: string) =>
  Number(body.dataValues.find(row => row.dataElement === 'deBirths0001' && row.orgUnit === orgUnit)?.value);
// Noon of a day on the server's clock: the instant a CHT client sends as filters[date][from].
const noonOf = (day: string) => new Date(`${day}T12:00:00`).getTime();

describe('a Bikram Sambat deployment sending to a Nepali DHIS2, over HTTP', () => {
  let dhis2: Dhis2StandIn;
  let server: TestServer;
  const as = { headers: { authorization: basic('sender', 'secret-pass') } };
  const get = (params: Record<string, string | number>) => server.fetch(exportPath(params), as);

  before(async () => {
    dhis2 = await startDhis2StandIn({
      token: TOKEN, calendar: 'nepali', version: '2.41.4',
      metadata: dhis2Metadata(),
    });
    server = await startTestServer({
      dhis2: { url: new URL(dhis2.url), auth: { token: TOKEN }, timeoutMs: 2_000 },
      dhis2Calendar: { name: 'nepali', version: '2.41.4' },
    });
    await server.putDocs([
      bsSettings(), ...places,
      // Kartik 2083 (18 October – 16 November 2026) and the Gregorian October 2026 beside it.
      doc('2083-07', 'chw1', 3), doc('2083-07', 'chw2', 4), doc('2026-10', 'chw1', 50),
      doc('2083-08', 'chw1', 10), doc('2083-09', 'chw2', 20),
      doc('2081-02', 'chw1', 1),
    ]);
    await server.createUser('sender', 'secret-pass', ['dhis_exporter', 'dhis_sender']);
  });
  after(async () => {
    await server.stop();
    await dhis2.close();
  });

  it('exports a BS month from the docs its devices tag with it, named by its BS period id', async () => {
    const response = await get({ 'filters[dataSet]': DS, 'filters[period]': '208307' });
    assert.equal(response.status, 200);
    const body = await response.json();
    assert.equal(body.period, '208307');
    assert.equal(births(body, 'ouNorth0001'), 3);
    assert.equal(births(body, 'ouSouth0001'), 4);
    assert.equal(births(body, 'ouDistrict1'), 7);
    assert.equal(body.completeDate, undefined, 'a file of several org units carries no completeDate');
    const one = await (await get({ 'filters[dataSet]': DS, 'filters[period]': '208307', 'filters[orgUnit]': 'ouNorth0001' })).json();
    assert.equal(one.completeDate >= '2026-10-18', true, 'never before the BS month\'s first day');
    assert.match(response.headers.get('content-disposition')!, /dhis-dsMonthly01-208307\.json/);
  });

  it('finds the BS month of an instant as the devices tag it (filters[date][from])', async () => {
    const body = await (await get({ 'filters[dataSet]': DS, 'filters[date][from]': noonOf('2026-10-20') })).json();
    assert.equal(body.period, '208307');
    assert.equal(births(body, 'ouDistrict1'), 7);
  });

  it('sums a quarter of BS months, as DHIS2\'s Nepali calendar makes 2083Q3 Kartik – Poush', async () => {
    const body = await (await get({ 'filters[dataSet]': QUARTERLY, 'filters[period]': '2083Q3' })).json();
    assert.equal(body.period, '2083Q3');
    assert.equal(births(body, 'ouDistrict1'), 3 + 4 + 10 + 20);
  });

  it('names the BS period in every format: CSV and XML by its id, ADX by the Gregorian day a Nepali DHIS2 reads back', async () => {
    const period = { 'filters[dataSet]': DS, 'filters[period]': '208307' };
    const csv = await (await get({ ...period, 'options[format]': 'csv' })).text();
    assert.match(csv, /\ndeBirths0001,208307,ouNorth0001,/);
    const xml = await (await get({ ...period, 'options[format]': 'xml' })).text();
    assert.match(xml, /period="208307"/);
    // DHIS2 2.41.4's table starts Kartik 2083 on 17 October (bikram-sambat: the 18th): ADX names DHIS2's own first day.
    const adx = await (await get({ ...period, 'options[format]': 'adx' })).text();
    assert.match(adx, /period="2026-10-17\/P1M"/);
    assert.doesNotMatch(adx, /2026-10-01/);
  });

  it('refuses a period outside the BS years, saying which it takes', async () => {
    const response = await get({ 'filters[dataSet]': DS, 'filters[period]': '202610' });
    assert.equal(response.status, 400);
    assert.match((await response.json()).error, /Bikram Sambat.*"208307" for Kartik 2083.*2057 to 2090/);
  });

  it('warns in the preview when DHIS2\'s month table puts the month\'s days elsewhere', async () => {
    const jestha = await (await server.fetch(`/api/v2/export/dhis/preview?filters[dataSet]=${DS}&filters[period]=208102`, as)).json();
    const check = jestha.checks.find((item: { code: string }) => item.code === 'nepali-month-lengths');
    assert.ok(check, 'DHIS2 2.41.4 gives Jestha 2081 31 days, bikram-sambat 32');
    assert.deepEqual(check.ids, ['Jestha 2081']);
    const baisakh = await (await server.fetch(`/api/v2/export/dhis/preview?filters[dataSet]=${DS}&filters[period]=208101`, as)).json();
    assert.equal(baisakh.checks.some((item: { code: string }) => item.code === 'nepali-month-lengths'), false);
  });

  it('sends the BS period id after DHIS2 says it runs the Nepali calendar, and sends nothing when it does not', async () => {
    const sent = await server.fetch(`/api/v2/export/dhis/send?dryRun=true&filters[dataSet]=${DS}&filters[period]=208307`, { method: 'POST', ...as });
    assert.equal(sent.status, 200, await sent.clone().text());
    assert.equal(dhis2.received.at(-1)!.body.period, '208307');
    const received = dhis2.received.length;
    dhis2.options.calendar = 'iso8601';
    try {
      const refused = await server.fetch(`/api/v2/export/dhis/send?dryRun=true&filters[dataSet]=${DS}&filters[period]=208307`, { method: 'POST', ...as });
      assert.equal(refused.status, 409);
      assert.match((await refused.json()).error, /runs the "iso8601" calendar.*DHIS2_CALENDAR.*nothing was sent/);
      assert.equal(dhis2.received.length, received);
    } finally {
      dhis2.options.calendar = 'nepali';
    }
  });
});

describe('a Bikram Sambat deployment with a Gregorian DHIS2 (DHIS2_CALENDAR unset)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
    await server.putDocs([bsSettings({ month_start_date: 15 }), ...places, doc('2083-08', 'chw1', 5)]);
  });
  after(() => server.stop());

  it('refuses every export, saying why a BS month cannot be a Gregorian period and what to set', async () => {
    for (const path of [
      exportPath({ 'filters[dataSet]': DS, 'filters[period]': '208308' }),
      exportPath({ 'filters[dataSet]': DS, 'filters[date][from]': noonOf('2026-11-05') }),
      `/api/v2/export/dhis/preview?filters[dataSet]=${DS}&filters[period]=208308`,
    ]) {
      const response = await server.fetch(path);
      assert.equal(response.status, 409, path);
      const body = await response.json();
      assert.equal(body.code, 'calendar.mismatch');
      assert.match(body.error, /Bikram Sambat \(BS\) months.*iso8601.*not a Gregorian month.*DHIS2_CALENDAR=nepali/);
    }
  });
});
