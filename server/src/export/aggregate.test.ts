import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TargetDefinition } from '../settings/app-settings';
import { DataValueSetAggregation } from './aggregate';
import { lineageOf, type PlaceDoc } from '../cht/cht-docs';

const DS = 'dataSetA';
const births: TargetDefinition = { id: 'births', dhis: { dataElement: 'deBirths' } };
const deliveries: TargetDefinition = {
  id: 'deliveries',
  dhis: { dataElement: 'deDeliveries', categoryOptionCombo: 'coc1', attributeOptionCombo: 'aoc1', dataSet: DS },
};

const district: PlaceDoc = { _id: 'district', type: 'district_hospital', name: 'District', dhis: { orgUnit: 'ouDistrict' } };
const centre: PlaceDoc = { _id: 'centre', type: 'health_center', name: 'Centre', dhis: { orgUnit: 'ouCentre' }, parent: { _id: 'district' } };
const chw = { _id: 'chw', parent: { _id: 'area', parent: { _id: 'centre', parent: { _id: 'district' } } } };

const targetDoc = (owner: unknown, values: Record<string, number>) => ({
  _id: `target~2026-10~${String(owner)}~user`,
  owner,
  targets: Object.entries(values).map(([id, total]) => ({ id, value: { pass: total, total } })),
});

const aggregate = (places: PlaceDoc[], docs: Array<[ReturnType<typeof targetDoc>, string[]]>, options: { orgUnit?: string; definitions?: TargetDefinition[]; dataSet?: string } = {}) => {
  const aggregation = new DataValueSetAggregation({
    dataSet: options.dataSet ?? DS, definitions: options.definitions ?? [births], places, orgUnit: options.orgUnit,
  });
  for (const [doc, lineage] of docs) {
    aggregation.add(doc, lineage);
  }
  return { aggregation, set: aggregation.result('202610', '2026-11-25') };
};

const valuesOf = (set: { dataValues: Array<{ orgUnit: string; dataElement: string; value: number }> }) =>
  Object.fromEntries(set.dataValues.map(({ orgUnit, dataElement, value }) => [`${orgUnit}/${dataElement}`, value]));

