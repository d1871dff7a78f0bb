import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explainConflict, type ProgrammeNames } from './conflict-explanation';

const names: ProgrammeNames = {
  placeByOrgUnit: new Map([['ouNorth0001', 'North'], ['ouSouth0001', 'South']]),
  targetsByDataElement: new Map([['deBirths0001', ['births']], ['deShared0001', ['visits', 'home-visits']]]),
};
const sent = [
  { dataElement: 'deBirths0001', orgUnit: 'ouNorth0001', value: 3 },
  { dataElement: 'deShared0001', orgUnit: 'ouNorth0001', value: 2 },
  { dataElement: 'deBirths0001', orgUnit: 'ouSouth0001', value: 1 },
];

describe('explainConflict', () => {
  it('names place and target from DHIS2\'s objects (2.38+), with what to do for its error code', () => {
    const explained = explainConflict({
      object: 'ouSouth0001', objects: { orgUnit: 'ouSouth0001', dataElement: 'deBirths0001' }, errorCode: 'E7636', indexes: [2],
      value: 'Data element: `deBirths0001` must be assigned through data sets to organisation unit: `ouSouth0001`',
    }, sent, names);
    assert.deepEqual(explained.place, { name: 'South', orgUnit: 'ouSouth0001' });
    assert.deepEqual(explained.target, { title: 'births', dataElement: 'deBirths0001' });
    assert.equal(explained.values, 1);
    assert.match(explained.action, /assign the organisation unit to the data set/);
    assert.equal(explained.advice, 'E7636');
  });

  it('names its advice, for a page to word it in its user\'s language: shared advice by name, other codes by themselves', () => {
    const advice = (errorCode: string | undefined) => explainConflict({ value: 'x', ...(errorCode ? { errorCode } : {}) }, sent, names).advice;
    assert.equal(advice('E7612'), 'unknown-org-unit');
    assert.equal(advice('E1102'), 'unknown-org-unit');
    assert.equal(advice('E7610'), 'unknown-data-element');
    assert.equal(advice('E7634'), 'category-option-combo');
    assert.equal(advice('E7635'), 'attribute-option-combo');
    assert.equal(advice('E7641'), 'period-closed');
    assert.equal(advice('E7642'), 'E7642');
    assert.equal(advice('E9999'), 'other');
    assert.equal(advice(undefined), 'other');
  });

  it('names no single target when the values pointed at have several, and joins targets sharing a data element', () => {
    const place = explainConflict({ object: 'ouNorth0001', value: 'Organisation unit not found or not accessible: `ouNorth0001`', errorCode: 'E7612', indexes: [0, 1] }, sent, names);
    assert.deepEqual(place.place, { name: 'North', orgUnit: 'ouNorth0001' });
    assert.equal(place.target, undefined);
    const shared = explainConflict({ object: 'deShared0001', value: 'Data element not found or not accessible: `deShared0001`', errorCode: 'E7610', indexes: [1] }, sent, names);
    assert.deepEqual(shared.target, { title: 'visits + home-visits', dataElement: 'deShared0001' });
  });

  it('reads the ids in the message of a DHIS2 before 2.37 (no code, no objects), and advises reading it when the code is unknown', () => {
    const old = explainConflict({ object: 'ouSouth0001', value: 'Organisation unit not found or not accessible' }, sent, names);
    assert.deepEqual(old.place, { name: 'South', orgUnit: 'ouSouth0001' });
    assert.equal(old.errorCode, undefined);
    assert.match(old.action, /Read DHIS2's message/);
    const closed = explainConflict({ value: 'Period: `202610` is not open for this data set at this time: `ds1`', errorCode: 'E7643' }, sent, names);
    assert.match(closed.action, /open the period/);
  });
});
