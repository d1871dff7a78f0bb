import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startDhis2StandIn, type Dhis2StandIn } from './dhis2-stand-in';
import { DEFAULT_COC, importMetadataOf, type StandInCatalogue } from './dhis2-stand-in-metadata';
import { basic, startTestServer, type TestServer } from './test-server';
import { DS, LAST_MONTH, places, settingsDoc, targetDoc } from './small-deployment';

const PERIOD = LAST_MONTH.format('YYYYMM');
const TOKEN = 'd2pat_standInToken0000000000000000002';
const selection = `filters[dataSet]=${DS}&filters[period]=${PERIOD}`;
const key = (orgUnit: string, dataElement: string, coc = DEFAULT_COC, period = PERIOD) => `${orgUnit}/${dataElement}/${coc}/${period}`;

/** DHIS2's side: North and the district assigned, South not, an East nobody maps; a data element nobody maps. */
const catalogue = (): StandInCatalogue => ({
  dataSets: {
    [DS]: {
      name: 'CHW monthly report',
      periodType: 'Monthly',
      openFuturePeriods: 1,
      dataSetElements: [{ dataElement: 'deBirths0001' }, { dataElement: 'deDeliver001' }, { dataElement: 'deVisits0001' }, { dataElement: 'deRefer0001' }],
      organisationUnits: ['ouDistrict1', 'ouNorth0001', 'ouEast00001'],
    },
  },
  dataElements: {
    deBirths0001: { name: 'Live births', valueType: 'INTEGER_ZERO_OR_POSITIVE' },
    deDeliver001: { name: 'Deliveries', valueType: 'INTEGER_ZERO_OR_POSITIVE', categoryCombo: 'ccPlace0001' },
    deVisits0001: { name: 'Home visits', valueType: 'NUMBER' },
    deRefer0001: { name: 'Referrals', valueType: 'INTEGER_ZERO_OR_POSITIVE' },
  },
  categoryCombos: { ccPlace0001: { coc00000001: 'Facility', coc00000002: 'Community' } },
  orgUnits: { ouDistrict1: 'Central District', ouNorth0001: 'North HC', ouSouth0001: 'South HC', ouEast00001: 'East HC' },
});

interface Row { orgUnit: string; dataElement: string; categoryOptionCombo?: string; now?: number; inDhis2?: string; change: string; deletes?: boolean }
interface Check { code: string; severity: string; count: number; values: number; items: { id: string; chtName?: string; dhis2Name?: string }[]; params: Record<string, unknown> }
interface Comparison {
  dataSet: { id: string; dhis2Name?: string }; dhis2: { host: string; version?: string }; complete: boolean;
  problems: { code: string; part: string; fields?: string[] }[]; counts?: Record<string, number>; values: Row[];
  names: { orgUnits: Record<string, { cht?: string; dhis2?: string }>; dataElements: Record<string, { cht?: string; dhis2?: string }> };
  checks: Check[]; reads: { requests: number; values: number };
}

const read = (row: Row) => `${row.change} ${row.orgUnit} ${row.dataElement}${row.categoryOptionCombo ? `/${row.categoryOptionCombo}` : ''} ${row.inDhis2 ?? '-'} → ${row.now ?? '-'}${row.deletes ? ' (deletes)' : ''}`;

