import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chtDefaultSettings, chtTranslationDocs } from '../../test/fixtures';
import { memoryMedic } from '../../test/memory-db';
import { TIME_ZONES, inTimeZone } from '../../test/time-zone';
import { exportDataValueSet, exportFileName } from './export-data-value-set';
import { ExportError } from './export-error';
import { ContactIndex } from './contact-index';
import { PouchExportSource } from './pouch-export-source';

// The CHT default configuration: data set VMuFODsyWaO, births-this-month → kB0ZBFisE0e,
// facility-deliveries → e22tIwy1nKR with category and attribute option combos.
const DS = 'VMuFODsyWaO';
const october = { year: 2026, month: 10 };

const hierarchy = [
  { _id: 'district', type: 'district_hospital', name: 'Central District', dhis: { orgUnit: 'ouDistrict' } },
  { _id: 'hc1', type: 'health_center', name: 'North Centre', dhis: { orgUnit: 'ouNorth' }, parent: { _id: 'district' } },
  { _id: 'hc2', type: 'health_center', name: 'South Centre', dhis: { orgUnit: 'ouSouth', dataSet: 'other' }, parent: { _id: 'district' } },
  { _id: 'area1', type: 'clinic', name: 'Area 1', parent: { _id: 'hc1', parent: { _id: 'district' } } },
  { _id: 'chw1', type: 'person', name: 'Worker 1', parent: { _id: 'area1', parent: { _id: 'hc1', parent: { _id: 'district' } } } },
  { _id: 'chw2', type: 'person', name: 'Worker 2', parent: { _id: 'hc2', parent: { _id: 'district' } } },
];

const target = (month: string, owner: string, births: number, deliveries = 0) => ({
  _id: `target~${month}~${owner}~org.couchdb.user:${owner}`,
  type: 'target', owner, user: `org.couchdb.user:${owner}`, reporting_period: month,
  targets: [
    { id: 'births-this-month', value: { pass: births, total: births } },
    { id: 'facility-deliveries', value: { pass: deliveries, total: deliveries, percent: 100 } },
    { id: 'deaths-this-month', value: { pass: 9, total: 9 } },
  ],
});

const deployment = async (extra: object[] = [], settings: Record<string, unknown> = chtDefaultSettings(), pageSize?: number) => {
  const db = await memoryMedic([{ _id: 'settings', settings }, ...chtTranslationDocs(), ...hierarchy, ...extra]);
  return new PouchExportSource(db, new ContactIndex(db), pageSize);
};

const valuesOf = (set: { dataValues: Array<{ orgUnit: string; dataElement: string; value: number }> }) =>
  Object.fromEntries(set.dataValues.map(({ orgUnit, dataElement, value }) => [`${orgUnit}/${dataElement}`, value]));

