import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { month, SENDER, startScenario, targetDoc, type Scenario } from './scheduled-sends-scenario';

const OCTOBER = month('2026-10');
const figures = [targetDoc(OCTOBER, 'chw1', 3, 1), targetDoc(OCTOBER, 'chw2', 4, 2)];
const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
const imports = (scenario: Scenario) => scenario.faulty.imports.map(({ period, values }) => `${period}:${values}`);

const manualSend = (scenario: Scenario) => scenario.server.fetch('/api/v2/export/dhis/send?dryRun=false&filters[dataSet]=dsMonthly01&filters[period]=202610',
  { method: 'POST', ...SENDER });

const logOf = async (scenario: Scenario) => await (await scenario.server.fetch(
  '/api/v2/export/dhis/log?filters[dataSet]=dsMonthly01&filters[period]=202610', SENDER)).json() as {
  records: Array<Record<string, any>>; changesSinceLastSend?: { recordId: string; changes: Array<{ orgUnit: string; sent?: number; now?: number }> };
};

/** A scheduled run follows the send's own rules: its lease, its reading of DHIS2's answers, the calendar check, completeness. */
describe('scheduled sends under the send\'s rules (HTTP, DHIS2 stand-in)', () => {
  let scenario: Scenario;
  afterEach(async () => scenario?.close());

  it('and a manual send of the same selection exclude each other: the send\'s lease', async () => {
    scenario = await startScenario('2026-11-04T00:00:00Z', figures);
    await scenario.createSchedule({ dataSet: 'dsMonthly01', dayOfMonth: 5, time: '06:00', timeZone: 'UTC', dryRunFirst: false });
    scenario.dhis2.behaviour.delayMs = 800;
    const run = scenario.at('2026-11-05T06:00:00Z');
    await pause(300);
    const busy = await manualSend(scenario);
    assert.equal(busy.status, 409);
    const answer = await busy.json() as { code: string; holder: string };
    assert.deepEqual([answer.code, answer.holder], ['send.busy', 'sender'], 'named by the schedule\'s owner');
    await run;
    assert.deepEqual(imports(scenario), ['202610:6'], 'the scheduled run only');

    const manual = manualSend(scenario);
    await pause(300);
    await scenario.at('2026-11-06T06:00:00Z');
    assert.equal((await manual).status, 200);
    assert.deepEqual(imports(scenario), ['202610:6', '202610:6'], 'the manual send; the scheduled run is done already');
  });

  it('waits while a manual send holds the lease, then runs', async () => {
    scenario = await startScenario('2026-11-04T00:00:00Z', figures);
    await scenario.createSchedule({ dataSet: 'dsMonthly01', dayOfMonth: 5, time: '06:00', timeZone: 'UTC', dryRunFirst: false });
    await scenario.at('2026-11-05T05:59:00Z');
    // Warmed up by a dry run (no lease), the manual send reaches DHIS2 well within the pause, and stays there longer.
    await scenario.server.fetch('/api/v2/export/dhis/send?dryRun=true&filters[dataSet]=dsMonthly01&filters[period]=202610', { method: 'POST', ...SENDER });
    scenario.dhis2.behaviour.delayMs = 1_500;
    const manual = manualSend(scenario);
    await pause(500);
    await scenario.at('2026-11-05T06:00:00Z');
    assert.equal((await manual).status, 200);
    assert.deepEqual(imports(scenario), ['202610:6']);
    assert.ok((await logOf(scenario)).records.every(record => record['trigger'] === undefined), 'nothing of the schedule while busy');
    scenario.dhis2.behaviour.delayMs = undefined;
    await scenario.at('2026-11-05T06:01:00Z');
    assert.deepEqual(imports(scenario), ['202610:6', '202610:6']);
  });

  it('registers completeness after a send DHIS2 accepted whole, as the send does', async () => {
    scenario = await startScenario('2026-11-04T00:00:00Z', figures);
    await scenario.createSchedule({ dataSet: 'dsMonthly01', dayOfMonth: 5, time: '06:00', timeZone: 'UTC', completeDataSet: true });
    await scenario.at('2026-11-05T06:00:00Z');
    assert.deepEqual([...scenario.dhis2.completed.keys()].sort(),
      ['dsMonthly01/202610/ouDistrict1', 'dsMonthly01/202610/ouNorth0001', 'dsMonthly01/202610/ouSouth0001']);
    const settled = (await logOf(scenario)).records.find(record => record['action'] === 'send' && record['sent'] === true);
    assert.deepEqual(settled?.['completeness'], { outcome: 'success', orgUnits: 3, status: 'SUCCESS', conflicts: 0, httpStatus: 200 });
  });

  it('does not count values DHIS2 refused as sent', async () => {
    scenario = await startScenario('2026-11-04T00:00:00Z', figures);
    await scenario.createSchedule({ dataSet: 'dsMonthly01', dayOfMonth: 5, time: '06:00', timeZone: 'UTC', dryRunFirst: false });
    const { metadata } = scenario.dhis2.options;
    metadata.orgUnits = metadata.orgUnits.filter(orgUnit => orgUnit !== 'ouSouth0001');
    await scenario.at('2026-11-05T06:00:00Z');
    const log = await logOf(scenario);
    const settled = log.records.find(record => record['action'] === 'send' && record['sent'] === true);
    assert.equal(settled?.['outcome'], 'warning');
    assert.equal(log.changesSinceLastSend?.recordId, settled?.['id']);
    // South's values were refused: the page shows them as not sent yet.
    assert.deepEqual(log.changesSinceLastSend?.changes.map(change => `${change.orgUnit} ${change.sent}→${change.now}`), ['ouSouth0001 undefined→4', 'ouSouth0001 undefined→2']);
    const { schedules } = await scenario.schedules();
    assert.equal(schedules[0]!['lastRun'].state, 'sent');
    assert.match(schedules[0]!['lastRun'].message, /refused were not sent/);
  });

  it('sends nothing to a DHIS2 that runs another calendar, and says so', async () => {
    scenario = await startScenario('2026-11-04T00:00:00Z', figures);
    await scenario.createSchedule({ dataSet: 'dsMonthly01', dayOfMonth: 5, time: '06:00', timeZone: 'UTC' });
    scenario.dhis2.options.calendar = 'nepali';
    await scenario.at('2026-11-05T06:00:00Z');
    await scenario.at('2026-11-06T06:00:00Z');
    assert.deepEqual(scenario.dhis2.received, []);
    const { schedules, attention } = await scenario.schedules();
    assert.equal(schedules[0]!['lastRun'].state, 'refused');
    assert.match(schedules[0]!['lastRun'].message, /"nepali" calendar/);
    assert.deepEqual(attention.map(found => found['code']), ['schedule-refused']);
  });
});
