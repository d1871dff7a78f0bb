import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chtDefaultSettings, chtTranslationDocs } from '../../test/fixtures';
import { memoryMedic } from '../../test/memory-db';
import { ContactIndex } from '../sources/contact-index';
import { exportDataValueSet } from './export-data-value-set';
import { previewExport } from './export-preview';
import { PouchExportSource } from '../sources/pouch-export-source';
import type { DhisPeriod } from './reporting-period';

// The CHT default settings: data set VMuFODsyWaO; births-this-month → kB0ZBFisE0e (count),
// facility-deliveries → e22tIwy1nKR with option combos (a percent target); roles chw and chw_supervisor are offline.
const DS = 'VMuFODsyWaO';
const october: DhisPeriod = { type: 'Monthly', year: 2026, month: 10 };
const DEFAULTS = { humanReadable: false, format: 'json', omitZeros: false } as const;
const NORTH = 'NorthUnit01';
const DISTRICT = 'DistrictU01';

const hierarchy = [
  { _id: 'district', type: 'district_hospital', name: 'Central District' },
  { _id: 'hc1', type: 'health_center', name: 'North Centre', dhis: { orgUnit: NORTH }, parent: { _id: 'district' } },
  { _id: 'hc2', type: 'health_center', name: 'South Centre', parent: { _id: 'district' } },
  { _id: 'chw1', type: 'person', name: 'Ann', parent: { _id: 'hc1', parent: { _id: 'district' } } },
  { _id: 'chw2', type: 'person', name: 'Ben', parent: { _id: 'hc1', parent: { _id: 'district' } } },
  { _id: 'chw3', type: 'person', name: 'Cat', parent: { _id: 'hc1', parent: { _id: 'district' } } },
  // Moved from North to South: their user-settings still name hc1
  { _id: 'chw4', type: 'person', name: 'Dan', parent: { _id: 'hc2', parent: { _id: 'district' } } },
];

/** Midnight local time after 31 October 2026: the end of the period. */
const END = new Date(2026, 10, 1).getTime();

const target = (owner: string, births: number, updated = END + 1000, month = '2026-10') => ({
  _id: `target~${month}~${owner}~org.couchdb.user:${owner}`,
  type: 'target', owner, user: `org.couchdb.user:${owner}`, reporting_period: month, updated_date: updated,
  targets: [
    { id: 'births-this-month', value: { pass: births, total: births } },
    { id: 'facility-deliveries', value: { pass: 1, total: 2, percent: 50 } },
  ],
});

const user = (name: string, fields: object) => ({ _id: `org.couchdb.user:${name}`, type: 'user-settings', name, roles: ['chw'], ...fields });

/** The hierarchy, with the places of `extra` in place of those of the same id. */
const deployment = async (extra: Array<{ _id: string; [field: string]: unknown }>, settings = chtDefaultSettings()) => {
  const replaced = new Set(extra.map(({ _id }) => _id));
  const db = await memoryMedic([{ _id: 'settings', settings }, ...chtTranslationDocs(), ...hierarchy.filter(({ _id }) => !replaced.has(_id)), ...extra]);
  return new PouchExportSource(db, new ContactIndex(db));
};

/** The target definitions of settings, to edit. */
const targetItems = (settings: Record<string, unknown>) =>
  (settings['tasks'] as { targets: { items: Array<{ id: string; [field: string]: unknown }> } }).targets.items;

const codes = (preview: { checks: Array<{ code: string }> }) => preview.checks.map(({ code }) => code);

