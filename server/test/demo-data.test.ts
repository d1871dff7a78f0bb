import assert from 'node:assert/strict';
import { rm, stat } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import moment from 'moment';
import { DEMO_DATA_SETS, DEMO_MISTAKES_DATA_SET, DEMO_TARGETS, demoContacts, demoTargetDocs } from '../src/demo/demo-deployment';
import { basic, startTestServer, type TestServer } from './test-server';

const NOW = new Date(2026, 10, 25, 10, 0, 0);

describe('the demo deployment', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ demoData: true }, { now: () => NOW });
  });
  after(() => server.stop());

  it('is written on first start with a program manager and a health worker', async () => {
    assert.equal(server.demoSeeded, true);
    assert.deepEqual(server.demoUsers.map(user => user.name), ['manager', 'chw1']);
    assert.equal((await stat(`${server.dataDir}/demo-users.json`)).mode & 0o777, 0o600);
  });

  it('has valid DHIS2 UIDs on every mapped place, data set, data element and option combo', () => {
    const orgUnits = demoContacts().flatMap(doc => [doc['dhis']].flat().filter(Boolean).map(entry => (entry as { orgUnit: string }).orgUnit));
    // the eighth is the first area's, mapped to its centre's org unit by mistake
    assert.equal(orgUnits.length, 8);
    const cleanTargets = DEMO_TARGETS.filter(({ dhis }) => (dhis as { dataSet?: string }).dataSet !== DEMO_MISTAKES_DATA_SET);
    const ids = [...orgUnits, ...DEMO_DATA_SETS.map(({ id }) => id), ...cleanTargets.flatMap(({ dhis }) => Object.values(dhis))];
    for (const id of ids) {
      assert.match(id, /^[A-Za-z][A-Za-z0-9]{10}$/);
    }
  });

  it('lets the manager send, and says whether sending is configured', async () => {
    const [manager] = server.demoUsers;
    const response = await fetch(`${server.url}/api/v2/export/dhis/send`, { headers: { authorization: basic(manager.name, manager.password) } });
    assert.equal(response.status, 200);
    const capabilities = await response.json();
    assert.equal(capabilities.maySend, true);
    assert.equal(capabilities.configured, false);
  });

  it('exports last month for the manager with the sums the generator wrote', async () => {
    const [manager, chw] = server.demoUsers;
    const lastMonth = moment(NOW).subtract(1, 'month').startOf('month');
    const url = `${server.url}/api/v2/export/dhis?filters[dataSet]=${DEMO_DATA_SETS[0].id}&filters[date][from]=${lastMonth.valueOf()}`;
    const response = await fetch(url, { headers: { authorization: basic(manager.name, manager.password) } });
    assert.equal(response.status, 200);
    const body = await response.json();
    const births = demoTargetDocs(NOW)
      // the health worker of the unmapped centre counts nowhere; the malformed doc is skipped
      .filter(doc => doc._id.startsWith(`target~${lastMonth.format('YYYY-MM')}~`) && doc['owner'] !== 'demo-chw-31' && Array.isArray(doc['targets']))
      .reduce((sum, doc) => sum + (doc['targets'] as Array<{ id: string; value: { total: number } }>)[0].value.total, 0);
    const centres = body.dataValues.filter((row: { dataElement: string }) => row.dataElement === 'kB0ZBFisE0e');
    // the health centres only: the district is mapped in the mistakes data set alone
    assert.equal(centres.length, 5);
    assert.equal(centres.reduce((sum: number, row: { value: string | number }) => sum + Number(row.value), 0), births);
    assert.ok(births > 0);
    assert.equal((await fetch(url, { headers: { authorization: basic(chw.name, chw.password) } })).status, 403);
  });

  it('maps the first data set without mistakes: last month\'s preview finds only what happens in the field', async () => {
    const lastMonth = await preview(DEMO_DATA_SETS[0].id, 1);
    assert.deepEqual(lastMonth.checks.map((check: { code: string }) => check.code), ['counted-nowhere', 'malformed-target-docs']);
  });

  it('gives the mistakes data set\'s preview every kind of check, and health workers missing and stale', async () => {
    assert.equal(DEMO_DATA_SETS[1].id, DEMO_MISTAKES_DATA_SET);
    const lastMonth = await preview(DEMO_MISTAKES_DATA_SET, 1);
    assert.deepEqual(lastMonth.checks.map((check: { code: string }) => check.code), [
      'invalid-uid', 'counted-nowhere', 'duplicate-data-element', 'shared-org-unit', 'nested-places',
      'percent-target', 'target-absent', 'malformed-target-docs', 'unusable-target-mapping', 'zero-values',
    ]);
    const nyalenda = lastMonth.coverage.find((row: { orgUnitName: string }) => row.orgUnitName === 'Nyalenda Health Centre');
    assert.deepEqual(nyalenda.missingWorkers.map((worker: { name: string }) => worker.name), ['Grace Anyango (chw7)', 'Hassan Were (chw8)', 'Irene Adhiambo (chw9)']);
    const manyatta = lastMonth.coverage.find((row: { orgUnitName: string }) => row.orgUnitName === 'Manyatta Health Centre');
    assert.deepEqual(manyatta.staleWorkers.map((worker: { name: string }) => worker.name), ['Mary Akoth (chw13)']);
    const beforeTheDemo = await preview(DEMO_DATA_SETS[0].id, 7);
    assert.equal(beforeTheDemo.checks[0].code, 'empty-period');
  });

  const preview = async (dataSet: string, months: number) => {
    const [manager] = server.demoUsers;
    const from = moment(NOW).subtract(months, 'month').startOf('month');
    const url = `${server.url}/api/v2/export/dhis/preview?filters[dataSet]=${dataSet}&filters[date][from]=${from.valueOf()}`;
    const response = await fetch(url, { headers: { authorization: basic(manager.name, manager.password) } });
    assert.equal(response.status, 200);
    return response.json();
  };

  it('is written once: a restart keeps the data and the passwords', async () => {
    await server.stop(true);
    const again = await startTestServer({ demoData: true }, { dataDir: server.dataDir, now: () => NOW });
    try {
      assert.equal(again.demoSeeded, false);
      assert.deepEqual(again.demoUsers, server.demoUsers);
    } finally {
      await again.stop();
      await rm(server.dataDir, { recursive: true, force: true });
      server = await startTestServer();
    }
  });
});
