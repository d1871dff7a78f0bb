/**
 * A value as DHIS2 reads a number: a plain decimal such as `0.0000001` or `1000000000000000000000`,
 * never `1e-7` or `1e+21`, which `String(number)` writes and DHIS2's number check refuses
 * (`MathUtils.NUMERIC_REGEXP`, `^(-?0|-?[1-9]\d*)(\.\d+)?$`, the same in 2.38 to 2.43).
 */
export const dhisNumber = (value: number): string => {
  if (!Number.isFinite(value)) {
    throw new RangeError(`${value} is not a number DHIS2 can store`);
  }
  if (Object.is(value, -0)) {
    return '0';
  }
  const text = String(value);
  const exponentAt = text.indexOf('e');
  if (exponentAt < 0) {
    return text;
  }
  const sign = text.startsWith('-') ? '-' : '';
  const mantissa = text.slice(sign.length, exponentAt);
  const exponent = Number(text.slice(exponentAt + 1));
  const [whole, fraction = ''] = mantissa.split('.');
  const digits = `${whole}${fraction}`;
  // Where the decimal point falls in `digits` once the exponent is applied.
  const point = whole!.length + exponent;
  if (point <= 0) {
    return `${sign}0.${'0'.repeat(-point)}${digits}`.replace(/0+$/, '');
  }
  if (point >= digits.length) {
    return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  }
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
};
