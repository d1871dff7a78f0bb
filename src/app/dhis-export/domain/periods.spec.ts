import { monthlyPeriods } from './periods';

describe('monthlyPeriods', () => {
  it('lists the current month and the 11 before it, newest first, labelled "MMMM, YYYY"', () => {
    const { periods } = monthlyPeriods(new Date(2024, 5, 15, 13, 30));
    expect(periods.length).toBe(12);
    expect(periods[0].label).toBe('June, 2024');
    expect(periods[1].label).toBe('May, 2024');
    expect(periods[11].label).toBe('July, 2023');
  });

  it('uses the first day of each month at local midnight as value', () => {
    const { periods } = monthlyPeriods(new Date(2024, 2, 31, 23, 59, 59));
    expect(periods[0].value).toBe(new Date(2024, 2, 1).getTime());
    // 31 March minus one month must not land on 2 March (February has no 31st)
    expect(periods[1].value).toBe(new Date(2024, 1, 1).getTime());
    expect(periods[1].label).toBe('February, 2024');
  });

  it('crosses the year boundary', () => {
    const { periods, preselected } = monthlyPeriods(new Date(2025, 0, 1, 0, 0, 0));
    expect(periods[0].label).toBe('January, 2025');
    expect(periods[1].label).toBe('December, 2024');
    expect(periods[1].value).toBe(new Date(2024, 11, 1).getTime());
    expect(preselected).toBe(new Date(2024, 11, 1).getTime());
  });

  it('preselects the previous month, the last complete one', () => {
    const { periods, preselected } = monthlyPeriods(new Date(2024, 6, 31, 23, 59));
    expect(preselected).toBe(periods[1].value);
    expect(preselected).toBe(new Date(2024, 5, 1).getTime());
  });

  it('keeps each month once and strictly decreasing', () => {
    const { periods } = monthlyPeriods(new Date(2024, 9, 27));
    const values = periods.map((p) => p.value);
    expect(new Set(values).size).toBe(12);
    values.slice(1).forEach((value, i) => expect(value).toBeLessThan(values[i]));
  });
});
