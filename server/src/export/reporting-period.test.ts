import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TIME_ZONES, inTimeZone } from '../../test/time-zone';
import {
  dhisPeriodId, isoPeriod, monthStartDateOf, monthsOf, parseDhisPeriod, periodDates, periodOfMonth,
  reportingMonthDates, reportingMonthOf, reportingMonthOfDay,
} from './reporting-period';

const tag = ({ year, month }: { year: number; month: number }) => `${year}-${String(month).padStart(2, '0')}`;
const dates = (year: number, month: number, startDay: number) => {
  const { first, last } = reportingMonthDates({ year, month }, startDay);
  return `${first} – ${last}`;
};

describe('reporting months (the CHT\'s month_start_date)', () => {
  it('are calendar months with the default start day', () => {
    assert.equal(dates(2026, 10, 1), '2026-10-01 – 2026-10-31');
    assert.equal(dates(2028, 2, 1), '2028-02-01 – 2028-02-29');
    assert.equal(tag(reportingMonthOfDay(2026, 10, 31, 1)), '2026-10');
  });

  it('end on the day before the start day, and carry the month they end in', () => {
    // The case: month_start_date 26, 28 October is counted in the docs tagged 2026-11.
    assert.equal(tag(reportingMonthOfDay(2026, 10, 28, 26)), '2026-11');
    assert.equal(tag(reportingMonthOfDay(2026, 10, 25, 26)), '2026-10');
    assert.equal(tag(reportingMonthOfDay(2026, 10, 26, 26)), '2026-11');
    assert.equal(dates(2026, 10, 26), '2026-09-26 – 2026-10-25');
    assert.equal(dates(2026, 11, 26), '2026-10-26 – 2026-11-25');
    // Mali, Togo: from the 28th to the 27th; across the change of year.
    assert.equal(dates(2027, 1, 28), '2026-12-28 – 2027-01-27');
    assert.equal(tag(reportingMonthOfDay(2026, 12, 31, 28)), '2027-01');
    assert.equal(dates(2026, 3, 28), '2026-02-28 – 2026-03-27');
  });

  it('follow the CHT\'s intervals for a start day past the end of a month', () => {
    // As documented in cht-core shared-libs/calendar-interval for a start day of 31:
    // [12-31 -> 01-30], [01-31 -> 02-28], [03-01 -> 03-30], [03-31 -> 04-30], [05-01 -> 05-30], [05-31 -> 06-30]
    assert.deepEqual([1, 2, 3, 4, 5, 6].map(month => dates(2027, month, 31)), [
      '2026-12-31 – 2027-01-30', '2027-01-31 – 2027-02-28', '2027-03-01 – 2027-03-30',
      '2027-03-31 – 2027-04-30', '2027-05-01 – 2027-05-30', '2027-05-31 – 2027-06-30',
    ]);
    assert.equal(dates(2028, 2, 30), '2028-01-30 – 2028-02-29');
    assert.equal(dates(2028, 3, 30), '2028-03-01 – 2028-03-29');
  });

  it('cover every day exactly once, each day in the reporting month it is tagged with', () => {
    for (let startDay = 1; startDay <= 31; startDay++) {
      let previousLast: string | undefined;
      for (let year = 2024; year <= 2028; year++) {
        for (let month = 1; month <= 12; month++) {
          const { first, last } = reportingMonthDates({ year, month }, startDay);
          if (previousLast !== undefined) {
            const dayAfter = new Date(`${previousLast}T00:00:00Z`);
            dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
            assert.equal(first, dayAfter.toISOString().slice(0, 10), `start day ${startDay}, ${year}-${month}`);
          }
          previousLast = last;
          for (let day = new Date(`${first}T00:00:00Z`); day.toISOString().slice(0, 10) <= last; day.setUTCDate(day.getUTCDate() + 1)) {
            assert.deepEqual(reportingMonthOfDay(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), startDay), { year, month },
              `start day ${startDay}, ${day.toISOString()}`);
          }
        }
      }
    }
  });

  it('read an instant on the server\'s clock', async () => {
    for (const zone of TIME_ZONES) {
      await inTimeZone(zone, () => {
        assert.equal(tag(reportingMonthOf(new Date(2026, 9, 25, 23, 59, 59, 999).valueOf(), 26)!), '2026-10', zone);
        assert.equal(tag(reportingMonthOf(new Date(2026, 9, 26).valueOf(), 26)!), '2026-11', zone);
      });
    }
  });

  it('start on the day the settings say, as the CHT reads it', () => {
    assert.equal(monthStartDateOf({}), 1);
    assert.equal(monthStartDateOf({ uhc: { month_start_date: 26 } }), 26);
    assert.equal(monthStartDateOf({ uhc: { visit_count: { month_start_date: 28 } } }), 28);
    assert.equal(monthStartDateOf({ uhc: { month_start_date: 5, visit_count: { month_start_date: 28 } } }), 5);
    assert.equal(monthStartDateOf({ uhc: { month_start_date: '28' } }), 28);
    for (const junk of [0, 32, -3, 'x', null, {}, true]) {
      assert.equal(monthStartDateOf({ uhc: { month_start_date: junk } }), 1, String(junk));
    }
    assert.equal(monthStartDateOf({ uhc: 'x' }), 1);
  });
});