describe('previewExport', () => {
  it('shows the values the file holds, with place names, translated titles and totals', async () => {
    const source = await deployment([target('chw1', 2), target('chw2', 3)]);
    const request = { dataSet: DS, period: october, ...DEFAULTS };
    const now = new Date(2026, 10, 5);
    const preview = await previewExport(source, request, now);
    const file = await exportDataValueSet(source, request, now);
    assert.deepEqual(
      preview.dataValues.map(({ orgUnit, dataElement, categoryOptionCombo, attributeOptionCombo, value }) =>
        ({ dataElement, ...(categoryOptionCombo ? { categoryOptionCombo } : {}), ...(attributeOptionCombo ? { attributeOptionCombo } : {}), orgUnit, value })),
      file.dataValueSet.dataValues);
    assert.equal(preview.fileName, file.fileName);
    assert.deepEqual(preview.dataValues[0], {
      orgUnit: NORTH, orgUnitName: 'North Centre', dataElement: 'kB0ZBFisE0e',
      targets: [{ id: 'births-this-month', title: 'targets.births.title' }], value: 5,
    });
    assert.deepEqual(preview.totals.map(({ dataElement, value }) => [dataElement, value]), [['kB0ZBFisE0e', 5], ['e22tIwy1nKR', 4]]);
    assert.equal(preview.dataSet.id, DS);
    assert.equal(preview.period, '202610');
  });

  it('leaves the file unchanged with humanReadable asked for: the preview carries ids and names', async () => {
    const source = await deployment([target('chw1', 2)]);
    const preview = await previewExport(source, { dataSet: DS, period: october, ...DEFAULTS, humanReadable: true });
    assert.equal(preview.dataValues[0].orgUnit, NORTH);
    assert.equal(preview.dataValues[0].orgUnitName, 'North Centre');
  });

  it('counts expected health workers, those who reported, and those whose last update came before the period ended', async () => {
    const source = await deployment([
      user('ann', { contact_id: 'chw1', facility_id: 'hc1', fullname: 'Ann A' }),
      user('ben', { contact_id: 'chw2', facility_id: ['hc1'] }),
      user('cat', { contact_id: 'chw3', facility_id: 'hc1' }),
      user('dan', { contact_id: 'chw4', facility_id: 'hc1' }),
      // no contact: placed by their facility
      user('eve', { facility_id: 'hc1' }),
      // online roles have no device and report nothing
      user('manager', { contact_id: 'chw1', facility_id: 'hc1', roles: ['program_officer'] }),
      user('old', { contact_id: 'chw1', facility_id: 'hc1', inactive: true }),
      { ...user('deleted', { contact_id: 'chw1', facility_id: 'hc1' }), _deleted: true },
      // reported after the end: complete; one millisecond before it: stale
      { ...target('chw1', 1, END), user: 'org.couchdb.user:ann' },
      { ...target('chw2', 1, END - 1), user: 'org.couchdb.user:ben' },
      // September's doc does not count for October
      { ...target('chw3', 1, END, '2026-09'), user: 'org.couchdb.user:cat' },
    ]);
    const [north] = (await previewExport(source, { dataSet: DS, period: october, ...DEFAULTS })).coverage;
    assert.equal(north.orgUnitName, 'North Centre');
    assert.deepEqual({ expected: north.expected, reported: north.reported, stale: north.stale }, { expected: 4, reported: 2, stale: 1 });
    assert.deepEqual(north.missingWorkers.map(({ user }) => user), ['org.couchdb.user:cat', 'org.couchdb.user:eve']);
    assert.deepEqual(north.staleWorkers, [{ user: 'org.couchdb.user:ben', name: 'ben', lastUpdate: new Date(END - 1).toISOString() }]);
  });

  it('fires no check on a clean month', async () => {
    const settings = chtDefaultSettings();
    const items = targetItems(settings);
    items.splice(items.findIndex(({ id }) => id === 'facility-deliveries'), 1);
    const preview = await previewExport(await deployment([target('chw1', 2)], settings), { dataSet: DS, period: october, ...DEFAULTS });
    assert.deepEqual(preview.checks, []);
  });

  it('says prominently when the period has no target doc at all, or none under the place', async () => {
    const empty = await previewExport(await deployment([]), { dataSet: DS, period: october, ...DEFAULTS });
    assert.equal(empty.checks[0].code, 'empty-period');
    assert.equal(empty.checks[0].severity, 'error');
    // what a page needs to say it in its own words
    assert.deepEqual(empty.checks[0].params, { period: '202610', orgUnit: '', targetDocs: 0 });
    const elsewhere = await previewExport(await deployment([target('chw4', 3)]), { dataSet: DS, period: october, ...DEFAULTS, orgUnit: NORTH });
    assert.equal(elsewhere.checks[0].code, 'empty-period');
  });

  it('fires each check on the configuration or docs that call for it', async () => {
    const settings = chtDefaultSettings();
    targetItems(settings).push(
      { id: 'same-element', type: 'count', dhis: { dataElement: 'kB0ZBFisE0e' } },
      { id: 'renamed', type: 'count', dhis: { dataElement: 'bad-id' } },
      { id: 'broken', type: 'count', dhis: { dataSet: DS } },
    );
    const source = await deployment([
      { _id: 'district', type: 'district_hospital', name: 'Central District', dhis: { orgUnit: DISTRICT } },
      { _id: 'hc3', type: 'health_center', name: 'Twin Centre', dhis: { orgUnit: NORTH } },
      { _id: 'chw9', type: 'person', name: 'Nowhere', parent: { _id: 'unmapped' } },
      target('chw1', 2), target('chw9', 1), { _id: 'target~2026-10~chw2~x', owner: 'chw2' },
    ], settings);
    const preview = await previewExport(source, { dataSet: DS, period: october, ...DEFAULTS });
    assert.deepEqual(codes(preview), [
      'invalid-uid', 'counted-nowhere', 'duplicate-data-element', 'shared-org-unit', 'nested-places',
      'percent-target', 'target-absent', 'malformed-target-docs', 'unusable-target-mapping', 'zero-values',
    ]);
    const byCode = Object.fromEntries(preview.checks.map(check => [check.code, check]));
    assert.deepEqual(byCode['invalid-uid'].ids, ['bad-id']);
    assert.deepEqual(byCode['counted-nowhere'].ids, ['org.couchdb.user:chw9']);
    assert.deepEqual(byCode['duplicate-data-element'].ids, ['births-this-month', 'same-element']);
    assert.deepEqual(byCode['shared-org-unit'].ids, [NORTH, 'hc1', 'hc3']);
    assert.deepEqual(byCode['nested-places'].ids, ['district', 'hc1']);
    assert.deepEqual(byCode['percent-target'].ids, ['facility-deliveries']);
    assert.deepEqual(byCode['target-absent'].ids, ['same-element', 'renamed']);
    assert.deepEqual(byCode['malformed-target-docs'].ids, ['target~2026-10~chw2~x']);
    assert.deepEqual(byCode['unusable-target-mapping'].ids, ['broken']);
    assert.ok(byCode['zero-values'].count > 0);
    for (const check of preview.checks) {
      assert.ok(check.message.length > 40, check.code);
    }
    // the parameters a page words each check with, in the user's language
    assert.deepEqual(byCode['invalid-uid'].params, { count: 1, ids: 'bad-id' });
    assert.deepEqual(byCode['counted-nowhere'].params, { count: 1, period: '202610' });
    assert.deepEqual(byCode['duplicate-data-element'].params, { targets: 'births-this-month, same-element' });
    assert.deepEqual(byCode['shared-org-unit'].params, { orgUnits: NORTH, places: 'North Centre (hc1), Twin Centre (hc3)' });
    assert.deepEqual(byCode['nested-places'].params, { inner: 'North Centre (hc1)', outer: 'Central District (district)' });
    assert.deepEqual(byCode['target-absent'].params, { targets: 'same-element, renamed', period: '202610' });
    assert.deepEqual(byCode['unusable-target-mapping'].params, { targets: 'broken' });
    assert.equal(byCode['zero-values'].params['zeros'], byCode['zero-values'].count);
  });

  it('reports progress in documents read, against the docs expected from the health workers', async () => {
    const source = await deployment([user('ann', { contact_id: 'chw1' }), user('ben', { contact_id: 'chw2' }), target('chw1', 2)]);
    const seen: unknown[] = [];
    await previewExport(source, { dataSet: DS, period: october, ...DEFAULTS }, new Date(), { onProgress: progress => seen.push(progress) });
    // the expected count comes with the user-settings docs, read alongside the target docs
    assert.deepEqual(seen.map(progress => (progress as { docsRead: number }).docsRead), [0, 1]);
    assert.deepEqual(seen.at(-1), { docsRead: 1, docsExpected: 2 });
  });

  it('stops reading when aborted', async () => {
    const source = await deployment([target('chw1', 2)]);
    const controller = new AbortController();
    controller.abort(new Error('replaced'));
    await assert.rejects(previewExport(source, { dataSet: DS, period: october, ...DEFAULTS }, new Date(), { signal: controller.signal }), /replaced/);
  });
});