describe('DataValueSetAggregation', () => {
  it('sums a target doc into every org unit on its owner\'s lineage', () => {
    const { set } = aggregate([district, centre], [
      [targetDoc('chw', { births: 3 }), lineageOf(chw)],
      [targetDoc('chw2', { births: 4 }), ['chw2', 'area2', 'centre', 'district']],
      [targetDoc('elsewhere', { births: 10 }), ['elsewhere', 'district']],
    ]);
    assert.deepEqual(valuesOf(set), { 'ouCentre/deBirths': 7, 'ouDistrict/deBirths': 17 });
  });

  it('adds value.total, not pass', () => {
    const { set } = aggregate([centre], [[{ _id: 't', owner: 'chw', targets: [{ id: 'births', value: { pass: 1, total: 5 } }] }, lineageOf(chw)]]);
    assert.equal(set.dataValues[0].value, 5);
  });

  it('counts a target doc once per org unit even when two ancestors share it', () => {
    const area: PlaceDoc = { _id: 'area', type: 'clinic', name: 'Area', dhis: [{ orgUnit: 'ouCentre' }, { orgUnit: 'ouCentre' }] };
    const { set } = aggregate([centre, area], [[targetDoc('chw', { births: 2 }), lineageOf(chw)]]);
    assert.deepEqual(valuesOf(set), { 'ouCentre/deBirths': 2 });
  });

  it('gives zeros to mapped org units without target docs', () => {
    const { set } = aggregate([district, centre], []);
    assert.deepEqual(set.dataValues, [
      { dataElement: 'deBirths', orgUnit: 'ouCentre', value: 0 },
      { dataElement: 'deBirths', orgUnit: 'ouDistrict', value: 0 },
    ]);
  });

  it('maps places without dhis.dataSet to every data set and others to theirs only', () => {
    const other: PlaceDoc = { _id: 'other', type: 'health_center', name: 'Other', dhis: { orgUnit: 'ouOther', dataSet: 'dataSetB' } };
    const both: PlaceDoc = { _id: 'both', type: 'health_center', name: 'Both', dhis: [{ orgUnit: 'ouBothA', dataSet: DS }, { orgUnit: 'ouBothB', dataSet: 'dataSetB' }] };
    const a = aggregate([district, other, both], []).set.dataValues.map(row => row.orgUnit);
    const b = aggregate([district, other, both], [], { dataSet: 'dataSetB' }).set.dataValues.map(row => row.orgUnit);
    assert.deepEqual(a, ['ouBothA', 'ouDistrict']);
    assert.deepEqual(b, ['ouBothB', 'ouDistrict', 'ouOther']);
  });

  it('maps places whose dhis.dataSet is null or "" to every data set, as the CHT does', () => {
    const nullSet: PlaceDoc = { _id: 'n', type: 'health_center', name: 'N', dhis: { orgUnit: 'ouNull', dataSet: null } };
    const emptySet: PlaceDoc = { _id: 'e', type: 'health_center', name: 'E', dhis: [{ orgUnit: 'ouEmpty', dataSet: '' }] };
    for (const dataSet of [DS, 'dataSetB']) {
      assert.deepEqual(aggregate([nullSet, emptySet], [], { dataSet }).set.dataValues.map(row => row.orgUnit), ['ouEmpty', 'ouNull']);
    }
  });

  it('exports a numeric org unit code as a string, and filters by it', () => {
    const numbered: PlaceDoc = { _id: 'centre', type: 'health_center', name: 'Centre', dhis: { orgUnit: 5003 } };
    const { set } = aggregate([numbered], [[targetDoc('chw', { births: 2 }), lineageOf(chw)]], { orgUnit: '5003' });
    assert.deepEqual(set.dataValues, [{ dataElement: 'deBirths', orgUnit: '5003', value: 2 }]);
  });

  it('copies every dhis attribute but dataSet onto the data value', () => {
    const { set } = aggregate([centre], [[targetDoc('chw', { deliveries: 2 }), lineageOf(chw)]], { definitions: [deliveries] });
    assert.deepEqual(set.dataValues, [
      { dataElement: 'deDeliveries', categoryOptionCombo: 'coc1', attributeOptionCombo: 'aoc1', orgUnit: 'ouCentre', value: 2 },
    ]);
  });

  it('keeps a row per data element, category option combo and attribute option combo', () => {
    const definitions: TargetDefinition[] = [
      { id: 'births-male', dhis: { dataElement: 'deBirths', categoryOptionCombo: 'cocMale' } },
      { id: 'births-female', dhis: { dataElement: 'deBirths', categoryOptionCombo: 'cocFemale' } },
      { id: 'births-female-project', dhis: { dataElement: 'deBirths', categoryOptionCombo: 'cocFemale', attributeOptionCombo: 'aocProject' } },
      { id: 'births-female-again', dhis: { dataElement: 'deBirths', categoryOptionCombo: 'cocFemale' } },
    ];
    const { aggregation, set } = aggregate([centre], [
      [targetDoc('chw', { 'births-male': 3, 'births-female': 5, 'births-female-project': 7, 'births-female-again': 1 }), lineageOf(chw)],
    ], { definitions });
    assert.deepEqual(set.dataValues, [
      { dataElement: 'deBirths', categoryOptionCombo: 'cocMale', orgUnit: 'ouCentre', value: 3 },
      { dataElement: 'deBirths', categoryOptionCombo: 'cocFemale', orgUnit: 'ouCentre', value: 6 },
      { dataElement: 'deBirths', categoryOptionCombo: 'cocFemale', attributeOptionCombo: 'aocProject', orgUnit: 'ouCentre', value: 7 },
    ]);
    assert.deepEqual(aggregation.humanReadable(set, DS).dataValues.map(row => row.dataElement),
      ['births-male', 'births-female', 'births-female-project']);
  });

  it('ignores targets of the doc that feed no data element', () => {
    const { set } = aggregate([centre], [[targetDoc('chw', { births: 1, unmapped: 99 }), lineageOf(chw)]]);
    assert.deepEqual(valuesOf(set), { 'ouCentre/deBirths': 1 });
  });

  it('with an org-unit filter counts only docs whose owner maps to it, and shows only its rows', () => {
    const { set } = aggregate([centre, { ...district, dhis: [{ orgUnit: 'ouDistrict' }, { orgUnit: 'ouCentre' }] }], [
      [targetDoc('chw', { births: 3 }), lineageOf(chw)],
      [targetDoc('elsewhere', { births: 10 }), ['elsewhere', 'other-centre', 'district']],
      [targetDoc('lost', { births: 50 }), ['lost', 'nowhere']],
    ], { orgUnit: 'ouCentre' });
    // The district also carries ouCentre, so its whole subtree counts toward it; ouDistrict's rows are left out.
    assert.deepEqual(valuesOf(set), { 'ouCentre/deBirths': 13 });
  });

  it('orders rows by org unit, then by the target definitions', () => {
    const { set } = aggregate([district, centre], [], { definitions: [deliveries, births] });
    assert.deepEqual(set.dataValues.map(row => `${row.orgUnit}/${row.dataElement}`),
      ['ouCentre/deDeliveries', 'ouCentre/deBirths', 'ouDistrict/deDeliveries', 'ouDistrict/deBirths']);
  });

  it('carries period, completeDate and data set', () => {
    const { set } = aggregate([centre], []);
    assert.equal(set.dataSet, DS);
    assert.equal(set.period, '202610');
    assert.equal(set.completeDate, '2026-11-25');
  });

  it('skips and counts malformed target docs and values instead of failing', () => {
    const { aggregation, set } = aggregate([centre], [
      [{ _id: 'no-targets', owner: 'chw' } as never, lineageOf(chw)],
      [{ _id: 'targets-not-array', owner: 'chw', targets: 'x' } as never, lineageOf(chw)],
      [{ _id: 'no-owner', targets: [] } as never, []],
      [{ _id: 'bad-value', owner: 'chw', targets: [{ id: 'births', value: { total: 'many' } }, { id: 'births', value: null }, null] } as never, lineageOf(chw)],
      [targetDoc('chw', { births: 2 }), lineageOf(chw)],
    ]);
    assert.deepEqual(valuesOf(set), { 'ouCentre/deBirths': 2 });
    assert.deepEqual(aggregation.counts, { targetDocs: 5, counted: 2, malformed: 4 });
  });

  it('sums decimals without binary noise', () => {
    const { set } = aggregate([centre], [
      [targetDoc('chw', { births: 0.1 }), lineageOf(chw)],
      [targetDoc('chw2', { births: 0.2 }), lineageOf(chw)],
    ]);
    assert.deepEqual(valuesOf(set), { 'ouCentre/deBirths': 0.3 });
  });

  it('counts a value that would make a sum infinite as malformed, and never writes null', () => {
    const { aggregation, set } = aggregate([district, centre], [
      [targetDoc('chw', { births: Number.MAX_VALUE }), lineageOf(chw)],
      [targetDoc('chw2', { births: Number.MAX_VALUE }), lineageOf(chw)],
      [targetDoc('chw3', { births: -Number.MAX_VALUE }), ['chw3', 'district']],
    ]);
    assert.deepEqual(valuesOf(set), { 'ouCentre/deBirths': Number.MAX_VALUE, 'ouDistrict/deBirths': 0 });
    assert.deepEqual(aggregation.counts, { targetDocs: 3, counted: 3, malformed: 1 });
    assert.doesNotMatch(JSON.stringify(set), /null/);
  });

  it('ignores places whose dhis is a string, null or lacks an org unit', () => {
    const junk: PlaceDoc[] = [
      { _id: 'j1', dhis: 'ouJunk' }, { _id: 'j2', dhis: null }, { _id: 'j3', dhis: [{ dataSet: DS }, 7] }, { _id: 'j4', dhis: { orgUnit: true } },
      { _id: 'j5', dhis: { orgUnit: Infinity } },
    ];
    assert.deepEqual(aggregate([...junk, centre], []).set.dataValues.map(row => row.orgUnit), ['ouCentre']);
  });

  it('names data set, org units and data elements when human readable', () => {
    const { aggregation, set } = aggregate([district, centre], [[targetDoc('chw', { births: 1 })
      , lineageOf(chw)]], { definitions: [births, deliveries] });
    const readable = aggregation.humanReadable(set, 'Monthly summary');
    assert.equal(readable.dataSet, 'Monthly summary');
    assert.deepEqual(readable.dataValues.slice(0, 2), [
      { dataElement: 'births', orgUnit: 'Centre', value: 1 },
      { dataElement: 'deliveries', categoryOptionCombo: 'coc1', attributeOptionCombo: 'aoc1', orgUnit: 'Centre', value: 0 },
    ]);
    assert.equal(set.dataValues[0].orgUnit, 'ouCentre', 'the id-based result is left unchanged');
  });
});

describe('lineageOf', () => {
  it('lists the contact then its ancestors from the minified parent chain', () => {
    assert.deepEqual(lineageOf(chw), ['chw', 'area', 'centre', 'district']);
  });

  it('stops at malformed parents and survives cycles', () => {
    assert.deepEqual(lineageOf({ _id: 'a', parent: 'b' }), ['a']);
    const looped: { _id: string; parent?: unknown } = { _id: 'a' };
    looped.parent = looped;
    assert.equal(lineageOf(looped).length, 100);
  });
});
