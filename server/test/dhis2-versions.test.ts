import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import moment from 'moment';
import { startDhis2StandIn, type Dhis2StandIn } from './dhis2-stand-in';
import { DEFAULT_COC } from './dhis2-stand-in-import';
import type { ImportGroup } from './dhis2-stand-in-readers';
import { DHIS2_VERSIONS } from './dhis2-stand-in-versions';
import { basic, startTestServer, type TestServer } from './test-server';
import { DS, LAST_MONTH, exportPath, places, settingsDoc, targetDoc } from './small-deployment';

/**
 * Every file the export writes, posted to a stand-in that reads it as each DHIS2 version's import
 * code does (2.38 to 2.43), must import with the JSON export's values; and every send must answer
 * SUCCESS on a clean month. The CHT's own file shape is posted too, to show the stand-in fails where
 * DHIS2 would.
 */
const TOKEN = 'd2pat_versionsToken00000000000000000001';
const ORG_UNITS = ['ouDistrict1', 'ouNorth0001', 'ouSouth0001'];
const DATA_SETS = [
  { id: DS, period: LAST_MONTH.format('YYYYMM') },
  { id: 'dsQuarter01', periodType: 'Quarterly', period: `${LAST_MONTH.year()}Q${LAST_MONTH.quarter()}` },
  { id: 'dsYearly001', periodType: 'Yearly', period: String(LAST_MONTH.year()) },
];
const MEDIA_TYPES = { json: 'application/json', csv: 'application/csv', xml: 'application/xml', adx: 'application/adx+xml' } as const;

interface JsonFile { dataSet: string; period: string; dataValues: Record<string, string>[] }

/** A combo as the JSON names it: the default one (which ADX names) is no combo there. */
const combo = (id: string | undefined) => (id === DEFAULT_COC ? undefined : id);

/** The values as the stand-in read them, in the JSON export's terms. */
const valuesRead = (groups: ImportGroup[]) => groups.flatMap(group => group.rows.map(row => ({
  dataElement: row.dataElement, orgUnit: row.orgUnit ?? group.orgUnit, period: row.period ?? group.period,
  categoryOptionCombo: combo(row.categoryOptionCombo), attributeOptionCombo: combo(row.attributeOptionCombo ?? group.attributeOptionCombo),
  value: String(row.value),
})));

const valuesOf = ({ period, dataValues }: JsonFile) => dataValues.map(value => ({
  dataElement: value['dataElement'], orgUnit: value['orgUnit'], period,
  categoryOptionCombo: value['categoryOptionCombo'], attributeOptionCombo: value['attributeOptionCombo'], value: value['value'],
}));

