import { numberFormat } from './numbers';

describe('numberFormat', () => {
  it('writes numbers as the language does, reading CHT codes with an underscore', () => {
    expect(numberFormat('fr')(10000)).toMatch(/^10\s000$/);
    expect(numberFormat('en_GB')(10000)).toBe('10,000');
  });

  it('falls back to the browser default for a code Intl does not know, instead of throwing', () => {
    expect(() => numberFormat('my-lang!')).not.toThrow();
    expect(numberFormat('my-lang!')(12)).toBe(new Intl.NumberFormat().format(12));
  });
});