describe('comparing with DHIS2 over HTTP (against the DHIS2 stand-in, 2.38 and 2.43)', () => {
  let dhis2: Dhis2StandIn;
  let server: TestServer;
  const as = (user: string) => ({ headers: { authorization: basic(user, 'secret-pass') } });
  const compare = async (query = selection, user = 'exporter') => {
    const response = await server.fetch(`/api/v2/export/dhis/compare?${query}`, as(user));
    assert.equal(response.status, 200, await response.clone().text());
    return await response.json() as Comparison;
  };
  const checkOf = (body: Comparison, code: string) => body.checks.find(check => check.code === code);

  before(async () => {
    const seeded = catalogue();
    dhis2 = await startDhis2StandIn({ token: TOKEN, metadata: importMetadataOf(seeded), catalogue: seeded });
    server = await startTestServer({ dhis2: { url: new URL(dhis2.url), auth: { token: TOKEN }, timeoutMs: 1_000 } }, { dhis2MetadataCacheMs: 0 });
    const settings = settingsDoc({ permissions: { can_export_dhis: ['dhis_exporter'] } }) as { settings: { tasks: { targets: { items: object[] } } } };
    settings.settings.tasks.targets.items.push({ id: 'visits', dhis: { dataElement: 'deVisits0001' } });
    await server.putDocs([settings, ...places, targetDoc(LAST_MONTH, 'chw1', 3, 1), targetDoc(LAST_MONTH, 'chw2', 4, 2)]);
    await server.createUser('exporter', 'secret-pass', ['dhis_exporter']);
    await server.createUser('nobody', 'secret-pass', ['chw']);
  });
  after(async () => {
    await server.stop();
    await dhis2.close();
  });
  beforeEach(() => {
    dhis2.options.catalogue = catalogue();
    dhis2.options.version = '2.40.2';
    dhis2.options.token = TOKEN;
    dhis2.behaviour.delayMs = undefined;
    dhis2.behaviour.failWith = undefined;
    dhis2.stored.clear();
    dhis2.stored.set(key('ouNorth0001', 'deBirths0001'), 3);
    dhis2.stored.set(key('ouDistrict1', 'deBirths0001'), 5);
    dhis2.stored.set(key('ouNorth0001', 'deVisits0001'), 12);
    dhis2.stored.set(key('ouNorth0001', 'deRefer0001'), 2);
    dhis2.stored.set(key('ouNorth0001', 'deBirths0001', DEFAULT_COC, '202001'), 99);
  });

  for (const version of ['2.38.7', '2.43.1']) {
    it(`shows each kind of change, before → after, with DHIS2's names (DHIS2 ${version})`, async () => {
      dhis2.options.version = version;
      const body = await compare();
      assert.equal(body.dhis2.version, version);
      assert.equal(body.dhis2.host, new URL(dhis2.url).host);
      assert.equal(body.dataSet.dhis2Name, 'CHW monthly report');
      assert.deepEqual(body.counts, { zeroing: 1, changed: 1, new: 4, onlyInDhis2: 1, unchanged: 3 });
      assert.deepEqual(body.values.filter(row => row.change !== 'unchanged').map(read), [
        'zeroing ouNorth0001 deVisits0001 12 → 0 (deletes)',
        'changed ouDistrict1 deBirths0001 5 → 7',
        'new ouDistrict1 deDeliver001/coc00000001 - → 3',
        'new ouNorth0001 deDeliver001/coc00000001 - → 1',
        'new ouSouth0001 deBirths0001 - → 4',
        'new ouSouth0001 deDeliver001/coc00000001 - → 2',
        `onlyInDhis2 ouNorth0001 deRefer0001 2 → -`,
      ]);
      assert.deepEqual(body.names.orgUnits['ouNorth0001'], { cht: 'North', dhis2: 'North HC' });
      assert.deepEqual(body.names.dataElements['deBirths0001'], { cht: 'births', dhis2: 'Live births' });
      assert.equal(body.complete, true);
      assert.deepEqual(body.problems, []);
      assert.equal(body.reads.requests, 3, 'system info, the data set, one batch of values');
    });
  }

  it('reads 2.43\'s group-level period and org unit (one org unit asked for)', async () => {
    dhis2.options.version = '2.43.1';
    const body = await compare(`${selection}&filters[orgUnit]=ouNorth0001`);
    assert.deepEqual(body.values.map(read), [
      'zeroing ouNorth0001 deVisits0001 12 → 0 (deletes)',
      'new ouNorth0001 deDeliver001/coc00000001 - → 1',
      'onlyInDhis2 ouNorth0001 deRefer0001 2 → -',
      'unchanged ouNorth0001 deBirths0001 3 → 3',
    ]);
    assert.equal(checkOf(body, 'dhis2-unmapped')?.params['kind'], 'dataElements', 'org units are a gap only when all places are compared');
  });

  for (const version of ['2.38.7', '2.43.1']) {
    it(`checks the mapping against DHIS2's metadata: assignment, unmapped org units and data elements (DHIS2 ${version})`, async () => {
      dhis2.options.version = version;
      const body = await compare();
      const notAssigned = checkOf(body, 'dhis2-org-unit-not-assigned')!;
      assert.equal(notAssigned.severity, 'error');
      assert.deepEqual(notAssigned.items, [{ id: 'ouSouth0001', chtName: 'South' }]);
      assert.equal(notAssigned.values, 3);
      const unmapped = body.checks.filter(check => check.code === 'dhis2-unmapped');
      assert.deepEqual(unmapped.map(check => [check.params['kind'], check.items.map(item => `${item.id} ${item.dhis2Name}`)]), [
        ['orgUnits', ['ouEast00001 East HC']],
        ['dataElements', ['deRefer0001 Referrals']],
      ]);
      assert.equal(checkOf(body, 'dhis2-period-closed'), undefined);
    });

    it(`checks data elements outside the data set, unknown option combos and value types (DHIS2 ${version})`, async () => {
      dhis2.options.version = version;
      const seeded = dhis2.options.catalogue!;
      seeded.dataSets[DS]!.dataSetElements = seeded.dataSets[DS]!.dataSetElements.filter(({ dataElement }) => dataElement !== 'deBirths0001');
      seeded.categoryCombos = { ccPlace0001: { coc00000002: 'Community' } };
      seeded.dataElements['deVisits0001']!.valueType = 'INTEGER_POSITIVE';
      const body = await compare();
      const outside = checkOf(body, 'dhis2-data-element-not-in-data-set')!;
      assert.deepEqual(outside.items, [{ id: 'deBirths0001', chtName: 'births' }]);
      assert.equal(outside.values, 3);
      const combos = checkOf(body, 'dhis2-option-combo-unknown')!;
      assert.deepEqual(combos.items, [{ id: 'coc00000001', chtName: 'deliveries', dhis2Name: 'Deliveries' }]);
      const valueType = checkOf(body, 'dhis2-value-type')!;
      assert.deepEqual(valueType.params, { valueType: 'INTEGER_POSITIVE', example: 0, reason: 'value_not_positive_integer' });
      assert.deepEqual(valueType.items.map(item => item.id), ['deVisits0001']);
    });
  }

  it('checks the period type and when DHIS2 opens and closes periods (input periods, expiry days, future periods)', async () => {
    const set = dhis2.options.catalogue!.dataSets[DS]!;
    set.periodType = 'Quarterly';
    assert.deepEqual(checkOf(await compare(), 'dhis2-period-type')?.params, { dhis2PeriodType: 'Quarterly', chtPeriodType: 'Monthly' });
    set.periodType = 'Monthly';

    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    set.dataInputPeriods = [{ period: PERIOD, openingDate: `${LAST_MONTH.format('YYYY-MM')}-01T00:00:00.000`, closingDate: `${yesterday}T00:00:00.000` }];
    const closed = checkOf(await compare(), 'dhis2-period-closed')!;
    assert.equal(closed.params['reason'], 'dataInputPeriods');
    assert.equal(closed.params['closingDate'], `${yesterday}T00:00:00.000`);
    set.dataInputPeriods = [];

    set.expiryDays = 5;
    const old = LAST_MONTH.clone().subtract(3, 'months');
    const expired = checkOf(await compare(`filters[dataSet]=${DS}&filters[period]=${old.format('YYYYMM')}`), 'dhis2-period-closed')!;
    assert.equal(expired.params['reason'], 'expiryDays');
    assert.equal(expired.params['closedOn'], old.clone().endOf('month').add(5, 'days').format('YYYY-MM-DD'));
    dhis2.options.version = '2.43.0';
    const expired243 = checkOf(await compare(`filters[dataSet]=${DS}&filters[period]=${old.format('YYYYMM')}`), 'dhis2-period-closed')!;
    assert.equal(expired243.params['closedOn'], old.clone().endOf('month').add(6, 'days').format('YYYY-MM-DD'), '2.43 counts the last day in full');
    set.expiryDays = 0;

    set.openFuturePeriods = 0;
    const thisMonth = LAST_MONTH.clone().add(1, 'month');
    const future = checkOf(await compare(`filters[dataSet]=${DS}&filters[period]=${thisMonth.format('YYYYMM')}`), 'dhis2-period-closed')!;
    assert.deepEqual([future.params['reason'], future.params['opensOn']], ['openFuturePeriods', thisMonth.clone().add(1, 'month').format('YYYY-MM-DD')]);
  });

  it('says what an older DHIS2 did not give, and still compares', async () => {
    dhis2.options.catalogue!.unknownFields = ['dataInputPeriods', 'openFuturePeriods'];
    const body = await compare();
    assert.deepEqual(body.problems.map(problem => [problem.code, problem.fields]), [['dhis2-fields-missing', ['openFuturePeriods', 'dataInputPeriods']]]);
    assert.equal(body.complete, false);
    assert.equal(body.counts?.zeroing, 1);
  });

  it('says so, with a code and no 5xx, when DHIS2 refuses the token, fails, is slow or lacks the data set', async () => {
    dhis2.options.token = 'another-token';
    let body = await compare();
    assert.deepEqual(body.problems.map(problem => `${problem.code} ${problem.part}`), ['dhis2-credentials system']);
    assert.equal(body.counts, undefined);
    assert.deepEqual(body.values, []);
    dhis2.options.token = TOKEN;
    dhis2.behaviour.failWith = 503;
    assert.deepEqual((await compare()).problems.map(problem => problem.code), ['dhis2-failed']);
    dhis2.behaviour.failWith = undefined;
    dhis2.behaviour.delayMs = 1_500;
    assert.deepEqual((await compare()).problems.map(problem => problem.code), ['dhis2-timeout']);
    dhis2.behaviour.delayMs = undefined;
    delete dhis2.options.catalogue!.dataSets[DS];
    body = await compare();
    assert.deepEqual(body.problems.map(problem => `${problem.code} ${problem.part}`), ['dhis2-not-found metadata']);
  });

  it('answers 401, 403 and 400 as a dry run does', async () => {
    assert.equal((await fetch(`${server.url}/api/v2/export/dhis/compare?${selection}`)).status, 401);
    assert.equal((await server.fetch(`/api/v2/export/dhis/compare?${selection}`, as('nobody'))).status, 403);
    for (const query of ['filters[period]=202601', `${selection}&options[humanReadable]=true`, `${selection}&dryRun=true`, `filters[dataSet]=${DS}&filters[period]=2026Q1`]) {
      const response = await server.fetch(`/api/v2/export/dhis/compare?${query}`, as('exporter'));
      assert.equal(response.status, 400, query);
      const { code } = await response.json() as { code: number | string };
      assert.equal(code, query.includes('dryRun') ? 'parameter.unknown' : 400, query);
    }
  });
});

describe('comparing with DHIS2 when it is not configured, or cannot be reached', () => {
  let unconfigured: TestServer;
  let unreachable: TestServer;
  before(async () => {
    unconfigured = await startTestServer();
    unreachable = await startTestServer({ dhis2: { url: new URL('http://127.0.0.1:9'), auth: { token: TOKEN }, timeoutMs: 1_000 } });
    for (const server of [unconfigured, unreachable]) {
      await server.putDocs([settingsDoc(), ...places]);
    }
  });
  after(async () => {
    await unconfigured.stop();
    await unreachable.stop();
  });

  it('answers 409 with how to enable sending, or says DHIS2 is unreachable', async () => {
    const response = await unconfigured.fetch(`/api/v2/export/dhis/compare?${selection}`);
    assert.equal(response.status, 409);
    assert.match((await response.json() as { error: string }).error, /not configured/);
    const body = await (await unreachable.fetch(`/api/v2/export/dhis/compare?${selection}`)).json() as Comparison;
    assert.deepEqual(body.problems.map(problem => problem.code), ['dhis2-unreachable']);
  });
});
