import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import moment from 'moment';
import { startDhis2StandIn, type Dhis2StandIn } from './dhis2-stand-in';
import { SENDER, TOKEN } from './scheduled-sends-scenario';
import { DS, places, settingsDoc, targetDoc, dhis2Metadata } from './small-deployment';
import { startTestServer, type TestServer } from './test-server';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** A minute at least 5 s ahead, on the real clock, in UTC. */
const nextMinute = () => {
  const now = new Date();
  const at = new Date(Math.ceil((now.getTime() + 5_000) / 60_000) * 60_000);
  return { at, time: `${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')}`, day: at.getUTCDate() };
};

const upcoming = nextMinute();

describe('a schedule on the real clock', { skip: upcoming.day > 28 && 'schedules run on days 1–28: today is not one of them (UTC)' }, () => {
  let dhis2: Dhis2StandIn;
  let server: TestServer;
  const lastMonth = moment.utc(upcoming.at).subtract(1, 'month').startOf('month');

  before(async () => {
    dhis2 = await startDhis2StandIn({
      token: TOKEN,
      metadata: dhis2Metadata(),
    });
    server = await startTestServer({ dhis2: { url: new URL(dhis2.url), auth: { token: TOKEN }, timeoutMs: 5_000 } });
    await server.putDocs([settingsDoc({ permissions: { can_export_dhis: ['x'], can_send_dhis: ['x'] } }), ...places,
      targetDoc(lastMonth, 'chw1', 3, 1), targetDoc(lastMonth, 'chw2', 4, 2)]);
    await server.createUser('sender', 'secret-pass', ['x']);
  });
  after(async () => {
    await server.stop();
    await dhis2.close();
  });

  it('sends once, at the minute set for it', async () => {
    const response = await server.fetch('/api/v2/export/dhis/schedules', {
      method: 'POST', headers: { ...SENDER.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ dataSet: DS, dayOfMonth: upcoming.day, time: upcoming.time, timeZone: 'UTC' }),
    });
    assert.equal(response.status, 201);
    assert.equal((await response.json() as { nextRun: string }).nextRun, upcoming.at.toISOString());
    const imports = () => dhis2.received.filter(found => !found.dryRun);
    while (imports().length === 0 && Date.now() < upcoming.at.getTime() + 30_000) {
      await sleep(200);
    }
    const sentAt = Date.now();
    assert.equal(imports().length, 1);
    assert.ok(sentAt >= upcoming.at.getTime(), 'not before its minute');
    assert.ok(sentAt < upcoming.at.getTime() + 10_000, `within seconds of its minute (${sentAt - upcoming.at.getTime()} ms after)`);
    assert.equal(imports()[0]!.body.period, lastMonth.format('YYYYMM'));
    await sleep(3_000);
    assert.equal(imports().length, 1, 'once');
  });
});
