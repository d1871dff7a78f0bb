import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  bsDayOf, bsMonthName, bsReportingMonthDays, bsReportingMonthOfDay, bsReportingMonthOfGregorianDay, shiftBsMonth,
  usesBikramSambatMonths, type BsMonth,
} from '../../../../src/app/dhis-export/domain/calendars/bikram-sambat-months';

const tag = ({ year, month }: BsMonth) => `${year}-${String(month).padStart(2, '0')}`;
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * The first day (Gregorian, month-day) of each BS month 2081–2084, from DHIS2 2.43's Nepali table
 * (dhis2-core#20836): a source apart from bikram-sambat, which the devices use.
 */
const FIRST_DAYS: Record<number, string[]> = {
  2081: ['04-13', '05-14', '06-15', '07-16', '08-17', '09-17', '10-17', '11-16', '12-16', '01-14', '02-13', '03-14'],
  2082: ['04-14', '05-15', '06-15', '07-17', '08-17', '09-17', '10-18', '11-17', '12-16', '01-15', '02-13', '03-15'],
  2083: ['04-14', '05-15', '06-15', '07-17', '08-17', '09-17', '10-18', '11-17', '12-16', '01-15', '02-13', '03-15'],
  2084: ['04-14', '05-15', '06-15', '07-17', '08-17', '09-17', '10-17', '11-16', '12-16', '01-14', '02-13', '03-14'],
};
/** The Gregorian year a BS month's first day falls in: Baisakh–Poush in the year BS − 57, Magh–Chaitra in BS − 56. */
const firstDayOf = (year: number, month: number) => `${year - (month >= 10 ? 56 : 57)}-${FIRST_DAYS[year][month - 1]}`;

describe('Bikram Sambat reporting months, as the CHT counts them', () => {
  // cht-core e5cabd1, shared-libs/calendar-interval/test/index.js, "Bikram Sambat intervals": the same days.
  it('gives the CHT\'s own BS intervals and tags', () => {
    // 2026-07-05 is BS 2083-03-21; Ashadh 2083 has 32 days: 15 June – 16 July 2026.
    assert.deepEqual(bsDayOf('2026-07-05'), { year: 2083, month: 3, day: 21 });
    assert.deepEqual(bsReportingMonthDays({ year: 2083, month: 3 }, 1), { first: '2026-06-15', last: '2026-07-16' });
    assert.equal(tag(bsReportingMonthOfGregorianDay('2026-07-05', 1)!), '2083-03');
    // Start day 15 <= 21: Ashadh 15 – Shrawan 14 (29 June – 30 July), tagged with Shrawan, the month it ends in.
    assert.equal(tag(bsReportingMonthOfGregorianDay('2026-07-05', 15)!), '2083-04');
    assert.deepEqual(bsReportingMonthDays({ year: 2083, month: 4 }, 15), { first: '2026-06-29', last: '2026-07-30' });
    // Start day 15 > 6 (2026-06-20 is Ashadh 6): Jestha 15 – Ashadh 14 (29 May – 28 June).
    assert.equal(tag(bsReportingMonthOfGregorianDay('2026-06-20', 15)!), '2083-03');
    assert.deepEqual(bsReportingMonthDays({ year: 2083, month: 3 }, 15), { first: '2026-05-29', last: '2026-06-28' });
    // Start day 32: Jestha 2083 has 31 days, so the interval starts on Ashadh 1 and ends on Ashadh 31.
    assert.deepEqual(bsReportingMonthDays({ year: 2083, month: 3 }, 32), { first: '2026-06-15', last: '2026-07-15' });
    // The interval before: Jestha 2083, 15 May – 14 June 2026 (32 days).
    assert.deepEqual(bsReportingMonthDays({ year: 2083, month: 2 }, 1), { first: '2026-05-15', last: '2026-06-14' });
    // Year wrap forwards: 2027-03-29 is Chaitra 15, 2083; start day 5: Chaitra 5 – Baisakh 4 2084 (19 March – 17 April 2027).
    assert.equal(tag(bsReportingMonthOfGregorianDay('2027-03-29', 5)!), '2084-01');
    assert.deepEqual(bsReportingMonthDays({ year: 2084, month: 1 }, 5), { first: '2027-03-19', last: '2027-04-17' });
    // …and backwards: 2026-04-18 is Baisakh 5, 2083; start day 15: Chaitra 15 2082 – Baisakh 14 2083 (29 March – 27 April 2026).
    assert.equal(tag(bsReportingMonthOfGregorianDay('2026-04-18', 15)!), '2083-01');
    assert.deepEqual(bsReportingMonthDays({ year: 2083, month: 1 }, 15), { first: '2026-03-29', last: '2026-04-27' });
    // 2020-04-23 and 2018-02-15, from the CHT's test of its arguments.
    assert.deepEqual(bsReportingMonthDays({ year: 2077, month: 1 }, 1), { first: '2020-04-13', last: '2020-05-13' });
    assert.deepEqual(bsReportingMonthDays({ year: 2074, month: 11 }, 1), { first: '2018-02-13', last: '2018-03-14' });
  });

  it('tiles the days: every day in exactly one reporting month, for every start day, 2081–2084', () => {
    for (const startDay of [1, 10, 15, 28, 29, 30, 31, 32]) {
      let month: BsMonth = { year: 2081, month: 1 };
      let expectedFirst = bsReportingMonthDays(month, startDay).first;
      while (month.year <= 2084) {
        const { first, last } = bsReportingMonthDays(month, startDay);
        assert.equal(first, expectedFirst, `${tag(month)} from ${startDay}`);
        for (const day of [first, last]) {
          assert.deepEqual(bsReportingMonthOfGregorianDay(day, startDay), month, `${day}, start day ${startDay}`);
        }
        expectedFirst = nextDay(last);
        month = shiftBsMonth(month, 1);
      }
    }
  });

  it('puts the month boundaries of 2081–2084 where DHIS2 2.43\'s Nepali table puts them', () => {
    for (let year = 2081; year <= 2084; year++) {
      for (let month = 1; month <= 12; month++) {
        const { first, last } = bsReportingMonthDays({ year, month }, 1);
        assert.equal(first, firstDayOf(year, month), `${year}-${month}`);
        const following = shiftBsMonth({ year, month }, 1);
        if (FIRST_DAYS[following.year]) {
          assert.equal(nextDay(last), firstDayOf(following.year, following.month), `end of ${year}-${month}`);
        }
      }
    }
  });

  it('knows no day outside the years bikram-sambat has (the CHT falls back to Gregorian there)', () => {
    assert.equal(bsReportingMonthOfGregorianDay('1910-05-15', 15), undefined);
    assert.equal(bsReportingMonthOfGregorianDay('2150-05-15', 15), undefined);
  });

  it('reads the setting as the CHT does, and names months as its webapp does', () => {
    assert.equal(usesBikramSambatMonths({ uhc: { visit_count: { use_bikram_sambat_months: true } } }), true);
    assert.equal(usesBikramSambatMonths({ uhc: { visit_count: { use_bikram_sambat_months: false } } }), false);
    assert.equal(usesBikramSambatMonths({ uhc: { use_bikram_sambat_months: true } }), false);
    assert.equal(usesBikramSambatMonths({}), false);
    assert.equal(usesBikramSambatMonths({ uhc: null }), false);
    assert.equal(bsMonthName(7, 'ne'), 'कार्तिक');
    assert.equal(bsMonthName(7, 'ne-NP'), 'कार्तिक');
    assert.equal(bsMonthName(7, 'fr'), 'Kartik');
    assert.equal(bsMonthName(3, 'en'), 'Ashadh');
  });

  it('tags a day past the start day with the next month, in a year\'s last month too', () => {
    assert.deepEqual(bsReportingMonthOfDay({ year: 2083, month: 12, day: 20 }, 15), { year: 2084, month: 1 });
    assert.deepEqual(bsReportingMonthOfDay({ year: 2083, month: 12, day: 14 }, 15), { year: 2083, month: 12 });
  });
});
