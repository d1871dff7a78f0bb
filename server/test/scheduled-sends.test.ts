import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { healthWorkers, month, SENDER, startScenario, targetDoc, type Scenario } from './scheduled-sends-scenario';

const OCTOBER = month('2026-10');
const NOVEMBER = month('2026-11');
const september = month('2026-09');
const imports = (scenario: Scenario) => scenario.faulty.imports.map(({ period, values }) => `${period}:${values}`);
const summary = (records: Array<Record<string, any>>) =>
  records.map(record => `${record['action']} ${record['attempt']} ${record['outcome']}${record['readBack'] ? ` ${record['readBack'].outcome}` : ''}`);

/** What the page shows as changed since the selection's last send, from the log's answer for a period. */
const changesSinceLastSend = async (scenario: Scenario, period: string) => {
  const response = await scenario.server.fetch(`/api/v2/export/dhis/log?filters[dataSet]=dsMonthly01&filters[period]=${period}`, SENDER);
  const body = await response.json() as { changesSinceLastSend?: { changes: Array<{ orgUnit: string; dataElement: string; sent?: number; now?: number }> } };
  return body.changesSinceLastSend?.changes.map(change => `${change.orgUnit} ${change.dataElement} ${change.sent}→${change.now}`);
};

describe('scheduled sends with a moved clock (HTTP, DHIS2 stand-in)', () => {
  let scenario: Scenario;
  afterEach(async () => scenario?.close());

  it('runs on time: a dry run, then the send of the last ended month, once', async () => {
    scenario = await startScenario('2026-11-04T00:00:00Z', [targetDoc(OCTOBER, 'chw1', 3, 1), targetDoc(OCTOBER, 'chw2', 4, 2)]);
    const created = await scenario.createSchedule({ dataSet: 'dsMonthly01', dayOfMonth: 5, time: '09:00', timeZone: 'Africa/Nairobi' });
    assert.equal(created['nextRun'], '2026-11-05T06:00:00.000Z', '09:00 in Nairobi is 06:00 UTC');
    await scenario.at('2026-11-05T05:59:00Z');
    assert.deepEqual(imports(scenario), []);
    await scenario.at('2026-11-05T06:00:00Z');
    assert.deepEqual(imports(scenario), ['202610:6']);
    assert.deepEqual(summary(await scenario.records('202610')), ['dry-run 1 success', 'send 1 unknown', 'send 1 success']);
    const records = await scenario.records('202610');
    assert.ok(records.every(record => record['trigger'] === 'schedule' && record['scheduleId'] === created.id));
    await scenario.at('2026-11-05T07:00:00Z');
    await scenario.at('2026-11-20T07:00:00Z');
    assert.deepEqual(imports(scenario), ['202610:6'], 'never twice for a period');
    const { schedules, attention } = await scenario.schedules();
    assert.equal(schedules[0]!['lastRun'].state, 'sent');
    assert.equal(schedules[0]!['nextRun'], '2026-12-05T06:00:00.000Z');
    assert.deepEqual(attention, []);
  });

  it('catches up the runs missed while the server was stopped, oldest first, each once', async () => {
    scenario = await startScenario('2026-09-20T00:00:00Z', [targetDoc(september, 'chw1', 1), targetDoc(OCTOBER, 'chw1', 2), targetDoc(NOVEMBER, 'chw1', 3)]);
    await scenario.createSchedule({ dataSet: 'dsMonthly01', dayOfMonth: 5, time: '06:00', timeZone: 'UTC', dryRunFirst: false });
    await scenario.stopServer();
    await scenario.at('2026-12-10T00:00:00Z').catch(() => undefined);
    await scenario.restart();
    await scenario.at('2026-12-10T00:00:00Z');
    await scenario.at('2026-12-10T01:00:00Z');
    assert.deepEqual(imports(scenario), ['202609:6', '202610:6', '202611:6']);
  });

  it('settles a send cut short by a crash by reading DHIS2\'s values back, without a second import', async () => {
    scenario = await startScenario('2026-11-04T00:00:00Z', [targetDoc(OCTOBER, 'chw1', 3, 1), targetDoc(OCTOBER, 'chw2', 4, 2)]);
    await scenario.createSchedule({ dataSet: 'dsMonthly01', dayOfMonth: 5, time: '06:00', timeZone: 'UTC' });
    scenario.faulty.mode = 'hang-after-import';
    let stopped: Promise<void> | undefined;
    scenario.faulty.onImported = () => { stopped = scenario.stopServer(); };
    await scenario.at('2026-11-05T06:00:00Z');
    await stopped;
    assert.deepEqual(imports(scenario), ['202610:6'], 'DHIS2 has the values; the server never heard so');
    scenario.faulty.mode = 'up';
    await scenario.restart();
    await scenario.at('2026-11-05T07:00:00Z');
    assert.deepEqual(imports(scenario), ['202610:6'], 'no second import');
    assert.equal(scenario.faulty.readBacks, 1);
    assert.deepEqual(summary(await scenario.records('202610')),
      ['dry-run 1 success', 'send 1 unknown', 'read-back 2 success in-dhis2']);
    await scenario.at('2026-11-06T07:00:00Z');
    assert.deepEqual(imports(scenario), ['202610:6']);
  });

  it('retries while DHIS2 is down, with backoff, and sends once it is back', async () => {
    scenario = await startScenario('2026-11-04T00:00:00Z', [targetDoc(OCTOBER, 'chw1', 3, 1)]);
    await scenario.createSchedule({ dataSet: 'dsMonthly01', dayOfMonth: 5, time: '06:00', timeZone: 'UTC' });
    await scenario.faulty.down();
    await scenario.at('2026-11-05T06:00:00Z');
    let { schedules, attention } = await scenario.schedules();
    assert.equal(schedules[0]!['lastRun'].state, 'failed');
    assert.equal(schedules[0]!['lastRun'].nextAttemptAt, '2026-11-05T06:05:00.000Z');
    assert.deepEqual(attention.map(found => found['code']), ['schedule-failing']);
    await scenario.at('2026-11-05T06:04:00Z');
    await scenario.at('2026-11-05T06:05:00Z');
    ({ schedules } = await scenario.schedules());
    assert.equal(schedules[0]!['lastRun'].nextAttemptAt, '2026-11-05T06:35:00.000Z', '30 minutes after the second failure');
    await scenario.faulty.up();
    await scenario.at('2026-11-05T06:30:00Z');
    assert.deepEqual(imports(scenario), []);
    await scenario.at('2026-11-05T06:35:00Z');
    assert.deepEqual(imports(scenario), ['202610:6']);
    assert.deepEqual(summary(await scenario.records('202610')),
      ['dry-run 1 failed', 'dry-run 2 failed', 'dry-run 3 success', 'send 3 unknown', 'send 3 success']);
    ({ attention } = await scenario.schedules());
    assert.deepEqual(attention, []);
  });

  it('reports a refusal and does not retry it', async () => {
    scenario = await startScenario('2026-11-04T00:00:00Z', [targetDoc(OCTOBER, 'chw1', 3, 1)]);
    await scenario.createSchedule({ dataSet: 'dsMonthly01', dayOfMonth: 5, time: '06:00', timeZone: 'UTC' });
    scenario.dhis2.options.token = 'd2pat_revoked';
    await scenario.at('2026-11-05T06:00:00Z');
    await scenario.at('2026-11-06T06:00:00Z');
    assert.deepEqual(summary(await scenario.records('202610')), ['dry-run 1 refused']);
    const { attention } = await scenario.schedules();
    assert.deepEqual(attention.map(found => `${found['code']} ${found['params'].period}`), ['schedule-refused 202610']);
  });

  it('stops when the dry run finds conflicts, sends nothing and does not try again', async () => {
    scenario = await startScenario('2026-11-04T00:00:00Z', [targetDoc(OCTOBER, 'chw1', 3, 1)]);
    await scenario.createSchedule({ dataSet: 'dsMonthly01', dayOfMonth: 5, time: '06:00', timeZone: 'UTC' });
    scenario.dhis2.options.metadata.closedPeriods = ['202610'];
    await scenario.at('2026-11-05T06:00:00Z');
    await scenario.at('2026-11-08T06:00:00Z');
    assert.deepEqual(imports(scenario), []);
    assert.deepEqual(summary(await scenario.records('202610')), ['dry-run 1 error']);
    const { attention } = await scenario.schedules();
    assert.deepEqual(attention.map(found => `${found['code']} ${found['params'].period}`), ['schedule-stopped 202610']);
  });

  it('waits for coverage, checking hourly, then sends anyway after the days allowed, saying so', async () => {
    scenario = await startScenario('2026-11-04T00:00:00Z', [...healthWorkers, targetDoc(OCTOBER, 'chw1', 3, 1)]);
    await scenario.createSchedule({ dataSet: 'dsMonthly01', dayOfMonth: 5, time: '06:00', timeZone: 'UTC', minCoverage: 100, sendAnywayAfterDays: 2 });
    await scenario.at('2026-11-05T06:00:00Z');
    let { schedules, attention } = await scenario.schedules();
    assert.deepEqual(schedules[0]!['waiting'], { period: '202610', coverage: 50, minCoverage: 100, dueAt: '2026-11-05T06:00:00.000Z',
      checkedAt: '2026-11-05T06:00:00.000Z', sendAnywayAt: '2026-11-07T06:00:00.000Z' });
    assert.deepEqual(attention.map(found => found['code']), ['schedule-waiting']);
    await scenario.at('2026-11-06T12:00:00Z');
    assert.deepEqual(imports(scenario), []);
    await scenario.at('2026-11-07T06:00:00Z');
    assert.deepEqual(imports(scenario), ['202610:6']);
    const sent = (await scenario.records('202610')).find(record => record['action'] === 'send');
    assert.deepEqual(sent?.['forced'], { coverage: 50, minCoverage: 100 });
    ({ schedules, attention } = await scenario.schedules());
    assert.equal(schedules[0]!['lastRun'].forced, true);
    assert.deepEqual(attention, []);
  });

  it('sends figures changed by a late sync as a correction of the changed values only', async () => {
    scenario = await startScenario('2026-11-04T00:00:00Z', [targetDoc(OCTOBER, 'chw1', 3, 1), targetDoc(OCTOBER, 'chw2', 4, 2), targetDoc(NOVEMBER, 'chw1', 1)]);
    await scenario.createSchedule({ dataSet: 'dsMonthly01', dayOfMonth: 5, time: '06:00', timeZone: 'UTC', resendChanges: 1 });
    await scenario.at('2026-11-05T06:00:00Z');
    assert.deepEqual(await changesSinceLastSend(scenario, '202610'), [], 'the page sees the scheduled send as the last one');
    const late = await scenario.server.couch.medic.get(targetDoc(OCTOBER, 'chw2', 0)._id);
    await scenario.server.putDocs([{ ...targetDoc(OCTOBER, 'chw2', 9, 2), _rev: late._rev }]);
    assert.deepEqual(await changesSinceLastSend(scenario, '202610'), ['ouDistrict1 deBirths0001 7→12', 'ouSouth0001 deBirths0001 4→9']);
    await scenario.at('2026-12-05T06:00:00Z');
    assert.deepEqual(imports(scenario), ['202610:6', '202611:6', '202610:2'], 'births of South and of the district, nothing else');
    assert.equal(Number(scenario.dhis2.stored.get('ouSouth0001/deBirths0001/HllvX50cXC0/202610')), 9);
    assert.equal(Number(scenario.dhis2.stored.get('ouDistrict1/deBirths0001/HllvX50cXC0/202610')), 12);
    const correction = (await scenario.records('202610')).filter(record => record['correction']);
    assert.deepEqual(summary(correction), ['dry-run 1 success', 'send 1 unknown', 'send 1 success']);
    assert.deepEqual(await changesSinceLastSend(scenario, '202610'), [], 'after the correction, the last send is the whole selection again');
    await scenario.at('2027-01-05T06:00:00Z');
    assert.equal(imports(scenario).filter(found => found.startsWith('202610')).length, 2, 'nothing changed since: no second correction');
  });
});
