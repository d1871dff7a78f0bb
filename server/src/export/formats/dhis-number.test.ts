import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dhisNumber } from './dhis-number';

/** DHIS2's own number check (`MathUtils.NUMERIC_REGEXP`, 2.38 to 2.43). */
const NUMERIC = /^(-?0|-?[1-9]\d*)(\.\d+)?$/;

describe('dhisNumber', () => {
  it('writes plain decimals that DHIS2 reads back as the same number', () => {
    const cases: [number, string][] = [
      [0, '0'], [-0, '0'], [12, '12'], [-3, '-3'], [0.1, '0.1'], [2.5, '2.5'],
      [1e-7, '0.0000001'], [1.5e-7, '0.00000015'], [-2.5e-10, '-0.00000000025'],
      [1e21, '1000000000000000000000'], [-1.2345e22, '-12345000000000000000000'], [123456789012345680000, '123456789012345680000'],
    ];
    for (const [value, text] of cases) {
      assert.equal(dhisNumber(value), text);
      assert.match(dhisNumber(value), NUMERIC);
      assert.equal(Number(dhisNumber(value)), value === 0 ? 0 : value);
    }
  });

  it('refuses what is not a finite number', () => {
    for (const value of [NaN, Infinity, -Infinity]) {
      assert.throws(() => dhisNumber(value), RangeError);
    }
  });
});
