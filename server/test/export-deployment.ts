import { chtDefaultSettings, chtTranslationDocs } from './fixtures';
import { memoryMedic } from './memory-db';
import { ContactIndex } from '../src/sources/contact-index';
import { PouchExportSource } from '../src/sources/pouch-export-source';
import type { DhisPeriod } from '../src/export/reporting-period';

/** A small deployment for the export pass's tests: two centres, two health workers, the CHT's default settings. */
export function monthly(year: number, month: number): DhisPeriod {
  return { type: 'Monthly', year, month };
}
/** The options every request has, at their defaults. */
export const DEFAULTS = { humanReadable: false, format: 'json', omitZeros: false } as const;

// The CHT default configuration: data set VMuFODsyWaO, births-this-month → kB0ZBFisE0e,
// facility-deliveries → e22tIwy1nKR with category and attribute option combos.
export const DS = 'VMuFODsyWaO';
export const october = monthly(2026, 10);

export const hierarchy = [
  { _id: 'district', type: 'district_hospital', name: 'Central District', dhis: { orgUnit: 'ouDistrict' } },
  { _id: 'hc1', type: 'health_center', name: 'North Centre', dhis: { orgUnit: 'ouNorth' }, parent: { _id: 'district' } },
  { _id: 'hc2', type: 'health_center', name: 'South Centre', dhis: { orgUnit: 'ouSouth', dataSet: 'other' }, parent: { _id: 'district' } },
  { _id: 'area1', type: 'clinic', name: 'Area 1', parent: { _id: 'hc1', parent: { _id: 'district' } } },
  { _id: 'chw1', type: 'person', name: 'Worker 1', parent: { _id: 'area1', parent: { _id: 'hc1', parent: { _id: 'district' } } } },
  { _id: 'chw2', type: 'person', name: 'Worker 2', parent: { _id: 'hc2', parent: { _id: 'district' } } },
];

export const target = (month: string, owner: string, births: number, deliveries = 0) => ({
  _id: `target~${month}~${owner}~org.couchdb.user:${owner}`,
  type: 'target', owner, user: `org.couchdb.user:${owner}`, reporting_period: month,
  targets: [
    { id: 'births-this-month', value: { pass: births, total: births } },
    { id: 'facility-deliveries', value: { pass: deliveries, total: deliveries, percent: 100 } },
    { id: 'deaths-this-month', value: { pass: 9, total: 9 } },
  ],
});

export const deployment = async (extra: object[] = [], settings: Record<string, unknown> = chtDefaultSettings(), pageSize?: number) => {
  const db = await memoryMedic([{ _id: 'settings', settings }, ...chtTranslationDocs(), ...hierarchy, ...extra]);
  return new PouchExportSource(db, new ContactIndex(db), pageSize);
};

export const valuesOf = (set: { dataValues: Array<{ orgUnit: string; dataElement: string; value: number }> }) =>
  Object.fromEntries(set.dataValues.map(({ orgUnit, dataElement, value }) => [`${orgUnit}/${dataElement}`, value]));
