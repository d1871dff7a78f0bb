import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import PouchDB from 'pouchdb';
import { ContactIndex } from '../src/sources/contact-index';
import { PouchExportSource } from '../src/sources/pouch-export-source';
import { pouchSendLeases } from '../src/export-log/send-lease';
import { pouchExportLog } from '../src/export-log/export-log';
import { silentLog } from '../src/logging/log';
import { openSchedules, type OpenedSchedules } from '../src/schedules/open-schedules';
import { startDhis2StandIn, type Dhis2StandIn } from './dhis2-stand-in';
import { memoryMedic } from './memory-db';
import { month, TOKEN } from './scheduled-sends-scenario';
import { DS, places, settingsDoc, targetDoc, dhis2Metadata } from './small-deployment';

const OCTOBER = month('2026-10');

/**
 * Two servers sharing one database, as two processes behind a load balancer share a CouchDB: each
 * has its own scheduler, send leases (the manual send's) and DHIS2 connection; only the database is common. (Two
 * processes cannot open one embedded LevelDB; in one process, two schedulers over one database
 * meet exactly the revision checks two processes meet over CouchDB.)
 */
describe('two servers on one database', () => {
  let dhis2: Dhis2StandIn;
  let logDb: PouchDB.Database;
  const servers: OpenedSchedules[] = [];
  let clock = new Date('2026-11-04T00:00:00Z');

  before(async () => {
    dhis2 = await startDhis2StandIn({
      token: TOKEN,
      metadata: dhis2Metadata(),
    });
    // Slow enough that both servers are at it at once.
    dhis2.behaviour.delayMs = 300;
    const medic = await memoryMedic([settingsDoc(), ...places, targetDoc(OCTOBER, 'chw1', 3, 1), targetDoc(OCTOBER, 'chw2', 4, 2)]);
    logDb = new PouchDB(`dhis-export-log-${randomUUID()}`, { adapter: 'memory' });
    for (let i = 0; i < 2; i++) {
      const source = new PouchExportSource(medic, new ContactIndex(medic));
      servers.push(openSchedules({ db: logDb, exportLog: pouchExportLog(logDb), leases: pouchSendLeases(logDb), source, clock: { now: () => new Date(clock) }, log: silentLog,
        dhis2: { url: new URL(dhis2.url), auth: { token: TOKEN }, timeoutMs: 5_000 } }));
    }
  });
  after(async () => {
    await Promise.all(servers.map(server => server.stop()));
    await logDb.destroy();
    await dhis2.close();
  });

  it('send a scheduled run once, whichever looks first, and both see it done', async () => {
    const [first, second] = servers as [OpenedSchedules, OpenedSchedules];
    await first.store.create({ dataSet: DS, dayOfMonth: 5, time: '06:00', timeZone: 'UTC', enabled: true, dryRunFirst: true,
      minCoverage: 0, sendAnywayAfterDays: 7, completeDataSet: false, resendChanges: 0 }, 'manager', clock);
    clock = new Date('2026-11-05T06:00:00Z');
    await Promise.all([first.scheduler.runDue(), second.scheduler.runDue()]);
    clock = new Date('2026-11-05T06:02:00Z');
    await Promise.all([first.scheduler.runDue(), second.scheduler.runDue()]);
    clock = new Date('2026-11-06T06:00:00Z');
    await Promise.all([second.scheduler.runDue(), first.scheduler.runDue()]);
    const imports = dhis2.received.filter(found => !found.dryRun);
    assert.deepEqual(imports.map(found => found.body.period), ['202610']);
    assert.equal(dhis2.received.filter(found => found.dryRun).length, 1, 'one dry run too');
    const status = (await first.store.statuses()).values().next().value;
    assert.equal(status?.lastRun?.state, 'sent');
  });
});
