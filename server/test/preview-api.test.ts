import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { basic, startTestServer, type TestServer } from './test-server';
import { LAST_MONTH, exportPath, lastMonthExport, places, settingsDoc, targetDoc } from './small-deployment';

const previewPath = (extra: Record<string, string> = {}) =>
  lastMonthExport(extra).replace('/api/v2/export/dhis?', '/api/v2/export/dhis/preview?');

describe('GET /api/v2/export/dhis/preview over HTTP', () => {
  let server: TestServer;
  const as = (user: string, headers: Record<string, string> = {}) => ({ headers: { authorization: basic(user, `${user}-password`), ...headers } });

  before(async () => {
    server = await startTestServer();
    await server.putDocs([
      settingsDoc({ roles: { chw: { name: 'usertype.chw', offline: true } } }),
      ...places, targetDoc(LAST_MONTH, 'chw1', 3, 1),
      { _id: 'org.couchdb.user:one', type: 'user-settings', name: 'one', contact_id: 'chw1', facility_id: 'hc1', roles: ['chw'] },
      { _id: 'org.couchdb.user:two', type: 'user-settings', name: 'two', contact_id: 'chw2', facility_id: 'hc2', roles: ['chw'] },
    ]);
    await server.createUser('exporter', 'exporter-password', ['dhis_exporter']);
    await server.createUser('chw', 'chw-password', ['chw']);
  });
  after(() => server.stop());

  it('answers JSON with the values the file holds, the coverage and the checks', async () => {
    const response = await server.fetch(previewPath(), as('exporter'));
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type')!, /^application\/json/);
    const preview = await response.json();
    const file = await (await server.fetch(lastMonthExport(), as('exporter'))).json();
    assert.deepEqual(
      preview.dataValues.map(({ dataElement, orgUnit, value }: Record<string, unknown>) => `${orgUnit}/${dataElement}=${value}`).sort(),
      file.dataValues.map(({ dataElement, orgUnit, value }: Record<string, unknown>) => `${orgUnit}/${dataElement}=${value}`).sort());
    assert.equal(preview.dataValues.find((row: { orgUnit: string }) => row.orgUnit === 'ouNorth0001').orgUnitName, 'North');
    const south = preview.coverage.find((row: { orgUnit: string }) => row.orgUnit === 'ouSouth0001');
    assert.deepEqual({ expected: south.expected, reported: south.reported }, { expected: 1, reported: 0 });
    assert.deepEqual(south.missingWorkers, [{ user: 'org.couchdb.user:two', name: 'two', lastUpdate: null }]);
    assert.ok(preview.checks.some((check: { code: string }) => check.code === 'nested-places'));
  });

  it('streams progress lines, then the preview, to a client that accepts NDJSON', async () => {
    const response = await server.fetch(previewPath(), as('exporter', { accept: 'application/x-ndjson' }));
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type')!, /^application\/x-ndjson/);
    const lines = (await response.text()).trim().split('\n').map(line => JSON.parse(line));
    assert.equal(lines[0].progress.docsRead, 0);
    assert.ok(lines.slice(0, -1).every(line => 'progress' in line));
    assert.equal(lines.at(-1).preview.period, LAST_MONTH.format('YYYYMM'));
  });

  it('refuses as the export does: 401, 403, and 400 with a message, streamed or not', async () => {
    assert.equal((await fetch(`${server.url}${previewPath()}`)).status, 401);
    assert.equal((await server.fetch(previewPath(), as('chw'))).status, 403);
    for (const accept of ['application/json', 'application/x-ndjson']) {
      const unknown = await server.fetch(exportPath({ 'filters[dataSet]': 'nope', 'filters[period]': '202610' }).replace('dhis?', 'dhis/preview?'), as('exporter', { accept }));
      assert.equal(unknown.status, 400);
      assert.match((await unknown.json()).error, /is not defined/);
      const badPeriod = await server.fetch(previewPath({ 'filters[period]': 'soon' }), as('exporter', { accept }));
      assert.equal(badPeriod.status, 400);
      const unmapped = await server.fetch(previewPath({ 'filters[orgUnit]': 'ouNowhere01' }), as('exporter', { accept }));
      assert.equal(unmapped.status, 400);
      assert.match((await unmapped.json()).error, /not mapped/);
    }
  });
});
