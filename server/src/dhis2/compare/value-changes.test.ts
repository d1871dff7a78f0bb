import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareValues, countChanges } from './value-changes';
import { valueTypeRefusal } from './value-types';
import { readDataSetMetadata } from './data-set-metadata';

const rules = { defaultCombo: 'HllvX50cXC0', zeroIsSignificant: (de: string) => (de === 'deKept00001' ? true : de === 'deGone00001' ? false : undefined) };
const file = (dataElement: string, value: number, extra = {}) => ({ orgUnit: 'ou000000001', dataElement, value, ...extra });
const held = (dataElement: string, value: string, extra = {}) => ({ orgUnit: 'ou000000001', dataElement, value, categoryOptionCombo: 'HllvX50cXC0', ...extra });

describe('what a send would change, value by value', () => {
  it('tells new, changed, unchanged, zeroing and onlyInDhis2 apart, matching the default combo', () => {
    const rows = compareValues(
      [file('deSame00001', 5), file('deMore00001', 6), file('deNew000001', 1), file('deKept00001', 0), file('deGone00001', 0), file('deZero00001', 0),
        file('deCombo0001', 2, { categoryOptionCombo: 'coc00000001' })],
      [held('deSame00001', '5.0'), held('deMore00001', '4'), held('deKept00001', '3'), held('deGone00001', '3'), held('deOnly00001', '8'),
        held('deCombo0001', '2', { categoryOptionCombo: 'coc00000002' })],
      rules);
    assert.deepEqual(rows.map(row => `${row.change} ${row.dataElement} ${row.inDhis2 ?? '-'} ${row.now ?? '-'}${row.deletes ? ' deletes' : ''}`), [
      'zeroing deGone00001 3 0 deletes',
      'zeroing deKept00001 3 0',
      'changed deMore00001 4 6',
      'new deCombo0001 - 2',
      'new deNew000001 - 1',
      'new deZero00001 - 0',
      'onlyInDhis2 deCombo0001 2 -',
      'onlyInDhis2 deOnly00001 8 -',
      'unchanged deSame00001 5.0 5',
    ]);
    assert.deepEqual(countChanges(rows), { zeroing: 2, changed: 1, new: 3, onlyInDhis2: 2, unchanged: 1 });
    // a 0 where DHIS2 holds nothing and keeps no zeros changes nothing
    assert.equal(compareValues([file('deGone00001', 0)], [], rules)[0]!.change, 'unchanged');
    assert.equal(rows.find(row => row.dataElement === 'deOnly00001')!.categoryOptionCombo, undefined, 'the default combo is left unnamed, as in the file');
  });

  it('knows which numbers each DHIS2 value type refuses', () => {
    assert.equal(valueTypeRefusal(2.5, 'INTEGER'), 'value_not_integer');
    assert.equal(valueTypeRefusal(0, 'INTEGER_POSITIVE'), 'value_not_positive_integer');
    assert.equal(valueTypeRefusal(-1, 'INTEGER_ZERO_OR_POSITIVE'), 'value_not_zero_or_positive_integer');
    assert.equal(valueTypeRefusal(0, 'INTEGER_ZERO_OR_POSITIVE'), undefined);
    assert.equal(valueTypeRefusal(101, 'PERCENTAGE'), 'value_not_percentage');
    assert.equal(valueTypeRefusal(3, 'DATE'), 'value_type_not_numeric');
    assert.equal(valueTypeRefusal(-2.5, 'NUMBER'), undefined);
  });

  it('reads DHIS2\'s data set leniently: a period as { id } or an id, missing fields noted', () => {
    const metadata = readDataSetMetadata({
      name: 'Set', periodType: 'Monthly', expiryDays: 7.0,
      dataInputPeriods: [{ period: { id: '202610' } }, { period: '202611', closingDate: '2026-12-01' }, { period: 5 }],
      dataSetElements: [{ dataElement: { id: 'de000000001', name: 'Births', categoryCombo: { categoryOptionCombos: [{ id: 'c1', name: 'default' }] } },
        categoryCombo: { categoryOptionCombos: [{ id: 'c2', name: 'Override' }] } }, { dataElement: 'junk' }],
    }, 'ds000000001');
    assert.deepEqual(metadata.dataInputPeriods, [{ period: '202610' }, { period: '202611', closingDate: '2026-12-01' }]);
    assert.deepEqual(metadata.dataElements.get('de000000001')?.optionCombos, [{ id: 'c2', name: 'Override' }]);
    assert.equal(metadata.expiryDays, 7);
    assert.deepEqual(metadata.missing, ['organisationUnits', 'openFuturePeriods', 'categoryCombo']);
  });
});
