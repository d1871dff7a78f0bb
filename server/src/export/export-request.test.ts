import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import qs from 'qs';
import { inTimeZone } from '../../test/time-zone';
import { ExportError } from './export-error';
import { parseExportRequest } from './export-request';
import { reportingMonthOf } from './reporting-period';

/** A valid `filters[date][from]`, for tests about other parameters. */
const OCTOBER = Date.UTC(2026, 9, 15);
const fromQuery = (query: string) => parseExportRequest(qs.parse(query));
/** The month asked for, or the calendar month of date.from (a month start date of 1) on the server's clock. */
const monthOf = (input: unknown, now?: Date) => {
  const { period } = parseExportRequest(input, now);
  const { year, month } = period.type === 'Instant' ? reportingMonthOf(period.at, 1)!
    : period.type === 'Monthly' ? period : assert.fail(`not a month: ${JSON.stringify(period)}`);
  return `${year}-${String(month).padStart(2, '0')}`;
};
const DEFAULTS = { format: 'json', omitZeros: false } as const;
const rejects = (input: unknown, message: RegExp) => assert.throws(() => parseExportRequest(input), (error: unknown) =>
  error instanceof ExportError && error.status === 400 && message.test(error.message));

describe('parseExportRequest', () => {
  it('reads qs-style query parameters', () => {
    assert.deepEqual(fromQuery('filters[dataSet]=ds1&filters[period]=202610&filters[orgUnit]=ou1&options[humanReadable]=true'),
      { dataSet: 'ds1', period: { type: 'Monthly', year: 2026, month: 10 }, orgUnit: 'ou1', humanReadable: true, ...DEFAULTS });
  });

  it('reads a JSON body', () => {
    assert.deepEqual(parseExportRequest({ filters: { dataSet: 'ds1', period: '202701' }, options: { humanReadable: false } }),
      { dataSet: 'ds1', period: { type: 'Monthly', year: 2027, month: 1 }, humanReadable: false, ...DEFAULTS });
  });

  it('reads a CHT client\'s JSON body, with the instant of date.from', () => inTimeZone('UTC', () => {
    assert.deepEqual(parseExportRequest({ filters: { dataSet: 'ds1', date: { from: Date.UTC(2026, 9, 15) } }, options: { humanReadable: false } }),
      { dataSet: 'ds1', period: { type: 'Instant', at: Date.UTC(2026, 9, 15) }, humanReadable: false, ...DEFAULTS });
  }));

  it('treats an empty org unit as all places', () => {
    assert.equal(fromQuery('filters[dataSet]=ds1&filters[period]=202610&filters[orgUnit]=').orgUnit, undefined);
  });

  it('requires a data set and a month', () => {
    rejects(undefined, /filter "dataSet" is required/);
    rejects({ filters: { period: '202610' } }, /filter "dataSet" is required/);
    rejects({ filters: { dataSet: 'ds1' } }, /filter "period" is required: the DHIS2 period to export, such as "202610".*"2026Q3".*"2026".*or.*"date.from"/);
    rejects({ filters: { dataSet: 'ds1', date: {} } }, /filter "period" is required/);
    rejects(qs.parse('filters[dataSet]=ds1&filters[period]='), /filter "period" is required/);
  });

  describe('filters[period]', () => {
    it('names the month whatever the server\'s time zone', async () => {
      for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC']) {
        await inTimeZone(zone, () => {
          assert.equal(monthOf(qs.parse('filters[dataSet]=ds1&filters[period]=202601')), '2026-01', zone);
          assert.equal(monthOf(qs.parse('filters[dataSet]=ds1&filters[period]=202512')), '2025-12', zone);
          assert.equal(monthOf(qs.parse('filters[dataSet]=ds1&filters[period]=202610')), '2026-10', zone);
        });
      }
    });

    it('takes months 01 to 12 of the years 1900 to 2999', () => {
      assert.equal(monthOf({ filters: { dataSet: 'ds1', period: '190001' } }), '1900-01');
      assert.equal(monthOf({ filters: { dataSet: 'ds1', period: '299912' } }), '2999-12');
      rejects({ filters: { dataSet: 'ds1', period: '202600' } }, /"period" must name a month 01–12 or a quarter Q1–Q4 of a year from 1900 to 2999.*"202600"/);
      rejects({ filters: { dataSet: 'ds1', period: '202613' } }, /month 01–12.*"202613"/);
      rejects({ filters: { dataSet: 'ds1', period: '189912' } }, /year from 1900 to 2999/);
      rejects({ filters: { dataSet: 'ds1', period: '300001' } }, /year from 1900 to 2999/);
    });

    it('is YYYYMM, YYYYQn or YYYY and nothing else', () => {
      for (const period of ['2026-10', '2026q3', '2026Q', '2026Q03', '2026-Q3', '26', '20261', '2026100', ' 202610', '202610 ', '2026M10', '202610\n', 'October', '２０２６１０']) {
        rejects({ filters: { dataSet: 'ds1', period } }, /"period" must be a DHIS2 period, YYYYMM, YYYYQn or YYYY, such as "202610" for October 2026/);
      }
      rejects({ filters: { dataSet: 'ds1', period: 202610 } }, /YYYYMM, YYYYQn or YYYY.*got "202610"/);
      rejects({ filters: { dataSet: 'ds1', period: { year: 2026 } } }, /YYYYMM, YYYYQn or YYYY/);
      rejects(qs.parse('filters[dataSet]=ds1&filters[period]=202610&filters[period]=202611'), /"period" must be given once, not 2 times/);
      rejects(qs.parse('filters[dataSet]=ds1&filters[period][x]=1'), /YYYYMM, YYYYQn or YYYY/);
    });

    it('takes quarters and years', () => {
      assert.deepEqual(parseExportRequest({ filters: { dataSet: 'ds1', period: '2026Q3' } }).period, { type: 'Quarterly', year: 2026, quarter: 3 });
      assert.deepEqual(parseExportRequest({ filters: { dataSet: 'ds1', period: '2026Q1' } }).period, { type: 'Quarterly', year: 2026, quarter: 1 });
      assert.deepEqual(parseExportRequest({ filters: { dataSet: 'ds1', period: '2026' } }).period, { type: 'Yearly', year: 2026 });
      rejects({ filters: { dataSet: 'ds1', period: '2026Q5' } }, /quarter Q1–Q4.*"2026Q5"/);
      rejects({ filters: { dataSet: 'ds1', period: '2026Q0' } }, /quarter Q1–Q4.*"2026Q0"/);
      rejects({ filters: { dataSet: 'ds1', period: '3000' } }, /year from 1900 to 2999/);
    });

    it('decides the month when date.from is given too, which must still be a timestamp', () => inTimeZone('UTC', () => {
      // a browser in Nairobi sending both: 1 October at its midnight is still 30 September in UTC
      const octoberInNairobi = Date.UTC(2026, 8, 30, 21);
      assert.equal(monthOf(qs.parse(`filters[dataSet]=ds1&filters[period]=202610&filters[date][from]=${octoberInNairobi}`)), '2026-10');
      assert.equal(monthOf(qs.parse(`filters[dataSet]=ds1&filters[date][from]=${octoberInNairobi}`)), '2026-09');
      rejects(qs.parse('filters[dataSet]=ds1&filters[period]=202610&filters[date][from]=yesterday'), /must be a timestamp in milliseconds/);
    }));
  });

  describe('filters[date][from]', () => {
    const monthAt = (instant: number) => monthOf({ filters: { dataSet: 'ds1', date: { from: String(instant) } } });

    it('is read in the server\'s time zone, to the millisecond at the month boundary', async () => {
      const lastMsOfSeptemberUtc = Date.UTC(2026, 8, 30, 23, 59, 59, 999);
      await inTimeZone('UTC', () => {
        assert.equal(monthAt(lastMsOfSeptemberUtc), '2026-09');
        assert.equal(monthAt(lastMsOfSeptemberUtc + 1), '2026-10');
      });
      // UTC+3: October starts at 21:00 UTC on 30 September
      await inTimeZone('Africa/Nairobi', () => {
        assert.equal(monthAt(Date.UTC(2026, 8, 30, 20, 59, 59, 999)), '2026-09');
        assert.equal(monthAt(Date.UTC(2026, 8, 30, 21)), '2026-10');
      });
      // UTC−5: October ends at 05:00 UTC on 1 November
      await inTimeZone('America/Bogota', () => {
        assert.equal(monthAt(Date.UTC(2026, 10, 1, 4, 59, 59, 999)), '2026-10');
        assert.equal(monthAt(Date.UTC(2026, 10, 1, 5)), '2026-11');
      });
    });

    it('crosses the change of year in the server\'s time zone', async () => {
      // UTC+14: 2027 starts at 10:00 UTC on 31 December
      await inTimeZone('Pacific/Kiritimati', () => {
        assert.equal(monthAt(Date.UTC(2026, 11, 31, 9, 59, 59, 999)), '2026-12');
        assert.equal(monthAt(Date.UTC(2026, 11, 31, 10)), '2027-01');
      });
      // UTC−11: 2027 starts at 11:00 UTC on 1 January
      await inTimeZone('Pacific/Pago_Pago', () => {
        assert.equal(monthAt(Date.UTC(2027, 0, 1, 10, 59, 59, 999)), '2026-12');
        assert.equal(monthAt(Date.UTC(2027, 0, 1, 11)), '2027-01');
      });
    });

    it('must fall in the years 2000 to next year: seconds instead of milliseconds are refused', () => inTimeZone('UTC', () => {
      const now = new Date(Date.UTC(2026, 10, 25));
      const monthAtNow = (from: number) => monthOf({ filters: { dataSet: 'ds1', date: { from } } }, now);
      const refused = (from: number, year: number) => assert.throws(() => parseExportRequest({ filters: { dataSet: 'ds1', date: { from } } }, now),
        (error: unknown) => error instanceof ExportError && error.status === 400 && error.message ===
          `filter "date.from" must be a timestamp in milliseconds from 2000 to 2027, such as 1767225600000; got ${from} (year ${year}): ` +
          'did you send seconds instead of milliseconds?');
      assert.equal(monthAtNow(Date.UTC(2000, 0, 1)), '2000-01');
      assert.equal(monthAtNow(Date.UTC(2027, 11, 31, 23, 59, 59, 999)), '2027-12');
      refused(Math.floor(Date.UTC(2026, 9, 15) / 1000), 1970);
      refused(Date.UTC(1999, 11, 31, 23, 59, 59, 999), 1999);
      refused(Date.UTC(2028, 0, 1), 2028);
      refused(8640000000000000, 275760);
      refused(-1, 1969);
    }));
  });

  it('rejects a month that is not a number', () => {
    rejects(qs.parse('filters[dataSet]=ds1&filters[date][from]=last-month'), /must be a timestamp in milliseconds.*"last-month"/);
    rejects({ filters: { dataSet: 'ds1', date: { from: 'Infinity' } } }, /timestamp/);
    rejects({ filters: { dataSet: 'ds1', date: { from: 9e15 } } }, /timestamp/);
    rejects({ filters: { dataSet: 'ds1', date: { from: { $gt: 1 } } } }, /timestamp/);
  });

  it('rejects parameters given more than once', () => {
    rejects(qs.parse('filters[dataSet]=a&filters[dataSet]=b&filters[date][from]=1'), /"dataSet" must be given once, not 2 times/);
    rejects(qs.parse(`filters[dataSet]=a&filters[date][from]=${OCTOBER}&filters[date][from]=${OCTOBER}`), /"date.from" must be given once/);
    rejects(qs.parse(`filters[dataSet]=a&filters[date][from]=${OCTOBER}&filters[orgUnit][]=x&filters[orgUnit][]=y`), /"orgUnit" must be given once, not 2 times/);
  });

  it('rejects a list of one value without calling it given "1 times"', () => {
    rejects(qs.parse(`filters[dataSet]=a&filters[date][from]=${OCTOBER}&filters[orgUnit][]=x`), /^filter "orgUnit" must be a single value, not a list: filters\[orgUnit\]=…$/);
    rejects(qs.parse('filters[dataSet]=a&filters[period][]=202610'), /^filter "period" must be a single value, not a list/);
    rejects(qs.parse('filters[dataSet]=a&filters[date][from][]=1'), /^filter "date.from" must be a single value, not a list: filters\[date\]\[from\]=…$/);
  });

  it('asks for a JSON object when the body is another JSON value', () => {
    rejects(null, /^The request must be a JSON object such as \{ "filters": .*; got "null"$/);
    rejects([], /must be a JSON object.*got "\[\]"/);
    rejects(5, /must be a JSON object.*got "5"/);
  });

  it('rejects filters of the wrong shape', () => {
    rejects({ filters: 'ds1' }, /"filters" must be an object/);
    rejects({ filters: { dataSet: 'ds1', date: 5 } }, /"date" must be an object/);
    rejects({ filters: { dataSet: { id: 'x' }, period: '202610' } }, /"dataSet" must be a string/);
    rejects({ filters: { dataSet: 'ds1', date: { from: OCTOBER } }, options: 'yes' }, /"options" must be an object/);
    rejects({ filters: { dataSet: 'ds1', date: { from: OCTOBER } }, options: { humanReadable: 'maybe' } }, /"humanReadable" must be true or false/);
  });

  it('reads the file format and whether to omit zeros', () => {
    for (const format of ['json', 'csv', 'xml', 'adx']) {
      assert.equal(fromQuery(`filters[dataSet]=ds1&filters[period]=202610&options[format]=${format}`).format, format);
    }
    assert.equal(fromQuery('filters[dataSet]=ds1&filters[period]=202610&options[format]=').format, 'json');
    assert.equal(fromQuery('filters[dataSet]=ds1&filters[period]=202610&options[omitZeros]=true').omitZeros, true);
    assert.equal(parseExportRequest({ filters: { dataSet: 'ds1', period: '202610' }, options: { omitZeros: true, format: 'csv' } }).omitZeros, true);
    rejects(qs.parse('filters[dataSet]=ds1&filters[period]=202610&options[format]=xlsx'), /option "format" must be one of json, csv, xml, adx; got "xlsx"/);
    rejects(qs.parse('filters[dataSet]=ds1&filters[period]=202610&options[format]=CSV'), /option "format" must be one of/);
    rejects(qs.parse('filters[dataSet]=ds1&filters[period]=202610&options[format]=csv&options[format]=xml'), /"format" must be given once/);
    rejects(qs.parse('filters[dataSet]=ds1&filters[period]=202610&options[omitZeros]=yes'), /"omitZeros" must be true or false/);
  });

  it('rejects huge values with a short message', () => {
    const huge = 'x'.repeat(100_000);
    assert.throws(() => parseExportRequest({ filters: { dataSet: huge, date: { from: OCTOBER } } }), (error: Error) =>
      /too long \(100000 characters/.test(error.message) && error.message.length < 200);
    assert.throws(() => parseExportRequest({ filters: { dataSet: 'ds1', date: { from: huge } } }), (error: Error) => error.message.length < 200);
  });
});
