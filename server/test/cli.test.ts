import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import moment from 'moment';
import { ADMIN, startTestServer, type TestServer } from './test-server';
import { DS, LAST_MONTH, exportPath, lastMonthExport, places, settingsDoc, targetDoc } from './small-deployment';
import { exportCli } from './cli-runner';


describe('npm run export', () => {
  let server: TestServer;
  let couchUrl: string;
  let outDir: string;
  const month = LAST_MONTH.format('YYYY-MM');

  before(async () => {
    server = await startTestServer();
    await server.putDocs([
      settingsDoc({ dhis_data_sets: [{ id: DS, translation_key: 'dataset.monthly' }, { id: 'dsQuarter01', periodType: 'Quarterly' }] }), ...places, targetDoc(LAST_MONTH, 'chw1', 3, 1), targetDoc(LAST_MONTH, 'chw2', 4, 2),
      // either side of a change of year, with different figures
      targetDoc(moment('2026-12-15'), 'chw1', 12, 1), targetDoc(moment('2027-01-15'), 'chw1', 1, 12),
    ]);
    couchUrl = `http://${ADMIN.user}:${ADMIN.password}@${new URL(server.url).host}/medic`;
    outDir = await mkdtemp(path.join(tmpdir(), 'cht-dhis-cli-'));
  });
  after(async () => {
    await server.stop();
    await rm(outDir, { recursive: true, force: true });
  });

  it('writes the same dataValueSet as the API', async () => {
    const out = path.join(outDir, 'export.json');
    const result = await exportCli(['--data-set', DS, '--month', month, '--out', out], { COUCH_URL: couchUrl });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /Wrote 6 data values/);
    const api = await (await server.fetch(lastMonthExport())).json();
    assert.deepEqual(JSON.parse(await readFile(out, 'utf8')), api);
    assert.deepEqual((await readdir(outDir)).filter(name => name.endsWith('.tmp')), [], 'no partial file is left');
  });

  it('prints to standard output, for one org unit, human readable', async () => {
    const result = await exportCli(['--data-set', DS, '--month', month, '--org-unit', 'ouNorth0001', '--human-readable'], { COUCH_URL: couchUrl });
    assert.equal(result.code, 0, result.stderr);
    const body = JSON.parse(result.stdout);
    assert.deepEqual(body.dataValues.map((row: { orgUnit: string; dataElement: string; value: number }) => `${row.orgUnit}/${row.dataElement}=${row.value}`),
      ['North/births=3', 'North/deliveries=1']);
  });

  it('exports the month written after --month, whatever the machine\'s time zone', async () => {
    const today = (zone: string) => new Date().toLocaleDateString('en-CA', { timeZone: zone });
    const expected = {
      '2026-12': { period: '202612', north: { births: 12, deliveries: 1 } },
      '2027-01': { period: '202701', north: { births: 1, deliveries: 12 } },
    };
    for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC']) {
      for (const [month, { period, north }] of Object.entries(expected)) {
        const before = today(zone);
        const result = await exportCli(['--data-set', DS, '--month', month, '--org-unit', 'ouNorth0001'], { COUCH_URL: couchUrl, TZ: zone });
        assert.equal(result.code, 0, result.stderr);
        const { completeDate, ...rest } = JSON.parse(result.stdout);
        assert.deepEqual(rest, {
          dataSet: DS, period, orgUnit: 'ouNorth0001',
          dataValues: [
            { dataElement: 'deBirths0001', orgUnit: 'ouNorth0001', value: String(north.births) },
            { dataElement: 'deDeliver001', categoryOptionCombo: 'coc00000001', orgUnit: 'ouNorth0001', value: String(north.deliveries) },
          ],
        }, `${zone} ${month}`);
        // the machine's date in that zone, never before the first day of the month
        const possible = [before, today(zone)].map(date => (date < `${month}-01` ? `${month}-01` : date));
        assert.ok(possible.includes(completeDate), `${zone} ${month}: completeDate ${completeDate}, expected ${possible.join(' or ')}`);
      }
    }
  });

  it('exports the DHIS2 period written after --period, as the API does', async () => {
    const quarter = await exportCli(['--data-set', 'dsQuarter01', '--period', '2026Q4', '--org-unit', 'ouNorth0001'], { COUCH_URL: couchUrl });
    assert.equal(quarter.code, 0, quarter.stderr);
    const api = await (await server.fetch(exportPath({ 'filters[dataSet]': 'dsQuarter01', 'filters[period]': '2026Q4', 'filters[orgUnit]': 'ouNorth0001' }))).json();
    assert.deepEqual(JSON.parse(quarter.stdout), api);
    assert.equal(api.period, '2026Q4');
    assert.ok(Number(api.dataValues[0].value) >= 12, 'December 2026 is in the quarter');
    const monthly = await exportCli(['--data-set', DS, '--period', LAST_MONTH.format('YYYYMM')], { COUCH_URL: couchUrl });
    assert.deepEqual(JSON.parse(monthly.stdout), await (await server.fetch(lastMonthExport())).json());
    const both = await exportCli(['--data-set', DS, '--period', '202610', '--month', '2026-10'], { COUCH_URL: couchUrl });
    assert.equal(both.code, 2);
    assert.match(both.stderr, /^Give --period or --month, not both/);
    const mismatch = await exportCli(['--data-set', 'dsQuarter01', '--month', '2026-10'], { COUCH_URL: couchUrl });
    assert.equal(mismatch.code, 2);
    assert.match(mismatch.stderr, /^dataSet "dsQuarter01" reports quarterly: ask for a Quarterly period such as "2026Q3", not monthly "202610"/);
    const bad = await exportCli(['--data-set', DS, '--period', '2026-10'], { COUCH_URL: couchUrl });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^filter "period" must be a DHIS2 period, YYYYMM, YYYYQn or YYYY/);
  });

  it('writes the format asked for, without zeros when asked to', async () => {
    const out = path.join(outDir, 'export.csv');
    const result = await exportCli(['--data-set', DS, '--month', month, '--format', 'csv', '--omit-zeros', '--out', out], { COUCH_URL: couchUrl });
    assert.equal(result.code, 0, result.stderr);
    const api = Buffer.from(await (await server.fetch(lastMonthExport({ 'options[format]': 'csv', 'options[omitZeros]': 'true' }))).arrayBuffer());
    assert.deepEqual(await readFile(out), api, 'the same bytes');
    const xml = await exportCli(['--data-set', DS, '--month', month, '--format', 'xml'], { COUCH_URL: couchUrl });
    assert.match(xml.stdout, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<dataValueSet xmlns="http:\/\/dhis2.org\/schema\/dxf\/2.0"/);
    const adx = await exportCli(['--data-set', DS, '--month', month, '--format', 'adx'], { COUCH_URL: couchUrl });
    assert.equal(adx.code, 0, adx.stderr);
    assert.match(adx.stdout, /<dataValue dataElement="deDeliver001" categoryOptionCombo="coc00000001" value="\d+"\/>/);
    const unknown = await exportCli(['--data-set', DS, '--month', month, '--format', 'pdf'], { COUCH_URL: couchUrl });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^option "format" must be one of json, csv, xml, adx; got "pdf"/);
    const folder = await mkdtemp(path.join(outDir, 'folder-'));
    const named = await exportCli(['--data-set', DS, '--month', month, '--format', 'xml', '--out', folder], { COUCH_URL: couchUrl });
    assert.match(named.stderr, new RegExp(`such as ${path.join(folder, `dhis-${DS}-${LAST_MONTH.format('YYYYMM')}.xml`)}`));
  });

  it('reads a stopped server\'s DATA_DIR', async () => {
    const stopped = await startTestServer();
    await stopped.putDocs([settingsDoc(), ...places, targetDoc(LAST_MONTH, 'chw1', 5)]);
    await stopped.stop(true);
    try {
      const result = await exportCli(['--data-set', DS, '--month', month], { DATA_DIR: stopped.dataDir, COUCH_URL: '' });
      assert.equal(result.code, 0, result.stderr);
      assert.equal(JSON.parse(result.stdout).dataValues[0].value, '5');
    } finally {
      await rm(stopped.dataDir, { recursive: true, force: true });
    }
  });

  it('says when DATA_DIR holds no database, and creates none', async () => {
    const missing = path.join(outDir, 'no-data');
    const result = await exportCli(['--data-set', DS, '--month', month], { DATA_DIR: missing, COUCH_URL: '' });
    assert.equal(result.code, 2);
    assert.match(result.stderr, new RegExp(`^There is no database in ${missing}: set DATA_DIR`));
    assert.doesNotMatch(result.stderr, /running server/);
    assert.ok(!(await readdir(outDir)).includes('no-data'));
  });

  it('says when COUCH_URL has a wrong password, with CouchDB\'s message, and exits 2', async () => {
    const wrong = couchUrl.replace(`:${ADMIN.password}@`, ':wrong@');
    const result = await exportCli(['--data-set', DS, '--month', month], { COUCH_URL: wrong });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /^http:\/\/admin@[^ ]+\/medic answered "unauthorized": Log in .+\. Check the user, password and database in COUCH_URL\.$/m);
    assert.doesNotMatch(result.stderr, /\[object Object\]|wrong/);
  });

  it('refuses a folder as --out, and leaves nothing behind', async () => {
    const folder = await mkdtemp(path.join(outDir, 'folder-'));
    const result = await exportCli(['--data-set', DS, '--month', month, '--out', folder], { COUCH_URL: couchUrl });
    assert.equal(result.code, 2);
    assert.equal(result.stderr, `--out ${folder} is a folder: name a file, such as ${path.join(folder, `dhis-${DS}-${LAST_MONTH.format('YYYYMM')}.json`)}\n`);
    assert.deepEqual((await readdir(outDir)).filter(name => name.endsWith('.tmp')), []);
  });

  it('refuses an option given twice, as the API does', async () => {
    const result = await exportCli(['--data-set', 'other', '--data-set', DS, '--month', month], { COUCH_URL: couchUrl });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^--data-set must be given once, not 2 times/);
    assert.equal(result.stdout, '');
  });

  it('says when DATA_DIR is held by a running server', async () => {
    const result = await exportCli(['--data-set', DS, '--month', month], { DATA_DIR: server.dataDir, COUCH_URL: '' });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /open in a running server: stop it first/);
  });

  it('exits non-zero with the API\'s messages', async () => {
    const unknown = await exportCli(['--data-set', 'nope', '--month', month], { COUCH_URL: couchUrl });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^dataSet "nope" is not defined/);
    const missing = await exportCli(['--month', month], { COUCH_URL: couchUrl });
    assert.match(missing.stderr, /^filter "dataSet" is required/);
    const out = path.join(outDir, 'nope.json');
    const unmapped = await exportCli(['--data-set', DS, '--month', month, '--org-unit', 'NOPE', '--out', out], { COUCH_URL: couchUrl });
    assert.equal(unmapped.code, 2);
    assert.match(unmapped.stderr, new RegExp(`^orgUnit NOPE is not mapped to data set ${DS}:`));
    assert.doesNotMatch(unmapped.stderr, /Wrote/);
    assert.ok(!(await readdir(outDir)).some(name => name.startsWith('nope.json')), 'no file is written');
    for (const written of ['June', '2026-13', '2026-00', '202610', '2026-1', '1899-12']) {
      const badMonth = await exportCli(['--data-set', DS, '--month', written], { COUCH_URL: couchUrl });
      assert.equal(badMonth.code, 2, written);
      assert.match(badMonth.stderr, new RegExp(`^--month must be a month such as \\d{4}-\\d{2}, got "${written}"`), written);
    }
    const unknownFlag = await exportCli(['--dataset', DS], { COUCH_URL: couchUrl });
    assert.equal(unknownFlag.code, 2);
    assert.match(unknownFlag.stderr, /Unknown option '--dataset'[\s\S]*Usage:/);
  });

  it('prints the checks and the sync coverage with --check, writes no file, and exits 1 when a check fired', async () => {
    const out = path.join(outDir, 'checked.json');
    const result = await exportCli(['--data-set', DS, '--month', month, '--check', '--out', out], { COUCH_URL: couchUrl });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, new RegExp(`^DHIS2 data set .*period ${LAST_MONTH.format('YYYYMM')}: 6 data values from 2 target docs \\(2 counted, 0 malformed\\)`));
    assert.match(result.stdout, /WARNING invalid-uid: .*\n {10}ids: deBirths0001, deDeliver001/);
    assert.match(result.stdout, /WARNING nested-places: /);
    assert.match(result.stdout, /Sync coverage: no health workers found/);
    assert.ok(!(await readdir(outDir)).includes('checked.json'), 'no file is written');
    const badInput = await exportCli(['--data-set', 'nope', '--month', month, '--check'], { COUCH_URL: couchUrl });
    assert.equal(badInput.code, 2);
    assert.match(badInput.stderr, /^dataSet "nope" is not defined/);
  });

  it('explains itself with --help', async () => {
    const result = await exportCli(['--help'], {});
    assert.equal(result.code, 0);
    assert.match(result.stdout, /--data-set ID[\s\S]*--period PERIOD[\s\S]*--month YYYY-MM[\s\S]*--org-unit ID[\s\S]*--human-readable[\s\S]*--format FORMAT[\s\S]*--omit-zeros[\s\S]*--out FILE[\s\S]*--check/);
  });
});
