/**
 * Writes every file the export writes for a small deployment — JSON, CSV, XML and ADX × a month, a
 * quarter and a year × all places and one place — into the folder given, each beside the JSON
 * export it must match (`<name>.expected.json`: the values as DHIS2 should map them), and controls
 * (`control-*`) in the CHT's own shape, which DHIS2 2.43's readers must not take.
 *
 *   node --import tsx scripts/dhis2-conformance/write-files.ts OUT_DIR
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ContactIndex } from '../../server/src/sources/contact-index';
import { exportDataValueSet } from '../../server/src/export/export-data-value-set';
import { formats, FORMAT_NAMES } from '../../server/src/export/formats';
import { followUpOf } from '../../server/src/export/formats/json';
import { parseDhisPeriod, type DhisPeriod } from '../../server/src/export/reporting-period';
import { PouchExportSource } from '../../server/src/sources/pouch-export-source';
import { memoryMedic } from '../../server/test/memory-db';

const [outDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: write-files.ts OUT_DIR');
  process.exit(2);
}

const DATA_SETS = [
  { id: 'dsMonthly01', period: '202610' },
  { id: 'dsQuarter01', periodType: 'Quarterly', period: '2026Q3' },
  { id: 'dsYearly001', periodType: 'Yearly', period: '2026' },
];
const settings = {
  _id: 'settings',
  settings: {
    dhis_data_sets: DATA_SETS.map(({ id, periodType }) => ({ id, ...(periodType ? { periodType } : {}) })),
    tasks: { targets: { items: [
      { id: 'births', dhis: { dataElement: 'deBirths0001' } },
      { id: 'deliveries', dhis: { dataElement: 'deDeliver001', categoryOptionCombo: 'cocFacility', attributeOptionCombo: 'aocPartner1' } },
      { id: 'visits', dhis: { dataElement: 'deHhVisit01', followUp: true, comment: 'from the CHT' } },
    ] } },
  },
};
const places = [
  { _id: 'district', type: 'district_hospital', name: 'District', dhis: { orgUnit: 'ouDistrict1' } },
  { _id: 'hc1', type: 'health_center', name: 'North', dhis: { orgUnit: 'ouNorth0001' }, parent: { _id: 'district' } },
  { _id: 'hc2', type: 'health_center', name: 'South', dhis: { orgUnit: 'ouSouth0001' }, parent: { _id: 'district' } },
  { _id: 'chw1', type: 'person', name: 'One', parent: { _id: 'hc1', parent: { _id: 'district' } } },
  { _id: 'chw2', type: 'person', name: 'Two', parent: { _id: 'hc2', parent: { _id: 'district' } } },
];
const target = (month: string, owner: string, births: number, deliveries: number, visits: number) => ({
  _id: `target~${month}~${owner}~org.couchdb.user:${owner}`, type: 'target', owner, user: `org.couchdb.user:${owner}`, reporting_period: month,
  targets: [{ id: 'births', value: { total: births } }, { id: 'deliveries', value: { total: deliveries } }, { id: 'visits', value: { total: visits } }],
});
// Values a double would write with an exponent: 1e-7 and 4e21.
const targets = ['2026-08', '2026-09', '2026-10'].flatMap((month, i) => [target(month, 'chw1', 3 + i, 1e-7, 12), target(month, 'chw2', 4e21, 2, 0.5)]);

const main = async () => {
  const db = await memoryMedic([settings, ...places, ...targets]);
  const source = new PouchExportSource(db, new ContactIndex(db));
  const now = new Date('2026-11-05T09:00:00Z');
  await mkdir(outDir, { recursive: true });
  let written = 0;
  for (const { id, period } of DATA_SETS) {
    for (const orgUnit of [undefined, 'ouNorth0001']) {
      const request = { dataSet: id, period: parseDhisPeriod(period) as DhisPeriod, humanReadable: false, format: 'json' as const, omitZeros: false, ...(orgUnit ? { orgUnit } : {}) };
      const { dataValueSet, period: resolved } = await exportDataValueSet(source, request, now);
      const base = `${id}-${period}-${orgUnit ?? 'all'}`;
      const expected = dataValueSet.dataValues.map(value => ({
        dataElement: value.dataElement, orgUnit: value.orgUnit, period,
        categoryOptionCombo: value['categoryOptionCombo'] ?? null, attributeOptionCombo: value['attributeOptionCombo'] ?? null,
      followUp: followUpOf(value) ?? false,
        value: JSON.parse(formats.json.serialize({ ...dataValueSet, dataValues: [value] }, { period: resolved, now })).dataValues[0].value,
      }));
      await writeFile(path.join(outDir, `${base}.expected.json`), JSON.stringify(expected, null, 1));
      // Controls, which DHIS2 2.43's readers must refuse or misread: the CHT's own JSON (values as
      // numbers, completeDate without an org unit), a CSV with a byte order mark and CRLF, ...
      const cht = { dataSet: dataValueSet.dataSet, completeDate: dataValueSet.completeDate, period: dataValueSet.period, dataValues: dataValueSet.dataValues };
      await writeFile(path.join(outDir, `control-cht-${base}.json`), JSON.stringify(cht));
      await writeFile(path.join(outDir, `control-cht-${base}.expected.json`), JSON.stringify(expected));
      const csv = formats.csv.serialize(dataValueSet, { period: resolved, now });
      await writeFile(path.join(outDir, `control-bom-crlf-${base}.csv`), `\ufeff${csv.replace(/\n/g, '\r\n')}`);
      await writeFile(path.join(outDir, `control-bom-crlf-${base}.expected.json`), JSON.stringify(expected));
      // and ADX without the default option combos, which 2.43 reads as naming category options
      const adx = formats.adx.serialize(dataValueSet, { period: resolved, now }).replace(/ (categoryOptionCombo|attributeOptionCombo)="HllvX50cXC0"/g, '');
      await writeFile(path.join(outDir, `control-nocombo-${base}.adx.xml`), adx);
      await writeFile(path.join(outDir, `control-nocombo-${base}.expected.json`), JSON.stringify(expected));
      for (const name of FORMAT_NAMES) {
        const format = formats[name];
        await writeFile(path.join(outDir, `${base}.${format.extension}`), format.serialize(dataValueSet, { period: resolved, now }));
        written++;
      }
    }
  }
  console.log(`${written} files written to ${outDir}`);
  await db.destroy();
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
