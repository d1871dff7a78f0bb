import { monthlyPeriods, periodChoices, quarterlyPeriods, reportingMonthOf, yearlyPeriods } from './periods';

describe('monthlyPeriods', () => {
  it('lists the current month and the 11 before it, newest first, labelled "MMMM, YYYY"', () => {
    const { periods } = monthlyPeriods(new Date(2024, 5, 15, 13, 30));
    expect(periods.length).toBe(12);
    expect(periods[0]).toEqual({ value: '202406', label: 'June, 2024' });
    expect(periods[1]).toEqual({ value: '202405', label: 'May, 2024' });
    expect(periods[11]).toEqual({ value: '202307', label: 'July, 2023' });
  });

  it('values each month by its DHIS2 period, YYYYMM, from the local calendar at either end of a month', () => {
    expect(monthlyPeriods(new Date(2024, 2, 1, 0, 0, 0)).periods[0].value).toBe('202403');
    const { periods } = monthlyPeriods(new Date(2024, 2, 31, 23, 59, 59, 999));
    expect(periods[0].value).toBe('202403');
    // 31 March minus one month must not land on 2 March (February has no 31st)
    expect(periods[1]).toEqual({ value: '202402', label: 'February, 2024' });
  });

  it('crosses the year boundary', () => {
    const { periods, preselected } = monthlyPeriods(new Date(2025, 0, 1, 0, 0, 0));
    expect(periods[0]).toEqual({ value: '202501', label: 'January, 2025' });
    expect(periods[1]).toEqual({ value: '202412', label: 'December, 2024' });
    expect(preselected).toBe('202412');
    expect(monthlyPeriods(new Date(2024, 11, 31, 23, 59, 59, 999)).periods[0].value).toBe('202412');
  });

  it('preselects the previous month, the last complete one', () => {
    const { periods, preselected } = monthlyPeriods(new Date(2024, 6, 31, 23, 59));
    expect(preselected).toBe(periods[1].value);
    expect(preselected).toBe('202406');
  });

  it('keeps each month once and strictly decreasing', () => {
    const { periods } = monthlyPeriods(new Date(2024, 9, 27));
    const values = periods.map((p) => p.value);
    expect(new Set(values).size).toBe(12);
    values.slice(1).forEach((value, i) => expect(value < values[i]).toBeTrue());
  });
});

describe('reporting periods when months start on another day (month_start_date)', () => {
  it('lists reporting months with their dates, valued by the month their last day is in', () => {
    const { periods, preselected } = monthlyPeriods(new Date(2026, 9, 28), 12, 26);
    // 28 October is in 26 October – 25 November, which the CHT files under 2026-11
    expect(periods[0]).toEqual({ value: '202611', label: '26 October – 25 November 2026' });
    expect(periods[1]).toEqual({ value: '202610', label: '26 September – 25 October 2026' });
    expect(preselected).toBe('202610');
    expect(monthlyPeriods(new Date(2026, 9, 25), 1, 26).periods[0].value).toBe('202610');
  });

  it('writes both years across the change of year, and ends short months on their last day', () => {
    expect(monthlyPeriods(new Date(2027, 0, 10), 1, 28).periods[0]).toEqual({ value: '202701', label: '28 December 2026 – 27 January 2027' });
    expect(monthlyPeriods(new Date(2027, 2, 15), 3, 31).periods.map(({ label }) => label)).toEqual([
      '1 March – 30 March 2027',
      '31 January – 28 February 2027',
      '31 December 2026 – 30 January 2027',
    ]);
  });

  it('reads the day as the CHT does', () => {
    expect(reportingMonthOf(new Date(2026, 9, 28), 26)).toEqual({ year: 2026, month: 11 });
    expect(reportingMonthOf(new Date(2026, 9, 28), 1)).toEqual({ year: 2026, month: 10 });
    expect(reportingMonthOf(new Date(2026, 11, 31), 28)).toEqual({ year: 2027, month: 1 });
  });
});

describe('quarterlyPeriods and yearlyPeriods', () => {
  it('lists the current quarter and the 7 before it, valued YYYYQn, the previous one preselected', () => {
    const { periods, preselected } = quarterlyPeriods(new Date(2026, 7, 15));
    expect(periods.length).toBe(8);
    expect(periods[0]).toEqual({ value: '2026Q3', label: 'July – September 2026' });
    expect(periods[7]).toEqual({ value: '2024Q4', label: 'October – December 2024' });
    expect(preselected).toBe('2026Q2');
  });

  it('labels quarters with their dates when months start on another day', () => {
    expect(quarterlyPeriods(new Date(2026, 8, 27), 1, 26).periods[0]).toEqual({ value: '2026Q4', label: '26 September – 25 December 2026' });
    expect(quarterlyPeriods(new Date(2026, 8, 25), 1, 26).periods[0]).toEqual({ value: '2026Q3', label: '26 June – 25 September 2026' });
  });

  it('lists the current year and the 2 before it', () => {
    const { periods, preselected } = yearlyPeriods(new Date(2026, 7, 15));
    expect(periods).toEqual([
      { value: '2026', label: '2026' },
      { value: '2025', label: '2025' },
      { value: '2024', label: '2024' },
    ]);
    expect(preselected).toBe('2025');
    expect(yearlyPeriods(new Date(2026, 11, 30), 1, 28).periods[0]).toEqual({ value: '2027', label: '28 December 2026 – 27 December 2027' });
  });

  it('gives every period type its list', () => {
    const choices = periodChoices(new Date(2026, 7, 15), 1);
    expect(Object.keys(choices)).toEqual(['Monthly', 'Quarterly', 'Yearly']);
    expect(choices.Quarterly.periods.length).toBe(8);
  });
});
