import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { confirmedValuesOf, nextAttemptAt, runStateOf, type RunRecord } from './run-record';

let step = 0;
const record = (overrides: Partial<RunRecord>): RunRecord => ({
  id: `r${++step}`, action: 'send', user: 'manager', at: '2026-11-05T06:00:00.000Z', dataSet: 'ds', period: '202610', values: 1, total: 1,
  trigger: 'schedule', scheduleId: 's', attempt: 1, step, outcome: 'unknown', ...overrides,
});

describe('a scheduled run read from its records', () => {
  it('is done once confirmed, stopped or refused', () => {
    const started = record({ sent: null, dataValues: [{ orgUnit: 'a', dataElement: 'd', value: 1 }] });
    assert.equal(runStateOf([]).kind, 'new');
    assert.deepEqual(runStateOf([started, record({ settles: started.id, sent: true, outcome: 'success' })]).kind, 'done');
    const stopped = runStateOf([record({ action: 'dry-run', outcome: 'warning', sent: false })]);
    assert.equal(stopped.kind === 'done' && stopped.end, 'stopped');
    const refused = runStateOf([record({ action: 'dry-run', outcome: 'refused', sent: false })]);
    assert.equal(refused.kind === 'done' && refused.end, 'refused');
  });

  it('keeps a send of unknown outcome to settle first, whatever was recorded after it', () => {
    const started = record({ sent: null, dataValues: [] , attempt: 2 });
    const state = runStateOf([record({ action: 'dry-run', outcome: 'failed', sent: false }), started,
      record({ attempt: 2, sent: null, outcome: 'unknown', failure: { reason: 'timeout', message: '…' } })]);
    assert.equal(state.kind, 'retry');
    assert.equal(state.kind === 'retry' && state.pending?.id, started.id);
    assert.equal(state.kind === 'retry' && state.attempt, 2);
  });

  it('waits 5 min, 30 min, 2 h, then a day, seven times, then gives up', () => {
    const last = new Date('2026-11-05T06:00:00Z');
    const waits = Array.from({ length: 11 }, (_, i) => nextAttemptAt(i + 1, last)).map(next => next && (next.getTime() - last.getTime()) / 60_000);
    assert.deepEqual(waits, [5, 30, 120, 1440, 1440, 1440, 1440, 1440, 1440, 1440, undefined]);
  });

  it('knows what DHIS2 holds: every confirmed send, corrections over it, manual sends too', () => {
    const first = record({ at: '2026-11-05T06:00:00Z', sent: null, dataValues: [{ orgUnit: 'a', dataElement: 'd', value: 1 }, { orgUnit: 'b', dataElement: 'd', value: 2 }] });
    const firstOk = record({ at: '2026-11-05T06:00:00Z', settles: first.id, sent: true, outcome: 'success' });
    const lost = record({ at: '2026-11-06T06:00:00Z', sent: null, dataValues: [{ orgUnit: 'a', dataElement: 'd', value: 7 }] });
    const manual = { id: 'm', action: 'send' as const, user: 'manager', at: '2026-11-07T06:00:00Z', dataSet: 'ds', period: '202610', values: 1, total: 5,
      dhis2: { status: 'SUCCESS', httpStatus: 200, importCount: { imported: 0, updated: 1, ignored: 0, deleted: 0 }, conflicts: 0 },
      dataValues: [{ orgUnit: 'b', dataElement: 'd', value: 5 }] };
    assert.deepEqual(confirmedValuesOf([manual, lost, firstOk, first], undefined), [
      { orgUnit: 'a', dataElement: 'd', value: 1 }, { orgUnit: 'b', dataElement: 'd', value: 5 }]);
    assert.equal(confirmedValuesOf([lost], undefined), undefined);
  });
});
