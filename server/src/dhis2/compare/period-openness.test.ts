import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { periodClosure } from './period-openness';

const at = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe('whether DHIS2 takes values of a period now', () => {
  it('is open without rules, and with openFuturePeriods 0 for a past period only', () => {
    assert.equal(periodClosure('202610', {}, at('2026-11-03')), undefined);
    assert.equal(periodClosure('202610', { openFuturePeriods: 0 }, at('2026-11-03')), undefined);
    assert.deepEqual(periodClosure('202611', { openFuturePeriods: 0 }, at('2026-11-03')), { reason: 'openFuturePeriods', openFuturePeriods: 0, opensOn: '2026-12-01' });
    assert.equal(periodClosure('202611', { openFuturePeriods: 1 }, at('2026-11-03')), undefined);
    assert.deepEqual(periodClosure('2027Q1', { openFuturePeriods: 1 }, at('2026-11-03')), { reason: 'openFuturePeriods', openFuturePeriods: 1, opensOn: '2027-01-01' });
  });

  it('closes a period expiryDays after its last day (2.43: after the last day in full)', () => {
    assert.equal(periodClosure('202610', { expiryDays: 10 }, at('2026-11-09')), undefined);
    assert.deepEqual(periodClosure('202610', { expiryDays: 10 }, at('2026-11-10')), { reason: 'expiryDays', expiryDays: 10, closedOn: '2026-11-10' });
    assert.equal(periodClosure('202610', { expiryDays: 10, minorVersion: 43 }, at('2026-11-10')), undefined);
    assert.equal(periodClosure('2026', { expiryDays: 30 }, at('2027-01-20')), undefined);
  });

  it('follows data input periods: a period without one is closed; 2.43 then ignores expiry days', () => {
    const inputs = [{ period: '202610', openingDate: '2026-11-01T00:00:00.000', closingDate: '2026-11-15T00:00:00.000' }];
    assert.equal(periodClosure('202610', { dataInputPeriods: inputs }, at('2026-11-03')), undefined);
    assert.deepEqual(periodClosure('202610', { dataInputPeriods: inputs }, at('2026-11-20')),
      { reason: 'dataInputPeriods', openingDate: '2026-11-01T00:00:00.000', closingDate: '2026-11-15T00:00:00.000' });
    assert.deepEqual(periodClosure('202609', { dataInputPeriods: inputs }, at('2026-11-03')), { reason: 'dataInputPeriods' });
    assert.equal(periodClosure('202610', { dataInputPeriods: inputs, expiryDays: 1, minorVersion: 43 }, at('2026-11-03')), undefined);
    assert.equal(periodClosure('202610', { dataInputPeriods: inputs, expiryDays: 1, minorVersion: 40 }, at('2026-11-03'))?.reason, 'expiryDays');
  });
});
