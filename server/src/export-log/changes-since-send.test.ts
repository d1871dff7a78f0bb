import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changesSince, lastSendOf } from './changes-since-send';
import type { ExportLogRecord } from './export-log';

const record = (overrides: Partial<ExportLogRecord>): ExportLogRecord => ({
  id: 'x', action: 'send', user: 'manager', at: '2026-11-03T10:00:00Z', dataSet: 'ds', period: '202610', values: 1, total: 1,
  dhis2: { status: 'SUCCESS', httpStatus: 200, importCount: { imported: 1, updated: 0, ignored: 0, deleted: 0 }, conflicts: 0 },
  dataValues: [], ...overrides,
});

describe('changes since the last send', () => {
  it('takes the newest send DHIS2 took, for the same place filter; never a dry run, a failure or an ERROR', () => {
    const records = [
      record({ id: 'dry', action: 'dry-run' }),
      record({ id: 'failed', dhis2: undefined, failure: { reason: 'timeout', message: '…' } }),
      record({ id: 'refused', dhis2: { status: 'ERROR', httpStatus: 409, importCount: { imported: 0, updated: 0, ignored: 1, deleted: 0 }, conflicts: 1 } }),
      record({ id: 'north', orgUnit: 'ouNorth' }),
      record({ id: 'all' }),
    ];
    assert.equal(lastSendOf(records, undefined)?.id, 'all');
    assert.equal(lastSendOf(records, 'ouNorth')?.id, 'north');
    assert.equal(lastSendOf(records, 'ouSouth'), undefined);
  });

  it('lists values changed, added and gone, telling option combos apart', () => {
    const sent = [
      { orgUnit: 'a', dataElement: 'de1', value: 3 },
      { orgUnit: 'a', dataElement: 'de2', categoryOptionCombo: 'c1', value: 1 },
      { orgUnit: 'b', dataElement: 'de1', value: 5 },
    ];
    const now = [
      { orgUnit: 'a', dataElement: 'de1', value: 3 },
      { orgUnit: 'a', dataElement: 'de2', categoryOptionCombo: 'c1', value: 2 },
      { orgUnit: 'a', dataElement: 'de2', categoryOptionCombo: 'c2', value: 7 },
    ];
    assert.deepEqual(changesSince(sent, now), [
      { orgUnit: 'a', dataElement: 'de2', categoryOptionCombo: 'c1', sent: 1, now: 2 },
      { orgUnit: 'a', dataElement: 'de2', categoryOptionCombo: 'c2', now: 7 },
      { orgUnit: 'b', dataElement: 'de1', sent: 5 },
    ]);
  });
});
