import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { DS, places, settingsDoc } from './small-deployment';
import { startTestServer, type TestServer } from './test-server';
import { exportCli as runCli } from './cli-runner';

const exportCli = (args: string[], env: Record<string, string>) => runCli(args, { COUCH_URL: '', ...env });

describe('npm run export -- --schedules', () => {
  let server: TestServer;
  let id: string;

  before(async () => {
    server = await startTestServer();
    await server.putDocs([settingsDoc(), ...places]);
    const response = await server.fetch('/api/v2/export/dhis/schedules', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ dataSet: DS, orgUnit: 'ouNorth0001', dayOfMonth: 5, time: '06:00', timeZone: 'Africa/Nairobi' }),
    });
    id = (await response.json() as { id: string }).id;
  });
  after(async () => {
    await server.stop(true).catch(() => undefined);
    await rm(server.dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  });

  it('says to read them from the server while it runs', async () => {
    const result = await exportCli(['--schedules'], { DATA_DIR: server.dataDir });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /open in a running server: read the schedules at GET \/api\/v2\/export\/dhis\/schedules/);
  });

  it('lists each schedule with its next and last runs', async () => {
    await server.stop(true);
    const result = await exportCli(['--schedules'], { DATA_DIR: server.dataDir });
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    assert.equal(lines[0], `${id}  ${DS} / ouNorth0001  day 5 at 06:00 Africa/Nairobi`);
    assert.match(lines[1]!, /^ {2}next run: 5 \w{3} \d{4}, 06:00 Africa\/Nairobi$/);
    assert.equal(lines[2], '  last run: none yet');
    assert.match((await exportCli(['--schedules', '--period', '202610'], { DATA_DIR: server.dataDir })).stderr, /--schedules goes alone/);
  });
});
