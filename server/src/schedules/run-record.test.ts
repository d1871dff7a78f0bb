import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { heldAfter } from './recorded-send';
import { nextAttemptAt, runStateOf, type RunRecord } from './run-record';

let step = 0;
const record = (overrides: Partial<RunRecord>): RunRecord => ({
  id: `r${++step}`, action: 'send', user: 'manager', at: '2026-11-05T06:00:00.000Z', dataSet: 'ds', period: '202610', values: 1, total: 1,
  trigger: 'schedule', scheduleId: 's', attempt: 1, step, outcome: 'unknown', ...overrides,
});

describe('a scheduled run read from its records', () => {
  it('is done once confirmed, stopped or refused', () => {
    const started = record({ sent: null, dataValues: [{ orgUnit: 'a', dataElement: 'd', value: 1 }] });
    assert.equal(runStateOf([]).kind, 'new');
    const answered = { status: 'SUCCESS', httpStatus: 200, importCount: { imported: 1, updated: 0, ignored: 0, deleted: 0 }, conflicts: 0 };
    assert.deepEqual(runStateOf([started, record({ settles: started.id, sent: true, outcome: 'success', dhis2: answered })]).kind, 'done');
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

  it('is sent once a read-back finds every value in DHIS2, and refused when DHIS2 kept none', () => {
    const started = record({ sent: null, dataValues: [{ orgUnit: 'a', dataElement: 'd', value: 1 }] });
    const readBack = (outcome: 'in-dhis2' | 'not-in-dhis2' | 'unreadable') => record({ action: 'read-back', attempt: 2, outcome: 'unknown',
      readBack: { outcome, matching: 0, differing: 0, missing: 0, refersTo: started.id, sentAt: started.at }, ...(outcome === 'unreadable' ? {} : { settles: started.id }) });
    const found = runStateOf([started, readBack('in-dhis2')]);
    assert.equal(found.kind === 'done' && found.end, 'sent');
    const unread = runStateOf([started, readBack('unreadable')]);
    assert.equal(unread.kind === 'retry' && unread.pending?.id, started.id, 'still to settle');
    const absent = runStateOf([started, readBack('not-in-dhis2')]);
    assert.equal(absent.kind === 'retry' && absent.pending, undefined, 'settled: not there, to send again');
    const allRefused = runStateOf([started, record({ settles: started.id, sent: false, outcome: 'warning',
      dhis2: { status: 'WARNING', httpStatus: 200, importCount: { imported: 0, updated: 0, ignored: 1, deleted: 0 }, conflicts: 1 } })]);
    assert.equal(allRefused.kind === 'done' && allRefused.end, 'refused');
  });

  it('knows what DHIS2 holds after a correction: the values sent over those it held', () => {
    const before = [{ orgUnit: 'a', dataElement: 'd', value: 1 }, { orgUnit: 'b', dataElement: 'd', value: 2 }];
    assert.deepEqual(heldAfter(before, [{ orgUnit: 'b', dataElement: 'd', value: 5 }, { orgUnit: 'c', dataElement: 'd', value: 0 }]), [
      { orgUnit: 'a', dataElement: 'd', value: 1 }, { orgUnit: 'b', dataElement: 'd', value: 5 }, { orgUnit: 'c', dataElement: 'd', value: 0 }]);
  });
});
