import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DecimalSum, decimalsOf } from './decimal-sum';

const sumOf = (...terms: number[]) => {
  const sum = new DecimalSum();
  terms.forEach(term => sum.add(term));
  return sum.value;
};

describe('DecimalSum', () => {
  it('sums decimals without binary noise', () => {
    assert.equal(sumOf(0.1, 0.2), 0.3);
    assert.equal(sumOf(1.1, 2.2, 3.3), 6.6);
    assert.equal(sumOf(...Array.from({ length: 100_000 }, () => 0.01)), 1000);
    assert.equal(sumOf(0.7, -0.1, 2), 2.6);
    assert.equal(sumOf(1.5e-7, 1.5e-7), 3e-7);
  });

  it('leaves integers and sums of values without decimal intent as they are', () => {
    assert.equal(sumOf(3, 5, 2 ** 52), 2 ** 52 + 8);
    assert.equal(sumOf(1 / 3, 1 / 3), 1 / 3 + 1 / 3);
    assert.equal(sumOf(), 0);
  });

  it('tells when a term would make the sum infinite', () => {
    const sum = new DecimalSum();
    sum.add(Number.MAX_VALUE);
    assert.equal(sum.peek(Number.MAX_VALUE), undefined);
    assert.equal(sum.peek(1), Number.MAX_VALUE);
  });
});

describe('decimalsOf', () => {
  it('counts the decimal places of the shortest form', () => {
    assert.deepEqual([12, 0.25, 1.5e-7, 1e21, -0.125].map(decimalsOf), [0, 2, 8, 0, 3]);
  });
});