describe('files and sends that DHIS2 2.38 to 2.43 accept (against the versioned stand-in)', () => {
  let dhis2: Dhis2StandIn;
  let server: TestServer;
  const auth = { authorization: basic('sender', 'secret-pass') };
  const download = async (params: Record<string, string>) => {
    const response = await server.fetch(exportPath(params), { headers: auth });
    assert.equal(response.status, 200, await response.clone().text());
    return response.text();
  };
  const postFile = async (version: string, format: keyof typeof MEDIA_TYPES, body: string, query = '') => {
    dhis2.options.version = version;
    dhis2.stored.clear();
    const response = await fetch(`${dhis2.url}/api/dataValueSets?dryRun=false${query}`, {
      method: 'POST', headers: { authorization: `ApiToken ${TOKEN}`, 'content-type': MEDIA_TYPES[format] }, body,
    });
    const answer = await response.json() as { status: string; response?: { status: string; importCount: { imported: number; ignored: number }; conflicts: { value: string; errorCode?: string }[] } };
    return { httpStatus: response.status, ...answer.response!, groups: dhis2.received.at(-1)!.groups };
  };

  before(async () => {
    dhis2 = await startDhis2StandIn({
      token: TOKEN,
      metadata: {
        orgUnits: ORG_UNITS,
        dataElements: { deBirths0001: [], deDeliver001: ['coc00000001'] },
        dataSets: Object.fromEntries(DATA_SETS.map(({ id }) => [id, { dataElements: ['deBirths0001', 'deDeliver001'], orgUnits: [...ORG_UNITS] }])),
      },
    });
    server = await startTestServer({ dhis2: { url: new URL(dhis2.url), auth: { token: TOKEN }, timeoutMs: 2_000 } });
    await server.putDocs([
      settingsDoc({
        dhis_data_sets: DATA_SETS.map(({ id, periodType }) => ({ id, translation_key: id, ...(periodType ? { periodType } : {}) })),
        permissions: { can_export_dhis: ['dhis_exporter'], can_send_dhis: ['dhis_sender'] },
      }),
      ...places,
      // Values a double writes with an exponent, and counts in the month before, for quarters and years.
      targetDoc(LAST_MONTH, 'chw1', 3, 1e-7), targetDoc(LAST_MONTH, 'chw2', 4e21, 2),
      targetDoc(LAST_MONTH.clone().subtract(1, 'month'), 'chw1', 5, 1),
    ]);
    await server.createUser('sender', 'secret-pass', ['dhis_exporter', 'dhis_sender']);
  });
  after(async () => {
    await server.stop();
    await dhis2.close();
  });
  beforeEach(() => {
    dhis2.options.metadata.dataSets[DS]!.orgUnits = [...ORG_UNITS];
  });

  for (const version of DHIS2_VERSIONS) {
    it(`${version}: imports every format, period type and place filter with the JSON export's values, SUCCESS`, async () => {
      for (const { id, period } of DATA_SETS) {
        for (const orgUnit of [undefined, 'ouNorth0001']) {
          const filters = { 'filters[dataSet]': id, 'filters[period]': period, ...(orgUnit ? { 'filters[orgUnit]': orgUnit } : {}) };
          const json = JSON.parse(await download(filters)) as JsonFile;
          const expected = valuesOf(json);
          assert.ok(expected.length > 0);
          for (const format of ['json', 'csv', 'xml', 'adx'] as const) {
            const file = format === 'json' ? JSON.stringify(json) : await download({ ...filters, 'options[format]': format });
            const what = `${version} ${format} ${period} ${orgUnit ?? 'all places'}`;
            const answer = await postFile(version, format, file, format === 'adx' ? '&idScheme=UID' : '');
            assert.deepEqual([answer.status, answer.httpStatus, answer.conflicts], ['SUCCESS', 200, []], what);
            assert.equal(answer.importCount.imported, expected.length, what);
            assert.deepEqual(valuesRead(answer.groups), expected, what);
          }
        }
      }
    });
  }

  it('writes plain decimals that DHIS2\'s number check takes', async () => {
    const json = JSON.parse(await download({ 'filters[dataSet]': DS, 'filters[period]': LAST_MONTH.format('YYYYMM') })) as JsonFile;
    // 4e21 + 3 is 4e21 in a double: the sum's own precision, written without an exponent.
    assert.deepEqual(json.dataValues.filter(({ orgUnit }) => orgUnit === 'ouDistrict1').map(({ value }) => value), ['4000000000000000000000', '2.0000001']);
  });

  it('fails where DHIS2 would: the CHT\'s own JSON (numbers, completeDate without an org unit)', async () => {
    const cht = JSON.stringify({
      dataSet: DS, completeDate: moment().format('YYYY-MM-DD'), period: LAST_MONTH.format('YYYYMM'),
      dataValues: [{ dataElement: 'deBirths0001', orgUnit: 'ouNorth0001', value: 3 }],
    });
    const at243 = await postFile('2.43', 'json', cht);
    assert.deepEqual([at243.status, at243.httpStatus], ['ERROR', 409]);
    assert.match(at243.conflicts[0]!.value, /does not contain an STRING but a\(n\) NUMBER/);
    const stringValues = cht.replace('"value":3', '"value":"3"');
    const e8009 = await postFile('2.43', 'json', stringValues);
    assert.deepEqual([e8009.status, e8009.conflicts[0]!.errorCode, e8009.importCount.imported], ['ERROR', 'E8009', 0]);
    for (const version of ['2.38', '2.40', '2.42']) {
      const warning = await postFile(version, 'json', cht);
      assert.deepEqual([warning.status, warning.httpStatus, warning.importCount.imported], ['WARNING', 409, 1], version);
      assert.equal(warning.conflicts[0]!.value, 'Must be provided to complete data set');
    }
  });

  it('fails where DHIS2 would: CSV with a byte order mark or CRLF in 2.43, ADX without idScheme=UID before 2.43 or without combos in 2.43', async () => {
    const csv = await download({ 'filters[dataSet]': DS, 'filters[period]': LAST_MONTH.format('YYYYMM'), 'options[format]': 'csv' });
    const rows = csv.split('\n').length - 2;
    assert.equal((await postFile('2.43', 'csv', `\ufeff${csv}`)).conflicts[0]!.errorCode, 'E8102');
    const crlf = await postFile('2.43', 'csv', csv.replace(/\n/g, '\r\n'));
    assert.equal(crlf.importCount.imported, 1, 'the empty "line" after the first row ends the file');
    assert.equal((await postFile('2.40', 'csv', `\ufeff${csv.replace(/\n/g, '\r\n')}`)).importCount.imported, rows, '2.40 skips the first row and reads by position');
    const adx = await download({ 'filters[dataSet]': DS, 'filters[period]': LAST_MONTH.format('YYYYMM'), 'options[format]': 'adx' });
    const byCode = await postFile('2.40', 'adx', adx);
    assert.deepEqual([byCode.status, byCode.conflicts[0]!.value], ['ERROR', `No data set matching code '${DS}'`]);
    assert.equal((await postFile('2.43', 'adx', adx)).status, 'SUCCESS', '2.43 reads ADX ids as UIDs');
    const withoutDefaults = adx.replace(/ (categoryOptionCombo|attributeOptionCombo)="HllvX50cXC0"/g, '');
    assert.equal((await postFile('2.43', 'adx', withoutDefaults)).conflicts[0]!.errorCode, 'E8108', '2.43 needs the default combo named');
    assert.equal((await postFile('2.40', 'adx', withoutDefaults, '&idScheme=UID')).status, 'SUCCESS');
  });

  for (const version of ['2.38', '2.40', '2.43']) {
    it(`${version}: a send of a clean month answers SUCCESS, and registers the data set complete when asked to`, async () => {
      dhis2.options.version = version;
      const period = LAST_MONTH.format('YYYYMM');
      const send = async (query: string) => {
        const response = await server.fetch(`/api/v2/export/dhis/send?filters[dataSet]=${DS}&filters[period]=${period}&${query}`, { method: 'POST', headers: auth });
        return { status: response.status, body: await response.json() as Record<string, unknown> & { completeness?: Record<string, unknown> } };
      };
      const plain = await send('dryRun=false');
      assert.equal(plain.status, 200);
      assert.deepEqual([plain.body['outcome'], (plain.body['dhis2'] as { status: string }).status], ['success', 'SUCCESS'], version);
      assert.equal(plain.body.completeness, undefined);
      assert.equal(dhis2.received.at(-1)!.body.completeDate, undefined, 'the values alone: completeness only when asked');
      assert.equal(typeof dhis2.received.at(-1)!.body.dataValues![0]!['value'], 'string');

      dhis2.completed.clear();
      const dry = await send('dryRun=true&options[completeDataSet]=true');
      assert.deepEqual(dry.body.completeness?.['outcome'], 'success');
      assert.deepEqual(dhis2.registrations.at(-1), { dryRun: true, body: { completeDataSetRegistrations: ORG_UNITS.map(organisationUnit =>
        ({ dataSet: DS, period, organisationUnit, date: moment().format('YYYY-MM-DD'), completed: true })) } });
      assert.equal(dhis2.completed.size, 0, 'a dry run registers nothing');

      const sent = await send('dryRun=false&options[completeDataSet]=true');
      assert.deepEqual(sent.body.completeness, {
        outcome: 'success', orgUnits: ORG_UNITS, httpStatus: 200, status: 'SUCCESS',
        counts: { imported: 3, updated: 0, ignored: 0, deleted: 0 }, conflicts: [],
      });
      assert.deepEqual([...dhis2.completed.keys()].sort(), ORG_UNITS.map(orgUnit => `${DS}/${period}/${orgUnit}`));
      const log = await (await server.fetch(`/api/v2/export/dhis/log?filters[dataSet]=${DS}&filters[period]=${period}`, { headers: auth })).json() as
        { records: { action: string; completeness?: unknown }[] };
      assert.deepEqual(log.records[0]!.completeness, { outcome: 'success', orgUnits: 3, status: 'SUCCESS', conflicts: 0, httpStatus: 200 });

      // Not every value accepted: the data set is not complete, and is not registered so.
      dhis2.options.metadata.dataSets[DS]!.orgUnits = ['ouNorth0001'];
      const partial = await send('dryRun=false&options[completeDataSet]=true');
      assert.equal(partial.body['outcome'], 'warning');
      assert.deepEqual(partial.body.completeness, { outcome: 'skipped', orgUnits: ORG_UNITS, reason: 'values-not-accepted' });
    });
  }
});
