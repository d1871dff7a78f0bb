import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareWithDhis2 } from './read-back';
import { scrubberFor } from './scrub-secrets';
import { digestOf } from '../export/send-digest';
import { refuseUnknownParameters } from '../export/known-parameters';

describe('digestOf', () => {
  const set = { dataSet: 'ds', period: '202610', dataValues: [{ dataElement: 'a', orgUnit: 'o', value: 1 }, { dataElement: 'b', orgUnit: 'o', value: 2, categoryOptionCombo: 'c' }] };
  it('is the same for the same values in any order, and changes with any value, field, period or data set', () => {
    assert.equal(digestOf(set), digestOf({ ...set, dataValues: [...set.dataValues].reverse() }));
    assert.equal(digestOf(set), digestOf({ ...set, completeDate: '2026-11-02' } as typeof set));
    assert.notEqual(digestOf(set), digestOf({ ...set, dataValues: [set.dataValues[0]!, { ...set.dataValues[1]!, value: 3 }] }));
    assert.notEqual(digestOf(set), digestOf({ ...set, dataValues: [set.dataValues[0]!, { ...set.dataValues[1]!, categoryOptionCombo: 'd' }] }));
    assert.notEqual(digestOf(set), digestOf({ ...set, period: '202611' }));
    assert.notEqual(digestOf(set), digestOf({ ...set, dataSet: 'other' }));
  });
});

describe('scrubberFor', () => {
  it('removes a token, a password, its URL-encoded form and the Basic header\'s base64', () => {
    assert.equal(scrubberFor({ token: 'd2pat_abc123' })('bad token d2pat_abc123!'), 'bad token [redacted]!');
    const scrub = scrubberFor({ user: 'cht', password: 'p@ss word' });
    const basic = Buffer.from('cht:p@ss word').toString('base64');
    assert.equal(scrub(`Authorization: Basic ${basic}; p@ss word; p%40ss%20word`), 'Authorization: Basic [redacted]; [redacted]; [redacted]');
    assert.equal(scrubberFor({ user: 'a', password: 'x' })('x marks'), 'x marks', 'too short to hide without blanking every word');
  });
});

describe('compareWithDhis2', () => {
  const sent = [
    { dataElement: 'de1', orgUnit: 'ou1', value: 3 },
    { dataElement: 'de2', orgUnit: 'ou1', categoryOptionCombo: 'c1', value: 1 },
    { dataElement: 'de3', orgUnit: 'ou1', value: 0 },
  ];
  it('finds the values as sent (DHIS2 answers strings and names the default option combo; no zeros stored)', () => {
    assert.deepEqual(compareWithDhis2(sent, [
      { dataElement: 'de1', orgUnit: 'ou1', categoryOptionCombo: 'HllvX50cXC0', value: '3' },
      { dataElement: 'de2', orgUnit: 'ou1', categoryOptionCombo: 'c1', value: '1' },
    ]), { outcome: 'in-dhis2', matching: 3, differing: 0, missing: 0 });
  });
  it('says what differs and what is missing', () => {
    assert.deepEqual(compareWithDhis2(sent, [
      { dataElement: 'de1', orgUnit: 'ou1', value: '2' },
      { dataElement: 'de2', orgUnit: 'ou1', categoryOptionCombo: 'c2', value: '1' },
    ]), { outcome: 'not-in-dhis2', matching: 1, differing: 1, missing: 1 });
  });
});

describe('refuseUnknownParameters', () => {
  const known = { filters: { dataSet: true, date: { from: true } }, dryRun: true } as const;
  it('names each unknown parameter as written, with the known ones, and passes known ones whatever their values', () => {
    assert.doesNotThrow(() => refuseUnknownParameters({ filters: { dataSet: ['x'], date: { from: '1' } }, dryRun: { a: 1 } }, known));
    assert.throws(() => refuseUnknownParameters({ filter: { dataSet: 'x' }, filters: { dataset: 'x', date: { to: 1 } } }, known), (error: Error & { code?: string; details?: Record<string, unknown> }) => {
      assert.equal(error.code, 'parameter.unknown');
      assert.deepEqual(error.details, { unknown: ['filter[dataSet]', 'filters[dataset]', 'filters[date][to]'], known: ['filters[dataSet]', 'filters[date][from]', 'dryRun'] });
      assert.match(error.message, /did you mean "filters\[dataSet\]"\?/);
      return true;
    });
  });
});
