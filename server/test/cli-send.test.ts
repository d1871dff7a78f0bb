import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import PouchDB from 'pouchdb';
import { startDhis2StandIn, type Dhis2StandIn } from './dhis2-stand-in';
import { ADMIN, startTestServer, type TestServer } from './test-server';
import { DS, LAST_MONTH, places, settingsDoc, targetDoc } from './small-deployment';
import { exportCli } from './cli-runner';


describe('npm run export -- --send', () => {
  let server: TestServer;
  let couchUrl: string;
  let dhis2: Dhis2StandIn;
  let env: Record<string, string>;
  const month = LAST_MONTH.format('YYYY-MM');

  before(async () => {
    dhis2 = await startDhis2StandIn({
      token: 'd2pat_cli',
      metadata: {
        orgUnits: ['ouDistrict1', 'ouNorth0001'],
        dataElements: { deBirths0001: [], deDeliver001: ['coc00000001'] },
        dataSets: { [DS]: { dataElements: ['deBirths0001', 'deDeliver001'], orgUnits: ['ouNorth0001'] } },
      },
    });
    server = await startTestServer();
    await server.putDocs([settingsDoc(), ...places, targetDoc(LAST_MONTH, 'chw1', 3, 1), targetDoc(LAST_MONTH, 'chw2', 4, 2)]);
    couchUrl = `http://${ADMIN.user}:${ADMIN.password}@${new URL(server.url).host}/medic`;
    env = { COUCH_URL: couchUrl, DHIS2_URL: dhis2.url, DHIS2_TOKEN: 'd2pat_cli' };
  });
  after(async () => {
    await server.stop();
    await dhis2.close();
  });

  it('dry-runs, prints the conflicts in words, and exits 3', async () => {
    const result = await exportCli(['--data-set', DS, '--month', month, '--send', '--dry-run'], env);
    assert.equal(result.code, 3, result.stderr);
    assert.equal(JSON.parse(result.stdout).outcome, 'warning');
    assert.match(result.stderr, /South \(ouSouth0001\), every target: DHIS2 does not know this organisation unit.*E7612/);
    assert.equal(dhis2.received.at(-1)!.dryRun, true);
  });

  it('sends, exits 0 when every value is accepted, and records the send', async () => {
    const stopped = await startTestServer();
    await stopped.putDocs([settingsDoc(), ...places, targetDoc(LAST_MONTH, 'chw1', 3, 1)]);
    await stopped.stop(true);
    try {
      const result = await exportCli(['--data-set', DS, '--month', month, '--org-unit', 'ouNorth0001', '--send', '--complete'],
        { ...env, COUCH_URL: '', DATA_DIR: stopped.dataDir });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /DHIS2 accepted all 2 values: 2 imported/);
      assert.equal(JSON.parse(result.stdout).completeness.outcome, 'success', 'and marked the data set complete');
      assert.deepEqual([...dhis2.completed.keys()], [`${DS}/${LAST_MONTH.format('YYYYMM')}/ouNorth0001`]);
      const log = new PouchDB(path.join(stopped.dataDir, 'db', 'dhis-export-log'));
      const { rows } = await log.allDocs<{ action: string; user: string }>({ include_docs: true, startkey: 'event~', endkey: 'event~\uffff' });
      await log.close();
      assert.deepEqual(rows.map(row => row.doc?.action), ['send']);
      assert.match(rows[0]!.doc!.user, /^cli/);
    } finally {
      await rm(stopped.dataDir, { recursive: true, force: true });
    }
  });

  it('never says "Nothing was sent" when DHIS2\'s answer is lost: it reads DHIS2 back, and exits 0 when the values are there', async () => {
    dhis2.behaviour.afterImport = 'hang';
    try {
      const result = await exportCli(['--data-set', DS, '--month', month, '--org-unit', 'ouNorth0001', '--send'], { ...env, DHIS2_TIMEOUT_MS: '1000' });
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual([JSON.parse(result.stdout).outcome, JSON.parse(result.stdout).sent], ['unknown', null]);
      assert.match(result.stderr, /did not answer within 1 s[\s\S]*all of them are there \(confirmed in DHIS2\)/);
      assert.doesNotMatch(result.stderr, /Nothing was sent/);
    } finally {
      dhis2.behaviour.afterImport = undefined;
    }
  });

  it('exits 4 when DHIS2 refuses the credentials, and 2 when sending is not configured', async () => {
    const refused = await exportCli(['--data-set', DS, '--month', month, '--send'], { ...env, DHIS2_TOKEN: 'wrong' });
    assert.equal(refused.code, 4, refused.stderr);
    assert.match(refused.stderr, /Nothing was sent: .*did not accept the server's credentials/);
    const alone = await exportCli(['--data-set', DS, '--month', month, '--dry-run'], env);
    assert.equal(alone.code, 2);
    assert.match(alone.stderr, /--dry-run goes with --send/);
    const off = await exportCli(['--data-set', DS, '--month', month, '--send'], { COUCH_URL: couchUrl });
    assert.equal(off.code, 2);
    assert.match(off.stderr, /Sending needs DHIS2_URL/);
  });
});
