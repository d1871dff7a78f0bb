import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ExportPreview } from '../export/export-preview';
import type { PreviewCheck } from '../export/preview-checks';
import { checkReport, checksFired } from './check-report';

const preview = (checks: ExportPreview['checks']): ExportPreview => ({
  dataSet: { id: 'dsMonthly01', name: 'Monthly' },
  period: '202610',
  periodEnd: '2026-10-31T23:59:59.999Z',
  fileName: 'dhis-dsMonthly01-202610.json',
  digest: 'x',
  counts: { targetDocs: 3, counted: 3, malformed: 0, dataValues: 2, healthWorkers: 4 },
  dataValues: [],
  totals: [],
  coverage: [{
    orgUnit: 'ouNorth0001', orgUnitName: 'North', expected: 4, reported: 3, stale: 1,
    missingWorkers: [{ user: 'org.couchdb.user:cat', name: 'cat', lastUpdate: null }],
    staleWorkers: [{ user: 'org.couchdb.user:ben', name: 'ben', lastUpdate: '2026-10-20T10:00:00.000Z' }],
  }],
  checks,
});

describe('checkReport', () => {
  it('lists each org unit\'s coverage, and the missing and stale health workers by name', () => {
    const report = checkReport(preview([]));
    assert.match(report, /^DHIS2 data set Monthly \(dsMonthly01\), period 202610: 2 data values from 3 target docs/);
    assert.match(report, /Checks: none fired\./);
    assert.match(report, /North \(ouNorth0001\): 4 expected, 3 reported, 1 stale\n {4}no target doc: cat\n {4}stale: ben \(last update 2026-10-20\)/);
  });

  it('fires on errors and warnings, not on a notice alone', () => {
    assert.equal(checksFired(preview([])), false);
    const zeros = { code: 'zero-values', severity: 'notice', message: '2 of 2 values are 0', params: { zeros: 2, values: 2 }, count: 2, ids: [] } satisfies PreviewCheck;
    assert.equal(checksFired(preview([zeros])), false);
    const empty = { code: 'empty-period', severity: 'error', message: 'No target doc', params: { period: '202610', orgUnit: '', targetDocs: 0 }, count: 0, ids: [] } satisfies PreviewCheck;
    assert.equal(checksFired(preview([empty, zeros])), true);
    const ids = { code: 'invalid-uid', severity: 'warning', message: 'Not UIDs', params: { count: 150, ids: 'a, b' }, count: 150, ids: ['a', 'b'] } satisfies PreviewCheck;
    assert.match(checkReport(preview([ids])), /WARNING invalid-uid: Not UIDs\n {10}ids: a, b \(and 148 more\)/);
  });
});
