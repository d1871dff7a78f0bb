import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startBareCouch } from './bare-couch';
import { startDhis2StandIn, type Dhis2StandIn } from './dhis2-stand-in';
import { TOKEN } from './scheduled-sends-scenario';
import { startServerProcess, type ServerProcess } from './server-process';
import { DS, LAST_MONTH, places, settingsDoc, targetDoc, dhis2Metadata } from './small-deployment';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Two real server processes with COUCH_URL on one CouchDB, started together with a run missed while
 * they were down (due on the 1st of this month, at 00:00 UTC): both catch it up at once, one sends.
 */
describe('two server processes on one CouchDB', () => {
  let couch: Awaited<ReturnType<typeof startBareCouch>>;
  let dhis2: Dhis2StandIn;
  let processes: ServerProcess[] = [];

  before(async () => {
    couch = await startBareCouch();
    dhis2 = await startDhis2StandIn({
      token: TOKEN,
      metadata: dhis2Metadata(),
    });
    // Slow enough that both are at it at once.
    dhis2.behaviour.delayMs = 500;
    const medic = couch.db('medic');
    await medic.bulkDocs([settingsDoc(), ...places, targetDoc(LAST_MONTH, 'chw1', 3, 1), targetDoc(LAST_MONTH, 'chw2', 4, 2)] as PouchDB.Core.PutDocument<object>[]);
    const now = new Date();
    const firstOfMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const at = new Date(firstOfMonth.getTime() - 60_000).toISOString();
    await couch.db('dhis-export-log').put({
      _id: 'schedule~two-processes', type: 'dhis-schedule', id: 'two-processes', dataSet: DS, dayOfMonth: 1, time: '00:00', timeZone: 'UTC',
      enabled: true, dryRunFirst: true, minCoverage: 0, sendAnywayAfterDays: 7, completeDataSet: false, resendChanges: 0,
      createdAt: at, createdBy: 'manager', updatedAt: at, updatedBy: 'manager', activeSince: at,
    });
  });
  after(async () => {
    await Promise.all(processes.map(server => server.stop()));
    await dhis2.close();
    await couch.stop();
  });

  it('send the missed run once', async () => {
    const env = { COUCH_URL: couch.url('medic'), DHIS2_URL: dhis2.url, DHIS2_TOKEN: TOKEN, DHIS2_TIMEOUT_MS: '5000' };
    processes = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    const states = async () => Promise.all(processes.map(async server =>
      ((await (await server.fetch('/api/v2/export/dhis/schedules')).json()) as { schedules: Array<{ lastRun?: { state: string } }> }).schedules[0]?.lastRun?.state));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && (await states()).some(state => state !== 'sent')) {
      await sleep(250);
    }
    assert.deepEqual(await states(), ['sent', 'sent'], 'both see it sent');
    // each process looks again at least once a minute; a look now would find it done
    await sleep(2_000);
    const imports = dhis2.received.filter(found => !found.dryRun);
    assert.deepEqual(imports.map(found => found.body.period), [LAST_MONTH.format('YYYYMM')]);
    assert.equal(dhis2.received.filter(found => found.dryRun).length, 1);
    assert.deepEqual(processes.map(server => server.exited()), [false, false]);
  });
});