describe('DHIS2 periods', () => {
  it('are named as DHIS2 names them, and read back', () => {
    for (const id of ['202610', '202601', '2026Q1', '2026Q3', '2026']) {
      const period = parseDhisPeriod(id);
      assert.ok(period && period !== 'out of range', id);
      assert.equal(dhisPeriodId(period), id);
    }
    assert.equal(parseDhisPeriod('2026Q5'), 'out of range');
    assert.equal(parseDhisPeriod('202613'), 'out of range');
    assert.equal(parseDhisPeriod('2026W3'), undefined);
  });

  it('hold the months of their target docs', () => {
    assert.deepEqual(monthsOf({ type: 'Quarterly', year: 2026, quarter: 3 }).map(tag), ['2026-07', '2026-08', '2026-09']);
    assert.deepEqual(monthsOf({ type: 'Yearly', year: 2026 }).map(tag), Array.from({ length: 12 }, (_, i) => tag({ year: 2026, month: i + 1 })));
    assert.deepEqual(monthsOf({ type: 'Monthly', year: 2026, month: 10 }).map(tag), ['2026-10']);
    assert.deepEqual(periodOfMonth('Quarterly', { year: 2026, month: 9 }), { type: 'Quarterly', year: 2026, quarter: 3 });
    assert.deepEqual(periodOfMonth('Quarterly', { year: 2026, month: 10 }), { type: 'Quarterly', year: 2026, quarter: 4 });
    assert.deepEqual(periodOfMonth('Yearly', { year: 2026, month: 10 }), { type: 'Yearly', year: 2026 });
  });

  it('span their reporting months', () => {
    assert.deepEqual(periodDates({ type: 'Quarterly', year: 2026, quarter: 3 }, 26), { first: '2026-06-26', last: '2026-09-25' });
    assert.deepEqual(periodDates({ type: 'Yearly', year: 2027 }, 28), { first: '2026-12-28', last: '2027-12-27' });
    assert.deepEqual(periodDates({ type: 'Quarterly', year: 2026, quarter: 3 }, 1), { first: '2026-07-01', last: '2026-09-30' });
  });

  it('are ISO 8601 periods in ADX', () => {
    assert.equal(isoPeriod({ type: 'Monthly', year: 2026, month: 10 }), '2026-10-01/P1M');
    assert.equal(isoPeriod({ type: 'Quarterly', year: 2026, quarter: 3 }), '2026-07-01/P3M');
    assert.equal(isoPeriod({ type: 'Yearly', year: 2026 }), '2026-01-01/P1Y');
  });
});

describe('reporting periods of a Bikram Sambat deployment', () => {
  const bs = { uhc: { visit_count: { use_bikram_sambat_months: true, month_start_date: 15 } } };

  it('finds the BS month an instant falls in on the server\'s clock, as a device in its zone tags it (month_start_date 15)', async () => {
    for (const zone of TIME_ZONES) {
      await inTimeZone(zone, () => {
        // 5 November 2026 is Kartik 20, 2083: past the 15th, so in Kartik 15 – Mangsir 14, tagged Mangsir.
        assert.equal(tag(reportingMonthOf(new Date(2026, 10, 5, 12).valueOf(), 15, 'bikram-sambat')!), '2083-08', zone);
        // 31 October is Kartik 14: Kartik's.
        assert.equal(tag(reportingMonthOf(new Date(2026, 9, 31, 23, 59).valueOf(), 15, 'bikram-sambat')!), '2083-07', zone);
        assert.equal(tag(reportingMonthOf(new Date(2026, 9, 31, 23, 59).valueOf(), 1, 'bikram-sambat')!), '2083-07', zone);
        assert.equal(reportingMonthOf(Date.UTC(2150, 0, 1), 1, 'bikram-sambat'), undefined, 'beyond what bikram-sambat knows');
      });
    }
  });

  it('gives BS periods the Gregorian days of their BS reporting months', () => {
    assert.deepEqual(periodDates({ type: 'Monthly', year: 2083, month: 7, calendar: 'bikram-sambat' }, 1), { first: '2026-10-18', last: '2026-11-16' });
    assert.deepEqual(periodDates({ type: 'Monthly', year: 2083, month: 7, calendar: 'bikram-sambat' }, 15), { first: '2026-10-01', last: '2026-10-31' });
    assert.deepEqual(periodDates({ type: 'Quarterly', year: 2083, quarter: 1, calendar: 'bikram-sambat' }, 1), { first: '2026-04-14', last: '2026-07-16' });
    assert.deepEqual(periodDates({ type: 'Yearly', year: 2081, calendar: 'bikram-sambat' }, 1), { first: '2024-04-13', last: '2025-04-13' });
    assert.deepEqual(monthsOf({ type: 'Quarterly', year: 2083, quarter: 3, calendar: 'bikram-sambat' }).map(tag), ['2083-07', '2083-08', '2083-09']);
  });

  it('takes start days up to 32 in BS, as the CHT does', () => {
    assert.equal(monthStartDateOf({ uhc: { visit_count: { use_bikram_sambat_months: true, month_start_date: 32 } } }), 32);
    assert.equal(monthStartDateOf({ uhc: { visit_count: { use_bikram_sambat_months: true, month_start_date: 33 } } }), 1);
    assert.equal(monthStartDateOf({ uhc: { visit_count: { month_start_date: 32 } } }), 1);
    assert.equal(monthStartDateOf(bs), 15);
  });
});
