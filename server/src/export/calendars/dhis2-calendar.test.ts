import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adxPeriodOf, calendarMismatch, type Dhis2Calendar } from './dhis2-calendar';
import { dhis2BsMonthDays, dhis2NepaliTableFor } from './dhis2-nepali-table';
import { monthDisagreements, monthLengthCheck } from './month-length-check';
import type { DhisPeriod } from '../reporting-period';

const nepali = (version = '2.43'): Dhis2Calendar => ({ name: 'nepali', version });
const iso: Dhis2Calendar = { name: 'iso8601', version: '2.43' };
const baisakh2081: DhisPeriod = { type: 'Monthly', year: 2081, month: 1, calendar: 'bikram-sambat' };
const jestha2081: DhisPeriod = { type: 'Monthly', year: 2081, month: 2, calendar: 'bikram-sambat' };

describe('DHIS2\'s Nepali calendar', () => {
  it('has the table of each release, from the tags dhis2-core carries it at', () => {
    assert.equal(dhis2NepaliTableFor('2.39.10').id, 'before-2025');
    assert.equal(dhis2NepaliTableFor('2.40.6').id, 'before-2025');
    assert.equal(dhis2NepaliTableFor('2.40.7').id, 'dhis2-core#19438');
    assert.equal(dhis2NepaliTableFor('2.42.0').id, 'dhis2-core#19438');
    assert.equal(dhis2NepaliTableFor('2.41.4.2').id, 'dhis2-core#20720');
    assert.equal(dhis2NepaliTableFor('2.42.1').id, 'dhis2-core#20720');
    assert.equal(dhis2NepaliTableFor('2.41.5').id, 'dhis2-core#20836');
    assert.equal(dhis2NepaliTableFor('2.43.1').id, 'dhis2-core#20836');
    assert.equal(dhis2NepaliTableFor('2.41').id, 'dhis2-core#20836', 'a branch without patch: its newest');
  });

  it('puts Baisakh 2081 on 13 April – 13 May 2024, as DHIS2\'s own tests do (208101 is not 202404)', () => {
    for (const version of ['2.39', '2.40.7', '2.41.4', '2.43']) {
      assert.deepEqual(dhis2BsMonthDays(dhis2NepaliTableFor(version), 2081, 1), { first: '2024-04-13', last: '2024-05-13', days: 31 }, version);
    }
    assert.equal(dhis2BsMonthDays(dhis2NepaliTableFor('2.43'), 1999, 1), undefined, 'DHIS2 counts from 2000 BS');
  });

  it('refuses to name a BS month in a Gregorian DHIS2, or a Gregorian month in a Nepali one', () => {
    assert.match(calendarMismatch(baisakh2081, iso)!, /BS month is not a Gregorian month.*DHIS2_CALENDAR=nepali/);
    assert.match(calendarMismatch({ type: 'Monthly', year: 2026, month: 10 }, nepali())!, /Gregorian month is not a BS month/);
    assert.equal(calendarMismatch(baisakh2081, nepali()), undefined);
    assert.equal(calendarMismatch({ type: 'Monthly', year: 2026, month: 10 }, iso), undefined);
  });

  it('states BS periods in ADX as a Nepali DHIS2 reads them back', () => {
    assert.equal(adxPeriodOf(baisakh2081, nepali()), '2024-04-13/P1M');
    // Kartik 2083, a quarter from Shrawan, and 2081 as the BS year holding 1 January 2025.
    assert.equal(adxPeriodOf({ type: 'Monthly', year: 2083, month: 7, calendar: 'bikram-sambat' }, nepali()), '2026-10-18/P1M');
    assert.equal(adxPeriodOf({ type: 'Quarterly', year: 2082, quarter: 2, calendar: 'bikram-sambat' }, nepali()), '2025-07-17/P3M');
    assert.equal(adxPeriodOf({ type: 'Yearly', year: 2081, calendar: 'bikram-sambat' }, nepali()), '2025-01-01/P1Y');
    // Ashadh 2081 starts a day earlier in DHIS2 2.41.4 than on the devices: ADX names DHIS2's first day.
    assert.equal(adxPeriodOf({ type: 'Monthly', year: 2081, month: 3, calendar: 'bikram-sambat' }, nepali('2.41.4')), '2024-06-14/P1M');
    assert.equal(adxPeriodOf({ type: 'Monthly', year: 2081, month: 3, calendar: 'bikram-sambat' }, nepali('2.43')), '2024-06-15/P1M');
    assert.equal(adxPeriodOf({ type: 'Monthly', year: 2026, month: 10 }, iso), '2026-10-01/P1M');
  });

  it('warns when a month of the period has other days in the DHIS2 than on the devices', () => {
    assert.deepEqual(monthDisagreements(jestha2081, nepali('2.41.4')), [{
      month: 'Jestha 2081', cht: { first: '2024-05-14', last: '2024-06-14' }, dhis2: { first: '2024-05-14', last: '2024-06-13' },
    }]);
    const check = monthLengthCheck(jestha2081, nepali('2.41.4'))!;
    assert.equal(check.code, 'nepali-month-lengths');
    assert.equal(check.severity, 'warning');
    assert.deepEqual(check.ids, ['Jestha 2081']);
    assert.match(check.message, /Jestha 2081 is 2024-05-14 – 2024-06-14 \(32 days\) on the devices and 2024-05-14 – 2024-06-13 \(31 days\) in DHIS2/);
    assert.equal(monthLengthCheck(jestha2081, nepali('2.43')), undefined);
    assert.equal(monthLengthCheck(baisakh2081, nepali('2.41.4')), undefined);
    // The year 2084 before the 2025 fixes: most months differ.
    assert.ok(monthLengthCheck({ type: 'Yearly', year: 2084, calendar: 'bikram-sambat' }, nepali('2.39'))!.count >= 10);
    assert.equal(monthLengthCheck(jestha2081, iso), undefined);
  });
});
