import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import moment from 'moment';
import { basic, type TestServer } from './test-server';
import { DS, LAST_MONTH, exportPath, lastMonthExport, targetDoc, startExportApiServer } from './small-deployment';

describe('GET /api/v2/export/dhis over HTTP: periods and formats', () => {
  let server: TestServer;
  const as = (user: string) => ({ headers: { authorization: basic(user, `${user}-password`) } });

  before(async () => {
    server = await startExportApiServer();
  });
  after(() => server.stop());

  it('exports the month of filters[period], and of filters[date][from] on the server\'s clock', async () => {
    const monthBefore = LAST_MONTH.clone().subtract(1, 'month');
    await server.putDocs([targetDoc(monthBefore, 'chw1', 30)]);
    const exported = async (params: Record<string, string | number>) => {
      const response = await server.fetch(exportPath({ 'filters[dataSet]': DS, 'filters[orgUnit]': 'ouNorth0001', ...params }), as('exporter'));
      assert.equal(response.status, 200);
      const { period, dataValues } = await response.json();
      return { period, births: Number(dataValues[0].value), file: /filename="(.*)"/.exec(response.headers.get('content-disposition')!)![1] };
    };
    const last = { period: LAST_MONTH.format('YYYYMM'), births: 3, file: `dhis-${DS}-${LAST_MONTH.format('YYYYMM')}-ouNorth0001.json` };
    const before = { period: monthBefore.format('YYYYMM'), births: 30, file: `dhis-${DS}-${monthBefore.format('YYYYMM')}-ouNorth0001.json` };
    assert.deepEqual(await exported({ 'filters[period]': LAST_MONTH.format('YYYYMM') }), last);
    assert.deepEqual(await exported({ 'filters[period]': monthBefore.format('YYYYMM') }), before);
    // the last millisecond of the month before, on the server's clock
    assert.deepEqual(await exported({ 'filters[date][from]': LAST_MONTH.valueOf() - 1 }), before);
    assert.deepEqual(await exported({ 'filters[date][from]': LAST_MONTH.valueOf() }), last);
    assert.deepEqual(await exported({ 'filters[period]': monthBefore.format('YYYYMM'), 'filters[date][from]': LAST_MONTH.valueOf() }), before,
      'filters[period] decides when both are given');
  });

  it('exports quarters and years of the data sets that report them', async () => {
    await server.putDocs(['2025-03', '2025-04', '2025-05', '2025-06', '2025-07'].map((month, i) => targetDoc(moment(`${month}-15`), 'chw1', 10 ** i)));
    const exported = async (dataSet: string, params: Record<string, string | number>) => {
      const response = await server.fetch(exportPath({ 'filters[dataSet]': dataSet, 'filters[orgUnit]': 'ouNorth0001', ...params }), as('exporter'));
      const body = await response.json();
      assert.equal(response.status, 200, body.error);
      return { period: body.period, births: Number(body.dataValues[0].value), file: /filename="(.*)"/.exec(response.headers.get('content-disposition')!)![1] };
    };
    assert.deepEqual(await exported('dsQuarter01', { 'filters[period]': '2025Q2' }), { period: '2025Q2', births: 1110, file: 'dhis-dsQuarter01-2025Q2-ouNorth0001.json' });
    assert.deepEqual(await exported('dsQuarter01', { 'filters[date][from]': new Date(2025, 4, 15).valueOf() }),
      { period: '2025Q2', births: 1110, file: 'dhis-dsQuarter01-2025Q2-ouNorth0001.json' });
    assert.deepEqual(await exported('dsYearly001', { 'filters[period]': '2025' }), { period: '2025', births: 11111, file: 'dhis-dsYearly001-2025-ouNorth0001.json' });
  });

  it('answers 400 for a period of another type than the data set\'s, and for a period type it does not know', async () => {
    const refused = async (dataSet: string, period: string) => {
      const response = await server.fetch(exportPath({ 'filters[dataSet]': dataSet, 'filters[period]': period }), as('exporter'));
      assert.equal(response.status, 400);
      return (await response.json()).error;
    };
    assert.equal(await refused('dsQuarter01', '202505'), 'dataSet "dsQuarter01" reports quarterly: ask for a Quarterly period such as "2026Q3", not monthly "202505"');
    assert.match(await refused(DS, '2025Q2'), /reports monthly: ask for a Monthly period such as "202610", not quarterly "2025Q2"/);
    assert.match(await refused('dsWeekly001', '2025W20'), /"period" must be a DHIS2 period/);
    assert.match(await refused('dsWeekly001', '202505'), /^dataSet "dsWeekly001" has periodType "Weekly", which this export does not know: set "periodType" in "dhis_data_sets" to "Monthly" \(the default\), "Quarterly" or "Yearly"$/);
  });

  it('answers JSON as before when no format or json is asked for', async () => {
    for (const extra of [{}, { 'options[format]': 'json' }] as Array<Record<string, string>>) {
      const response = await server.fetch(lastMonthExport(extra), as('exporter'));
      assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
      const text = await response.text();
      assert.equal(text, JSON.stringify(JSON.parse(text)), 'compact JSON, as res.json wrote it');
    }
  });

  it('writes CSV and XML with the JSON export\'s values, file names and media types to match', async () => {
    const period = LAST_MONTH.format('YYYYMM');
    const json = await (await server.fetch(lastMonthExport(), as('exporter'))).json();
    const expected = json.dataValues;

    const csv = await server.fetch(lastMonthExport({ 'options[format]': 'csv' }), as('exporter'));
    assert.equal(csv.status, 200);
    assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8; header=present');
    assert.equal(csv.headers.get('content-disposition'), `attachment; filename="dhis-${DS}-${period}.csv"`);
    const [header, ...rows]: string[][] = parseCsv(await csv.text());
    assert.deepEqual(header.slice(0, 6), ['dataElement', 'period', 'orgUnit', 'categoryOptionCombo', 'attributeOptionCombo', 'value']);
    assert.deepEqual(rows.map(([dataElement, rowPeriod, orgUnit, coc, , value]) =>
      ({ dataElement, ...(coc ? { categoryOptionCombo: coc } : {}), orgUnit, value, rowPeriod })), expected.map((value: object) => ({ ...value, rowPeriod: period })));

    const xml = await server.fetch(lastMonthExport({ 'options[format]': 'xml' }), as('exporter'));
    assert.equal(xml.headers.get('content-type'), 'application/xml; charset=utf-8');
    assert.equal(xml.headers.get('content-disposition'), `attachment; filename="dhis-${DS}-${period}.xml"`);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: name => name === 'dataValue' }).parse(await xml.text());
    const { dataValue, xmlns, ...attributes } = parsed.dataValueSet;
    assert.equal(xmlns, 'http://dhis2.org/schema/dxf/2.0');
    assert.deepEqual(attributes, { dataSet: json.dataSet, period });
    assert.deepEqual(dataValue, expected);
  });

  it('leaves out zeros when asked to', async () => {
    const response = await server.fetch(lastMonthExport({ 'options[omitZeros]': 'true' }), as('exporter'));
    const all = await (await server.fetch(lastMonthExport(), as('exporter'))).json();
    const omitted = await response.json();
    assert.deepEqual(omitted.dataValues, all.dataValues.filter(({ value }: { value: string }) => value !== '0'));
  });

  it('writes ADX with option combos, and answers 400 for an unknown format', async () => {
    const adx = await server.fetch(lastMonthExport({ 'options[format]': 'adx' }), as('exporter'));
    assert.equal(adx.status, 200);
    assert.match(await adx.text(), /<dataValue dataElement="deDeliver001" categoryOptionCombo="coc00000001" value="\d+"\/>/);
    const xlsx = await server.fetch(lastMonthExport({ 'options[format]': 'xlsx' }), as('exporter'));
    assert.equal(xlsx.status, 400);
    assert.equal((await xlsx.json()).error, 'option "format" must be one of json, csv, xml, adx; got "xlsx"');
  });
});
