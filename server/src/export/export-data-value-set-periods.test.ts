import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chtDefaultSettings } from '../../test/fixtures';
import { TIME_ZONES, inTimeZone } from '../../test/time-zone';
import { exportDataValueSet } from './export-data-value-set';
import { ExportError } from './export-error';
import { monthly, DEFAULTS, DS, october, target, deployment, valuesOf } from '../../test/export-deployment';

describe('exportDataValueSet: periods and the reporting month', () => {
  it('exports the month asked for, across the change of year, whatever the server\'s time zone', async () => {
    const source = await deployment([target('2026-11', 'chw1', 11), target('2026-12', 'chw1', 12), target('2027-01', 'chw1', 1)]);
    for (const zone of TIME_ZONES) {
      await inTimeZone(zone, async () => {
        for (const [month, period, births] of [[{ year: 2026, month: 12 }, '202612', 12], [{ year: 2027, month: 1 }, '202701', 1]] as const) {
          const { dataValueSet, fileName } = await exportDataValueSet(source, { dataSet: DS, period: monthly(month.year, month.month), ...DEFAULTS }, new Date());
          assert.equal(dataValueSet.period, period, zone);
          assert.equal(fileName, `dhis-${DS}-${period}.json`, zone);
          assert.equal(valuesOf(dataValueSet)['ouNorth/kB0ZBFisE0e'], births, zone);
        }
      });
    }
  });

  it('completes on the server\'s date, never before the first day of the period', async () => {
    const source = await deployment();
    // 22:00 UTC on 30 September: already 1 October east of UTC
    const now = new Date('2026-09-30T22:00:00Z');
    const completeDate = (zone: string, month: number) => inTimeZone(zone, async () =>
      (await exportDataValueSet(source, { dataSet: DS, period: monthly(2026, month), ...DEFAULTS }, now)).dataValueSet.completeDate);
    assert.equal(await completeDate('UTC', 9), '2026-09-30');
    assert.equal(await completeDate('UTC', 10), '2026-10-01');
    assert.equal(await completeDate('Africa/Nairobi', 10), '2026-10-01');
    assert.equal(await completeDate('Africa/Nairobi', 8), '2026-10-01');
    assert.equal(await completeDate('Pacific/Pago_Pago', 10), '2026-10-01');
    assert.equal(await completeDate('Pacific/Pago_Pago', 9), '2026-09-30');
  });

  it('reads the reporting month\'s docs when months start on another day than the 1st, as the CHT tags them', () => inTimeZone('UTC', async () => {
    const settings = { ...chtDefaultSettings(), uhc: { visit_count: { month_start_date: 26 } } };
    const source = await deployment([target('2026-10', 'chw1', 10), target('2026-11', 'chw1', 11)], settings);
    // 28 October falls in 26 October – 25 November, which devices file under 2026-11.
    const instant = { type: 'Instant', at: Date.UTC(2026, 9, 28, 12) } as const;
    const byInstant = await exportDataValueSet(source, { dataSet: DS, period: instant, ...DEFAULTS }, new Date(Date.UTC(2026, 10, 26)));
    assert.equal(byInstant.dataValueSet.period, '202611');
    assert.equal(valuesOf(byInstant.dataValueSet)['ouNorth/kB0ZBFisE0e'], 11);
    const byPeriod = await exportDataValueSet(source, { dataSet: DS, period: october, ...DEFAULTS }, new Date(Date.UTC(2026, 10, 26)));
    assert.equal(byPeriod.dataValueSet.period, '202610');
    assert.equal(valuesOf(byPeriod.dataValueSet)['ouNorth/kB0ZBFisE0e'], 10);
    // the day after the reporting month started is not before the period's first day (26 September)
    const early = await exportDataValueSet(source, { dataSet: DS, period: october, ...DEFAULTS }, new Date(Date.UTC(2026, 8, 27)));
    assert.equal(early.dataValueSet.completeDate, '2026-09-27');
    const earlier = await exportDataValueSet(source, { dataSet: DS, period: october, ...DEFAULTS }, new Date(Date.UTC(2026, 8, 20)));
    assert.equal(earlier.dataValueSet.completeDate, '2026-09-26');
  }));

  const withPeriodType = (periodType: unknown) => ({
    ...chtDefaultSettings(), uhc: { month_start_date: 28 }, dhis_data_sets: [{ id: DS, translation_key: 'dhis.dataset.monthly.integration', periodType }],
  });
  const months = (year: number, births: (month: number) => number) => Array.from({ length: 12 }, (_, i) =>
    target(`${year}-${String(i + 1).padStart(2, '0')}`, 'chw1', births(i + 1), 1));

  it('sums the target docs of a quarter\'s months for a quarterly data set', async () => {
    const source = await deployment([...months(2026, month => month * 100), target('2026-08', 'chw2', 5), target('2025-09', 'chw1', 7)],
      withPeriodType('Quarterly'));
    const result = await exportDataValueSet(source, { dataSet: DS, period: { type: 'Quarterly', year: 2026, quarter: 3 }, ...DEFAULTS },
      new Date(2026, 9, 5));
    assert.equal(result.dataValueSet.period, '2026Q3');
    assert.equal(result.fileName, `dhis-${DS}-2026Q3.json`);
    assert.deepEqual(result.counts, { targetDocs: 4, counted: 4, malformed: 0 });
    assert.equal(valuesOf(result.dataValueSet)['ouNorth/kB0ZBFisE0e'], 700 + 800 + 900);
    assert.equal(valuesOf(result.dataValueSet)['ouDistrict/kB0ZBFisE0e'], 700 + 800 + 900 + 5);
    assert.equal(valuesOf(result.dataValueSet)['ouNorth/e22tIwy1nKR'], 3);
    // an instant: the quarter of the reporting month it falls in (28 September starts October's, with the 28th as start day)
    const instant = await exportDataValueSet(source, { dataSet: DS, period: { type: 'Instant', at: new Date(2026, 8, 28, 12).valueOf() }, ...DEFAULTS });
    assert.equal(instant.dataValueSet.period, '2026Q4');
  });

  it('sums the target docs of the twelve months for a yearly data set', async () => {
    const source = await deployment([...months(2026, month => month), target('2027-01', 'chw1', 1000)], withPeriodType('Yearly'));
    const result = await exportDataValueSet(source, { dataSet: DS, period: { type: 'Yearly', year: 2026 }, ...DEFAULTS }, new Date(2027, 0, 5));
    assert.equal(result.dataValueSet.period, '2026');
    assert.equal(valuesOf(result.dataValueSet)['ouNorth/kB0ZBFisE0e'], 78);
    assert.equal(result.counts.targetDocs, 12);
  });

  it('refuses a period of another type than the data set\'s, and a period type it does not know', async () => {
    const quarterly = await deployment([], withPeriodType('Quarterly'));
    await assert.rejects(exportDataValueSet(quarterly, { dataSet: DS, period: october, ...DEFAULTS }), (error: ExportError) =>
      error.status === 400 && error.message === `dataSet "${DS}" reports quarterly: ask for a Quarterly period such as "2026Q3", not monthly "202610"`);
    const monthlyOnly = await deployment();
    await assert.rejects(exportDataValueSet(monthlyOnly, { dataSet: DS, period: { type: 'Yearly', year: 2026 }, ...DEFAULTS }),
      /reports monthly: ask for a Monthly period such as "202610", not yearly "2026"/);
    for (const periodType of ['Weekly', 'quarterly', 3]) {
      await assert.rejects(exportDataValueSet(await deployment([], withPeriodType(periodType)), { dataSet: DS, period: october, ...DEFAULTS }),
        (error: ExportError) => error.status === 400 && error.message.startsWith(`dataSet "${DS}" has periodType ${JSON.stringify(periodType)}, which this export does not know: ` +
          'set "periodType" in "dhis_data_sets" to "Monthly" (the default), "Quarterly" or "Yearly"'));
    }
    for (const periodType of [undefined, null, '', 'Monthly']) {
      const { dataValueSet } = await exportDataValueSet(await deployment([], withPeriodType(periodType)), { dataSet: DS, period: october, ...DEFAULTS });
      assert.equal(dataValueSet.period, '202610', String(periodType));
    }
  });
});
