import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chtDefaultSettings } from '../../test/fixtures';
import { memoryMedic } from '../../test/memory-db';
import { exportDataValueSet, exportFileName } from './export-data-value-set';
import { ExportError } from './export-error';
import { ContactIndex } from '../sources/contact-index';
import { PouchExportSource } from '../sources/pouch-export-source';
import { monthly, DEFAULTS, DS, october, hierarchy, target, deployment, valuesOf } from '../../test/export-deployment';

describe('exportDataValueSet', () => {
  it('exports the requested month from the CHT default settings, unchanged', async () => {
    const source = await deployment([
      target('2026-10', 'chw1', 2, 1), target('2026-10', 'chw2', 5, 5),
      target('2026-09', 'chw1', 40, 40), target('2026-11', 'chw1', 70, 70),
    ]);
    const { dataValueSet, fileName, counts } = await exportDataValueSet(source, { dataSet: DS, period: october, ...DEFAULTS }, new Date(2026, 10, 25));
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

  it('reads target docs in pages and gives the same sums', async () => {
    const docs = Array.from({ length: 23 }, (_, i) => ({ ...target('2026-10', 'chw1', i), _id: `target~2026-10~chw1~user${String(i).padStart(2, '0')}` }));
    const whole = await exportDataValueSet(await deployment(docs), { dataSet: DS, period: october, ...DEFAULTS });
    const paged = await exportDataValueSet(await deployment(docs, chtDefaultSettings(), 5), { dataSet: DS, period: october, ...DEFAULTS });
    assert.equal(paged.counts.targetDocs, 23);
    assert.equal(valuesOf(paged.dataValueSet)['ouNorth/kB0ZBFisE0e'], (22 * 23) / 2);
    assert.deepEqual(paged.dataValueSet, whole.dataValueSet);
  });

  it('counts docs owned by a place, and docs of owners that no longer exist toward nothing', async () => {
    const source = await deployment([target('2026-10', 'gone', 4), target('2026-10', 'hc1', 3)]);
    const { dataValueSet, counts } = await exportDataValueSet(source, { dataSet: DS, period: october, ...DEFAULTS });
    assert.equal(valuesOf(dataValueSet)['ouNorth/kB0ZBFisE0e'], 3);
    assert.equal(valuesOf(dataValueSet)['ouDistrict/kB0ZBFisE0e'], 3);
    assert.deepEqual(counts, { targetDocs: 2, counted: 1, malformed: 0 });
  });

  it('filters by org unit', async () => {
    const source = await deployment([target('2026-10', 'chw1', 2), target('2026-10', 'chw2', 5)]);
    const { dataValueSet } = await exportDataValueSet(source, { dataSet: DS, period: october, orgUnit: 'ouNorth', ...DEFAULTS });
    assert.deepEqual(valuesOf(dataValueSet), { 'ouNorth/kB0ZBFisE0e': 2, 'ouNorth/e22tIwy1nKR': 0 });
  });

  it('refuses an org unit mapped to no place, or only to another data set', async () => {
    const source = await deployment([target('2026-10', 'chw2', 5)]);
    await assert.rejects(exportDataValueSet(source, { dataSet: DS, period: october, orgUnit: 'ouSouth', ...DEFAULTS }),
      (error: ExportError) => error.status === 400 && error.message.startsWith(`orgUnit ouSouth is not mapped to data set ${DS}:`));
    await assert.rejects(exportDataValueSet(source, { dataSet: DS, period: october, orgUnit: 'NOPE', ...DEFAULTS }),
      (error: ExportError) => error.status === 400 && error.message.startsWith(`orgUnit NOPE is not mapped to data set ${DS}:`));
  });

  it('limits targets with dhis.dataSet to that data set', async () => {
    const settings = chtDefaultSettings();
    (settings['dhis_data_sets'] as object[]).push({ id: 'other', translation_key: 'other.key' });
    const { dataValueSet } = await exportDataValueSet(await deployment([target('2026-10', 'chw2', 5)], settings),
      { dataSet: 'other', period: october, ...DEFAULTS });
    // Both CHT default targets have no dhis.dataSet, so they feed every data set; hc2 is mapped to "other" only.
    assert.deepEqual(valuesOf(dataValueSet), {
      'ouDistrict/kB0ZBFisE0e': 5, 'ouDistrict/e22tIwy1nKR': 0, 'ouNorth/kB0ZBFisE0e': 0, 'ouNorth/e22tIwy1nKR': 0,
      'ouSouth/kB0ZBFisE0e': 5, 'ouSouth/e22tIwy1nKR': 0,
    });
    const targets = (settings['tasks'] as { targets: { items: Array<{ id: string; dhis?: object }> } }).targets.items;
    targets.find(({ id }) => id === 'births-this-month')!.dhis = { dataElement: 'kB0ZBFisE0e', dataSet: DS };
    const limited = await exportDataValueSet(await deployment([], settings), { dataSet: 'other', period: october, ...DEFAULTS });
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
    const { dataValueSet } = await exportDataValueSet(source, { dataSet: DS, period: october, orgUnit: '5003', ...DEFAULTS });
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
    const { dataValueSet } = await exportDataValueSet(source, { dataSet: DS, period: october, ...DEFAULTS, humanReadable: true });
    assert.equal(dataValueSet.dataSet, 'Intégration mensuelle');
    assert.deepEqual(dataValueSet.dataValues[2], { dataElement: 'births-this-month', orgUnit: 'North Centre', value: 2 });
    assert.deepEqual(dataValueSet.dataValues[0], { dataElement: 'births-this-month', orgUnit: 'Central District', value: 2 });
  });

  it('shows the translation key when no translation has it', async () => {
    const { dataValueSet } = await exportDataValueSet(await deployment(), { dataSet: DS, period: october, ...DEFAULTS, humanReadable: true });
    assert.equal(dataValueSet.dataSet, 'dhis.dataset.monthly.integration');
  });

  it('refuses unknown data sets and data sets without data elements', async () => {
    const settings = { ...chtDefaultSettings(), dhis_data_sets: [{ id: DS }, { id: 'empty' }] };
    (settings as unknown as { tasks: { targets: { items: Array<{ dhis?: unknown }> } } }).tasks.targets.items.forEach(item => {
      if (item.dhis) item.dhis = { dataElement: 'x', dataSet: DS };
    });
    const source = await deployment([], settings);
    await assert.rejects(exportDataValueSet(source, { dataSet: 'nope', period: october, ...DEFAULTS }),
      (error: ExportError) => error.status === 400 && /^dataSet "nope" is not defined/.test(error.message));
    await assert.rejects(exportDataValueSet(source, { dataSet: 'empty', period: october, ...DEFAULTS }),
      (error: ExportError) => error.status === 400 && /^dataSet "empty" has no dataElements/.test(error.message));
  });

  it('reads the data sets under dhisDataSets too, and survives malformed settings', async () => {
    const settings = {
      dhisDataSets: [{ id: DS }, 'junk', null],
      tasks: { targets: { items: [{ id: 'births-this-month', dhis: { dataElement: 'kB0ZBFisE0e' } }, { id: 'bad', dhis: 'kB0' }, null] } },
    };
    const result = await exportDataValueSet(await deployment([target('2026-10', 'chw1', 2)], settings), { dataSet: DS, period: october, ...DEFAULTS });
    assert.deepEqual(result.malformedTargets, ['bad']);
    assert.equal(valuesOf(result.dataValueSet)['ouNorth/kB0ZBFisE0e'], 2);
  });

  it('leaves out zeros when asked to', async () => {
    const source = await deployment([target('2026-10', 'chw1', 2, 0)]);
    const all = await exportDataValueSet(source, { dataSet: DS, period: october, ...DEFAULTS });
    const omitted = await exportDataValueSet(source, { dataSet: DS, period: october, ...DEFAULTS, omitZeros: true });
    assert.deepEqual(omitted.dataValueSet.dataValues, all.dataValueSet.dataValues.filter(({ value }) => value !== 0));
    assert.deepEqual(valuesOf(omitted.dataValueSet), { 'ouDistrict/kB0ZBFisE0e': 2, 'ouNorth/kB0ZBFisE0e': 2 });
  });

  it('names the file with the format\'s extension, ADX included for targets with option combos', async () => {
    const source = await deployment([target('2026-10', 'chw1', 2)]);
    assert.equal((await exportDataValueSet(source, { dataSet: DS, period: october, ...DEFAULTS, format: 'csv' })).fileName, `dhis-${DS}-202610.csv`);
    assert.equal((await exportDataValueSet(source, { dataSet: DS, period: october, ...DEFAULTS, format: 'xml' })).fileName, `dhis-${DS}-202610.xml`);
    assert.equal((await exportDataValueSet(source, { dataSet: DS, period: october, ...DEFAULTS, format: 'adx' })).fileName, `dhis-${DS}-202610.adx.xml`);
  });

  it('keeps places that share a name apart, and a place named by a number keeps its name, when human readable', async () => {
    const places = [
      { _id: 'district', type: 'district_hospital', name: 12, dhis: { orgUnit: 'ouDistrict' } },
      { _id: 'hc1', type: 'health_center', name: 'Centre', dhis: { orgUnit: 'ouNorth' }, parent: { _id: 'district' } },
      { _id: 'hc2', type: 'health_center', name: 'Centre', dhis: { orgUnit: 'ouSouth' }, parent: { _id: 'district' } },
    ];
    const db = await memoryMedic([{ _id: 'settings', settings: chtDefaultSettings() }, ...places]);
    const { dataValueSet } = await exportDataValueSet(new PouchExportSource(db, new ContactIndex(db)), { dataSet: DS, period: october, ...DEFAULTS, humanReadable: true });
    assert.deepEqual([...new Set(dataValueSet.dataValues.map(({ orgUnit }) => orgUnit))], ['12', 'Centre (ouNorth)', 'Centre (ouSouth)']);
  });

  it('treats a database without settings as unconfigured', async () => {
    const db = await memoryMedic(hierarchy);
    const source = new PouchExportSource(db, new ContactIndex(db));
    await assert.rejects(exportDataValueSet(source, { dataSet: DS, period: october, ...DEFAULTS }), /is not defined/);
  });
});

describe('exportFileName', () => {
  it('keeps only safe characters', () => {
    assert.match(exportFileName('a"b/c\\d\r\n', '202610'), /^dhis-a_b_c_d__-[0-9a-f]{8}-202610\.json$/);
    assert.equal(exportFileName('VMuFODsyWaO', '202610'), 'dhis-VMuFODsyWaO-202610.json');
    assert.equal(exportFileName('monthly_2.v1-x', '202610'), 'dhis-monthly_2.v1-x-202610.json');
    assert.equal(exportFileName('VMuFODsyWaO', '2026Q3', 'csv', 'DiszpKrYNg8'), 'dhis-VMuFODsyWaO-2026Q3-DiszpKrYNg8.csv', 'one place: named in the file');
    assert.notEqual(exportFileName('ds', '202610', 'json', 'é/1'), exportFileName('ds', '202610', 'json', 'è/1'));
  });

  it('gives two ids with other characters two file names', () => {
    const names = ['ДС1', 'ЖС1', 'données', 'donnèes', 'a b', 'a_b'].map(id => exportFileName(id, '202610'));
    assert.equal(new Set(names).size, names.length, names.join(' '));
  });
});
