import { ExportPreview, PreviewValue } from './preview-models';

/** A preview as the server answers it, with `orgUnits` org units of `elements` data elements each. */
export function previewOf(orgUnits = 2, elements = 2, overrides: Partial<ExportPreview> = {}): ExportPreview {
  const dataValues: PreviewValue[] = [];
  for (let o = 1; o <= orgUnits; o++) {
    for (let e = 1; e <= elements; e++) {
      dataValues.push({
        orgUnit: `ou${String(o).padStart(9, '0')}`,
        orgUnitName: `Place ${o}`,
        dataElement: `de${String(e).padStart(9, '0')}`,
        ...(e === 2 ? { categoryOptionCombo: 'HllvX50cXC0' } : {}),
        targets: [{ id: `target-${e}`, title: `Target ${e}` }],
        value: o * e,
      });
    }
  }
  return {
    dataSet: { id: 'VMuFODsyWaO', name: 'Monthly summary' },
    period: '202410',
    periodEnd: '2024-10-31T23:59:59.999Z',
    fileName: 'dhis-VMuFODsyWaO-202410.json',
    counts: { targetDocs: 12, counted: 11, malformed: 1, dataValues: dataValues.length, healthWorkers: 3 },
    dataValues,
    totals: [{ dataElement: 'de000000001', targets: [{ id: 'target-1', title: 'Target 1' }], value: 3 }],
    coverage: [
      {
        orgUnit: 'ou000000001',
        orgUnitName: 'Place 1',
        expected: 3,
        reported: 2,
        stale: 1,
        missingWorkers: [{ user: 'org.couchdb.user:cat', name: 'Cat Otieno (cat)', lastUpdate: null }],
        staleWorkers: [{ user: 'org.couchdb.user:ben', name: 'Ben Ouma (ben)', lastUpdate: '2024-10-14T09:00:00.000Z' }],
      },
    ],
    checks: [
      { code: 'percent-target', severity: 'warning', message: 'facility-deliveries is a percent target: the export sends value.total.', count: 1, ids: ['facility-deliveries'] },
      { code: 'zero-values', severity: 'notice', message: '3 of 4 values are 0.', count: 3, ids: [] },
    ],
    ...overrides,
  };
}
