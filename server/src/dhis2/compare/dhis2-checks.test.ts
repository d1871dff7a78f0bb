import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readDataSetMetadata } from './data-set-metadata';
import { dhis2Checks, type CheckContext } from './dhis2-checks';

const metadata = readDataSetMetadata({
  name: 'Supervision', periodType: 'Quarterly', expiryDays: 0, openFuturePeriods: 1, dataInputPeriods: [],
  categoryCombo: { categoryOptionCombos: [{ id: 'aocPartner1', name: 'Partner 1' }] },
  dataSetElements: [{ dataElement: { id: 'deSupVisit1', name: 'Supervision visits', valueType: 'INTEGER', zeroIsSignificant: false,
    categoryCombo: { categoryOptionCombos: [{ id: 'HllvX50cXC0', name: 'default' }] } } }],
  organisationUnits: [{ id: 'ouEast00001', name: 'East HC' }, { id: 'ouWest00001', name: 'West HC' }],
}, 'dsSupervis1');

const context = (overrides: Partial<CheckContext> = {}): CheckContext => ({
  metadata,
  periodId: '2026Q3',
  chtPeriodType: 'Quarterly',
  file: [{ orgUnit: 'ouEast00001', dataElement: 'deSupVisit1', value: 2.5, attributeOptionCombo: 'aocPartner2' }],
  mappedOrgUnits: ['ouEast00001'],
  allPlaces: true,
  mappedDataElements: ['deSupVisit1'],
  placeName: orgUnit => (orgUnit === 'ouEast00001' ? 'East Health Centre' : undefined),
  targetsOf: () => ['supervision-visits'],
  now: new Date('2026-11-03T10:00:00Z'),
  minorVersion: 40,
  ...overrides,
});

describe('DHIS2\'s checks of a file against its metadata', () => {
  it('finds an attribute option combo outside the data set\'s, a decimal for INTEGER and an org unit no place maps to', () => {
    const checks = dhis2Checks(context());
    assert.deepEqual(checks.map(check => `${check.code} ${check.items.map(item => item.id).join(',')} ${check.values}`), [
      'dhis2-option-combo-unknown aocPartner2 1',
      'dhis2-value-type deSupVisit1 1',
      'dhis2-unmapped ouWest00001 0',
    ]);
    assert.deepEqual(checks[0]!.items[0], { id: 'aocPartner2', dhis2Name: 'Supervision' });
    assert.equal(checks[1]!.params['reason'], 'value_not_integer');
  });

  it('leaves unmapped org units out for one place, and names a period type the settings do not share', () => {
    const checks = dhis2Checks(context({ allPlaces: false, chtPeriodType: 'Monthly', file: [] }));
    assert.deepEqual(checks.map(check => check.code), ['dhis2-period-type']);
    assert.deepEqual(checks[0]!.params, { dhis2PeriodType: 'Quarterly', chtPeriodType: 'Monthly' });
  });

  it('makes no check that needs a field DHIS2 did not give', () => {
    const partial = readDataSetMetadata({ name: 'Old', periodType: 'Quarterly' }, 'dsOld0000001');
    assert.deepEqual(partial.missing, ['dataSetElements', 'organisationUnits', 'expiryDays', 'openFuturePeriods', 'dataInputPeriods', 'categoryCombo']);
    assert.deepEqual(dhis2Checks(context({ metadata: partial })), []);
  });
});
