import moment from 'moment';
import { useMomentLocale } from './moment-locales';
import { monthlyPeriods } from './periods';

describe('monthlyPeriods', () => {
  // moment's locale is global: each spec says which it needs
  beforeEach(() => moment.locale('en'));
  afterEach(() => moment.locale('en'));

  it('names the months in the language of the page: "octobre 2026" in French', async () => {
    await useMomentLocale('fr_CA');
    expect(monthlyPeriods(new Date(2026, 10, 5)).periods[1]).toEqual({ value: '202610', label: 'octobre 2026' });
    await useMomentLocale('xx');
    expect(monthlyPeriods(new Date(2026, 10, 5)).periods[1]).toEqual({ value: '202610', label: 'October, 2026' });
  });

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
