/**
 * Sums of target values as a person would write them: 0.1 + 0.2 is 0.3, not 0.30000000000000004
 * (DHIS2 refuses the latter for an integer data element).
 *
 * Method: the sum is kept as a double, together with the most decimal places any of its terms
 * has in its shortest form, and rounded to that many places when read. The exact sum of such terms
 * has no more places than that, and for counts and rates of the sizes targets have, the double's
 * error over millions of additions stays far below half a unit in that last place, so rounding
 * gives the exact decimal sum back. Terms with
 * more than MAX_DECIMALS places (1e-30, 1/3) carry no decimal intent: their sums are left as they are.
 */
const MAX_DECIMALS = 20;

export class DecimalSum {
  private sum = 0;
  private decimals = 0;

  /** The sum with `term` added, or undefined when it would not be a finite number. */
  peek(term: number): number | undefined {
    const sum = this.sum + term;
    return Number.isFinite(sum) ? sum : undefined;
  }

  add(term: number): void {
    this.sum += term;
    this.decimals = Math.max(this.decimals, decimalsOf(term));
  }

  get value(): number {
    return this.decimals === 0 || this.decimals > MAX_DECIMALS ? this.sum : Number(this.sum.toFixed(this.decimals));
  }
}

/** Decimal places of the shortest form of a number: 12 → 0, 0.25 → 2, 1.5e-7 → 8. */
export const decimalsOf = (value: number): number => {
  if (Number.isInteger(value)) {
    return 0;
  }
  const [mantissa, exponent = '0'] = String(value).split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent));
};
