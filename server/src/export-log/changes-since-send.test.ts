import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changesSince } from './changes-since-send';

describe('changes since the last send', () => {
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
