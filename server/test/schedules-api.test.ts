import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DS, places, settingsDoc } from './small-deployment';
import { basic, startTestServer, type TestServer } from './test-server';

const PATH = '/api/v2/export/dhis/schedules';

describe('the schedules API', () => {
  let server: TestServer;
  const as = (user: string, init: RequestInit = {}) => ({ ...init, headers: { authorization: basic(user, 'secret-pass'), 'content-type': 'application/json', ...init.headers } });
  const call = (method: string, path: string, user: string, body?: unknown) =>
    server.fetch(path, as(user, { method, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) }));

  before(async () => {
    server = await startTestServer();
    await server.putDocs([settingsDoc({ permissions: { can_export_dhis: ['exporter'], can_send_dhis: ['sender'] } }), ...places]);
    await server.createUser('reader', 'secret-pass', ['exporter']);
    await server.createUser('sender', 'secret-pass', ['exporter', 'sender']);
    await server.createUser('chw', 'secret-pass', ['chw']);
  });
  after(() => server.stop());

  it('creates a schedule with defaults, lists it, changes it, pauses it and deletes it', async () => {
    const created = await call('POST', PATH, 'sender', { dataSet: DS, dayOfMonth: 5, time: '06:30', timeZone: 'Africa/Kampala' });
    assert.equal(created.status, 201);
    const schedule = await created.json() as Record<string, any>;
    assert.match(schedule['id'], /^[0-9a-f-]{36}$/);
    assert.deepEqual({ ...schedule, id: undefined, createdAt: undefined, updatedAt: undefined, activeSince: undefined, nextRun: undefined }, {
      id: undefined, dataSet: DS, dayOfMonth: 5, time: '06:30', timeZone: 'Africa/Kampala', enabled: true, dryRunFirst: true, minCoverage: 0,
      sendAnywayAfterDays: 7, completeDataSet: false, resendChanges: 0, createdAt: undefined, createdBy: 'sender', updatedAt: undefined,
      updatedBy: 'sender', activeSince: undefined, nextRun: undefined,
    });
    assert.match(schedule['nextRun'], /^\d{4}-\d{2}-05T03:30:00\.000Z$/);
    const listed = await (await call('GET', PATH, 'reader')).json() as Record<string, any>;
    assert.deepEqual(listed['schedules'].map((found: { id: string }) => found.id), [schedule['id']]);
    assert.equal(listed['sendingConfigured'], false);
    assert.deepEqual(listed['attention'], []);

    const changed = await call('PUT', `${PATH}/${schedule['id']}`, 'sender', { minCoverage: 80, sendAnywayAfterDays: 3, orgUnit: 'ouNorth0001' });
    assert.equal(changed.status, 200);
    const after = await changed.json() as Record<string, any>;
    assert.deepEqual([after['minCoverage'], after['sendAnywayAfterDays'], after['orgUnit'], after['time']], [80, 3, 'ouNorth0001', '06:30']);
    const paused = await (await call('PUT', `${PATH}/${schedule['id']}`, 'sender', { enabled: false })).json() as Record<string, any>;
    assert.equal(paused['enabled'], false);
    assert.equal(paused['nextRun'], null);

    assert.equal((await call('DELETE', `${PATH}/${schedule['id']}`, 'sender')).status, 200);
    assert.equal((await call('DELETE', `${PATH}/${schedule['id']}`, 'sender')).status, 404);
    assert.deepEqual((await (await call('GET', PATH, 'reader')).json() as Record<string, any>)['schedules'], []);
  });

  it('lets exporters read and only senders change; 401 without a login', async () => {
    assert.equal((await fetch(`${server.url}${PATH}`)).status, 401);
    const forbidden = await call('GET', PATH, 'chw');
    assert.equal(forbidden.status, 403);
    assert.deepEqual(await forbidden.json(), { code: 403, reason: 'permission',
      error: 'User "chw" may not read scheduled sends: a role of theirs needs the permission can_export_dhis', params: { permission: 'can_export_dhis' } });
    const readerPost = await call('POST', PATH, 'reader', { dataSet: DS, dayOfMonth: 5, time: '06:00' });
    assert.equal(readerPost.status, 403);
    assert.deepEqual((await readerPost.json() as { params: object }).params, { permission: 'can_send_dhis' });
    assert.equal((await call('PUT', `${PATH}/x`, 'reader', {})).status, 403);
    assert.equal((await call('DELETE', `${PATH}/x`, 'reader')).status, 403);
  });

  it('refuses unknown fields, naming them, and every bad value with a code', async () => {
    const unknown = await call('POST', PATH, 'sender', { dataSet: DS, dayOfMonth: 5, time: '06:00', cron: '* * * * *', every: 'day' });
    assert.equal(unknown.status, 400);
    const body = await unknown.json() as Record<string, any>;
    assert.equal(body['reason'], 'unknown-fields');
    assert.deepEqual(body['params'].fields, ['cron', 'every']);
    assert.match(body['error'], /Unknown fields "cron", "every"/);

    const cases: Array<[unknown, string, string?]> = [
      [{ dayOfMonth: 5, time: '06:00' }, 'missing-fields'],
      [{ dataSet: DS, dayOfMonth: 29, time: '06:00' }, 'invalid-field', 'dayOfMonth'],
      [{ dataSet: DS, dayOfMonth: 5, time: '6:00' }, 'invalid-field', 'time'],
      [{ dataSet: DS, dayOfMonth: 5, time: '24:00' }, 'invalid-field', 'time'],
      [{ dataSet: DS, dayOfMonth: 5, time: '06:00', timeZone: 'Mars/Olympus' }, 'invalid-field', 'timeZone'],
      [{ dataSet: DS, dayOfMonth: 5, time: '06:00', minCoverage: 101 }, 'invalid-field', 'minCoverage'],
      [{ dataSet: DS, dayOfMonth: 5, time: '06:00', enabled: 'yes' }, 'invalid-field', 'enabled'],
      [{ dataSet: DS, dayOfMonth: 5, time: '06:00', resendChanges: -1 }, 'invalid-field', 'resendChanges'],
      [{ dataSet: 'nope', dayOfMonth: 5, time: '06:00' }, 'unknown-data-set'],
      [[1, 2], 'not-an-object'],
    ];
    for (const [input, reason, field] of cases) {
      const response = await call('POST', PATH, 'sender', input);
      const answer = await response.json() as Record<string, any>;
      assert.equal(response.status, 400, JSON.stringify(input));
      assert.equal(answer['reason'], reason, JSON.stringify(input));
      if (field) assert.equal(answer['params'].field, field);
      assert.equal(typeof answer['error'], 'string');
    }
    const badJson = await call('POST', PATH, 'sender', '{"dataSet":');
    assert.equal(badJson.status, 400);
    assert.equal((await call('GET', `${PATH}?limit=5`, 'reader')).status, 400);
    assert.equal((await call('PUT', `${PATH}/missing`, 'sender', { time: '07:00' })).status, 404);
    assert.equal((await call('PATCH', `${PATH}/missing`, 'sender', {})).status, 405);
  });
});
