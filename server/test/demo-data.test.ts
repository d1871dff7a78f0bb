import assert from 'node:assert/strict';
import { rm, stat } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import moment from 'moment';
import { DEMO_DATA_SETS, demoContacts, demoTargetDocs } from '../src/demo/demo-deployment';
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

  it('has valid DHIS2 UIDs on every mapped place', () => {
    const orgUnits = demoContacts().flatMap(doc => [doc['dhis']].flat().filter(Boolean).map(entry => (entry as { orgUnit: string }).orgUnit));
    assert.equal(orgUnits.length, 7);
    for (const orgUnit of orgUnits) {
      assert.match(orgUnit, /^[A-Za-z][A-Za-z0-9]{10}$/);
    }
  });

  it('exports last month for the manager with the sums the generator wrote', async () => {
    const [manager, chw] = server.demoUsers;
    const lastMonth = moment(NOW).subtract(1, 'month').startOf('month');
    const url = `${server.url}/api/v2/export/dhis?filters[dataSet]=${DEMO_DATA_SETS[0].id}&filters[date][from]=${lastMonth.valueOf()}`;
    const response = await fetch(url, { headers: { authorization: basic(manager.name, manager.password) } });
    assert.equal(response.status, 200);
    const body = await response.json();
    const births = demoTargetDocs(NOW)
      .filter(doc => doc._id.startsWith(`target~${lastMonth.format('YYYY-MM')}~`))
      .reduce((sum, doc) => sum + (doc['targets'] as Array<{ id: string; value: { total: number } }>)[0].value.total, 0);
    const district = body.dataValues.find((row: { orgUnit: string; dataElement: string }) => row.orgUnit === 'O6uvpzGd5pu' && row.dataElement === 'kB0ZBFisE0e');
    assert.equal(district.value, births);
    assert.ok(births > 0);
    assert.equal((await fetch(url, { headers: { authorization: basic(chw.name, chw.password) } })).status, 403);
  });

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