describe('exportDataValueSet', () => {
  it('exports the requested month from the CHT default settings, unchanged', async () => {
    const source = await deployment([
      target('2026-10', 'chw1', 2, 1), target('2026-10', 'chw2', 5, 5),
      target('2026-09', 'chw1', 40, 40), target('2026-11', 'chw1', 70, 70),
    ]);
    const { dataValueSet, fileName, counts } = await exportDataValueSet(source, { dataSet: DS, month: october, humanReadable: false }, new Date(2026, 10, 25));
    assert.equal(fileName, 'dhis-VMuFODsyWaO-202610.json');
    assert.deepEqual(counts, { targetDocs: 2, counted: 2, malformed: 0 });
    assert.deepEqual(dataValueSet, {
      dataSet: DS,
      completeDate: '2026-11-25',
      period: '202610',
      dataValues: [
        { dataElement: 'kB0ZBFisE0e', orgUnit: 'ouDistrict', value: 7 },
        { dataElement: 'e22tIwy1nKR', categoryOptionCombo: 'HllvX50cXC0', attributeOptionCombo: 'HllvX50cXC0', orgUnit: 'ouDistrict', value: 6 },
        { dataElement: 'kB0ZBFisE0e', orgUnit: 'ouNorth', value: 2 },
        { dataElement: 'e22tIwy1nKR', categoryOptionCombo: 'HllvX50cXC0', attributeOptionCombo: 'HllvX50cXC0', orgUnit: 'ouNorth', value: 1 },
      ],
    });
  });

  it('exports the month asked for, across the change of year, whatever the server\'s time zone', async () => {
    const source = await deployment([target('2026-11', 'chw1', 11), target('2026-12', 'chw1', 12), target('2027-01', 'chw1', 1)]);
    for (const zone of TIME_ZONES) {
      await inTimeZone(zone, async () => {
        for (const [month, period, births] of [[{ year: 2026, month: 12 }, '202612', 12], [{ year: 2027, month: 1 }, '202701', 1]] as const) {
          const { dataValueSet, fileName } = await exportDataValueSet(source, { dataSet: DS, month, humanReadable: false }, new Date());
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
      (await exportDataValueSet(source, { dataSet: DS, month: { year: 2026, month }, humanReadable: false }, now)).dataValueSet.completeDate);
    assert.equal(await completeDate('UTC', 9), '2026-09-30');
    assert.equal(await completeDate('UTC', 10), '2026-10-01');
    assert.equal(await completeDate('Africa/Nairobi', 10), '2026-10-01');
    assert.equal(await completeDate('Africa/Nairobi', 8), '2026-10-01');
    assert.equal(await completeDate('Pacific/Pago_Pago', 10), '2026-10-01');
    assert.equal(await completeDate('Pacific/Pago_Pago', 9), '2026-09-30');
  });

  it('reads target docs in pages and gives the same sums', async () => {
    const docs = Array.from({ length: 23 }, (_, i) => ({ ...target('2026-10', 'chw1', i), _id: `target~2026-10~chw1~user${String(i).padStart(2, '0')}` }));
    const whole = await exportDataValueSet(await deployment(docs), { dataSet: DS, month: october, humanReadable: false });
    const paged = await exportDataValueSet(await deployment(docs, chtDefaultSettings(), 5), { dataSet: DS, month: october, humanReadable: false });
    assert.equal(paged.counts.targetDocs, 23);
    assert.equal(valuesOf(paged.dataValueSet)['ouNorth/kB0ZBFisE0e'], (22 * 23) / 2);
    assert.deepEqual(paged.dataValueSet, whole.dataValueSet);
  });

  it('counts docs owned by a place, and docs of owners that no longer exist toward nothing', async () => {
    const source = await deployment([target('2026-10', 'gone', 4), target('2026-10', 'hc1', 3)]);
    const { dataValueSet, counts } = await exportDataValueSet(source, { dataSet: DS, month: october, humanReadable: false });
    assert.equal(valuesOf(dataValueSet)['ouNorth/kB0ZBFisE0e'], 3);
    assert.equal(valuesOf(dataValueSet)['ouDistrict/kB0ZBFisE0e'], 3);
    assert.deepEqual(counts, { targetDocs: 2, counted: 1, malformed: 0 });
  });

  it('filters by org unit', async () => {
    const source = await deployment([target('2026-10', 'chw1', 2), target('2026-10', 'chw2', 5)]);
    const { dataValueSet } = await exportDataValueSet(source, { dataSet: DS, month: october, orgUnit: 'ouNorth', humanReadable: false });
    assert.deepEqual(valuesOf(dataValueSet), { 'ouNorth/kB0ZBFisE0e': 2, 'ouNorth/e22tIwy1nKR': 0 });
  });

  it('refuses an org unit mapped to no place, or only to another data set', async () => {
    const source = await deployment([target('2026-10', 'chw2', 5)]);
    await assert.rejects(exportDataValueSet(source, { dataSet: DS, month: october, orgUnit: 'ouSouth', humanReadable: false }),
      (error: ExportError) => error.status === 400 && error.message.startsWith(`orgUnit ouSouth is not mapped to data set ${DS}:`));
    await assert.rejects(exportDataValueSet(source, { dataSet: DS, month: october, orgUnit: 'NOPE', humanReadable: false }),
      (error: ExportError) => error.status === 400 && error.message.startsWith(`orgUnit NOPE is not mapped to data set ${DS}:`));
  });

  it('limits targets with dhis.dataSet to that data set', async () => {
    const settings = chtDefaultSettings();
    (settings['dhis_data_sets'] as object[]).push({ id: 'other', translation_key: 'other.key' });
    const { dataValueSet } = await exportDataValueSet(await deployment([target('2026-10', 'chw2', 5)], settings),
      { dataSet: 'other', month: october, humanReadable: false });
    // Both CHT default targets have no dhis.dataSet, so they feed every data set; hc2 is mapped to "other" only.
    assert.deepEqual(valuesOf(dataValueSet), {
      'ouDistrict/kB0ZBFisE0e': 5, 'ouDistrict/e22tIwy1nKR': 0, 'ouNorth/kB0ZBFisE0e': 0, 'ouNorth/e22tIwy1nKR': 0,
      'ouSouth/kB0ZBFisE0e': 5, 'ouSouth/e22tIwy1nKR': 0,
    });
    const targets = (settings['tasks'] as { targets: { items: Array<{ id: string; dhis?: object }> } }).targets.items;
    targets.find(({ id }) => id === 'births-this-month')!.dhis = { dataElement: 'kB0ZBFisE0e', dataSet: DS };
    const limited = await exportDataValueSet(await deployment([], settings), { dataSet: 'other', month: october, humanReadable: false });
    assert.deepEqual(limited.dataValueSet.dataValues.map(row => row.dataElement), ['e22tIwy1nKR', 'e22tIwy1nKR', 'e22tIwy1nKR']);
  });

  it('exports targets and places with a null or "" data set, and numeric codes, as the CHT does', async () => {
    const settings = {
      dhis_data_sets: [{ id: DS }],
      tasks: { targets: { items: [
        { id: 'births-this-month', dhis: { dataElement: 104, dataSet: null } },
        { id: 'facility-deliveries', dhis: { dataElement: 'e22tIwy1nKR', dataSet: '' } },
      ] } },
    };
    const places = [
      { _id: 'numbered', type: 'health_center', name: 'Numbered', dhis: { orgUnit: 5003, dataSet: '' } },
      { _id: 'chw3', type: 'person', parent: { _id: 'numbered' } },
    ];
    const source = await deployment([...places, target('2026-10', 'chw3', 4, 1)], settings);
    const { dataValueSet } = await exportDataValueSet(source, { dataSet: DS, month: october, orgUnit: '5003', humanReadable: false });
    assert.deepEqual(dataValueSet.dataValues, [
      { dataElement: '104', orgUnit: '5003', value: 4 },
      { dataElement: 'e22tIwy1nKR', orgUnit: '5003', value: 1 },
    ]);
  });

  it('names everything in the settings locale when human readable', async () => {
    const settings = { ...chtDefaultSettings(), locale: 'fr' };
    const messagesFr = {
      _id: 'messages-fr', type: 'translations', code: 'fr',
      generic: { 'dhis.dataset.monthly.integration': 'générique' },
      custom: { 'dhis.dataset.monthly.integration': 'Intégration mensuelle' },
    };
    const db = await memoryMedic([{ _id: 'settings', settings }, messagesFr, ...hierarchy, target('2026-10', 'chw1', 2)]);
    const source = new PouchExportSource(db, new ContactIndex(db));
    const { dataValueSet } = await exportDataValueSet(source, { dataSet: DS, month: october, humanReadable: true });
    assert.equal(dataValueSet.dataSet, 'Intégration mensuelle');
    assert.deepEqual(dataValueSet.dataValues[2], { dataElement: 'births-this-month', orgUnit: 'North Centre', value: 2 });
    assert.deepEqual(dataValueSet.dataValues[0], { dataElement: 'births-this-month', orgUnit: 'Central District', value: 2 });
  });

  it('shows the translation key when no translation has it', async () => {
    const { dataValueSet } = await exportDataValueSet(await deployment(), { dataSet: DS, month: october, humanReadable: true });
    assert.equal(dataValueSet.dataSet, 'dhis.dataset.monthly.integration');
  });

  it('refuses unknown data sets and data sets without data elements', async () => {
    const settings = { ...chtDefaultSettings(), dhis_data_sets: [{ id: DS }, { id: 'empty' }] };
    (settings as unknown as { tasks: { targets: { items: Array<{ dhis?: unknown }> } } }).tasks.targets.items.forEach(item => {
      if (item.dhis) item.dhis = { dataElement: 'x', dataSet: DS };
    });
    const source = await deployment([], settings);
    await assert.rejects(exportDataValueSet(source, { dataSet: 'nope', month: october, humanReadable: false }),
      (error: ExportError) => error.status === 400 && /^dataSet "nope" is not defined/.test(error.message));
    await assert.rejects(exportDataValueSet(source, { dataSet: 'empty', month: october, humanReadable: false }),
      (error: ExportError) => error.status === 400 && /^dataSet "empty" has no dataElements/.test(error.message));
  });

  it('reads the data sets under dhisDataSets too, and survives malformed settings', async () => {
    const settings = {
      dhisDataSets: [{ id: DS }, 'junk', null],
      tasks: { targets: { items: [{ id: 'births-this-month', dhis: { dataElement: 'kB0ZBFisE0e' } }, { id: 'bad', dhis: 'kB0' }, null] } },
    };
    const result = await exportDataValueSet(await deployment([target('2026-10', 'chw1', 2)], settings), { dataSet: DS, month: october, humanReadable: false });
    assert.deepEqual(result.malformedTargets, ['bad']);
    assert.equal(valuesOf(result.dataValueSet)['ouNorth/kB0ZBFisE0e'], 2);
  });

  it('treats a database without settings as unconfigured', async () => {
    const db = await memoryMedic(hierarchy);
    const source = new PouchExportSource(db, new ContactIndex(db));
    await assert.rejects(exportDataValueSet(source, { dataSet: DS, month: october, humanReadable: false }), /is not defined/);
  });
});

describe('exportFileName', () => {
  it('keeps only safe characters', () => {
    assert.match(exportFileName('a"b/c\\d\r\n', '202610'), /^dhis-a_b_c_d__-[0-9a-f]{8}-202610\.json$/);
    assert.equal(exportFileName('VMuFODsyWaO', '202610'), 'dhis-VMuFODsyWaO-202610.json');
    assert.equal(exportFileName('monthly_2.v1-x', '202610'), 'dhis-monthly_2.v1-x-202610.json');
  });

  it('gives two ids with other characters two file names', () => {
    const names = ['ДС1', 'ЖС1', 'données', 'donnèes', 'a b', 'a_b'].map(id => exportFileName(id, '202610'));
    assert.equal(new Set(names).size, names.length, names.join(' '));
  });
});
