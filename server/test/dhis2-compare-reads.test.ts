import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readCurrentValues, ORG_UNITS_PER_READ } from '../src/dhis2/compare/current-values';
import { startDhis2StandIn, type Dhis2StandIn } from './dhis2-stand-in';
import { DEFAULT_COC, importMetadataOf, type StandInCatalogue } from './dhis2-stand-in-metadata';

const TOKEN = 'd2pat_standInToken0000000000000000003';
const orgUnits = Array.from({ length: 120 }, (_, index) => `ou${String(index).padStart(9, '0')}`);

describe('reading DHIS2\'s current values in bounded batches', () => {
  let dhis2: Dhis2StandIn;
  before(async () => {
    const catalogue: StandInCatalogue = {
      dataSets: { ds000000001: { name: 'Set', periodType: 'Monthly', dataSetElements: [{ dataElement: 'de000000001' }], organisationUnits: orgUnits } },
      dataElements: { de000000001: { name: 'Births', valueType: 'INTEGER' } },
      orgUnits: Object.fromEntries(orgUnits.map(id => [id, id])),
    };
    dhis2 = await startDhis2StandIn({ token: TOKEN, metadata: importMetadataOf(catalogue), catalogue });
    orgUnits.forEach((orgUnit, index) => dhis2.stored.set(`${orgUnit}/de000000001/${DEFAULT_COC}/202610`, index));
  });
  after(() => dhis2.close());
  const deps = () => ({ dhis2: { url: new URL(dhis2.url), auth: { token: TOKEN }, timeoutMs: 1_000 }, timeoutMs: 1_000 });

  for (const version of ['2.38.0', '2.43.0']) {
    it(`asks for ${ORG_UNITS_PER_READ} org units at a time and stops at the cap (DHIS2 ${version})`, async () => {
      dhis2.options.version = version;
      dhis2.reads.clear();
      const all = await readCurrentValues(deps(), 'ds000000001', '202610', [...orgUnits, 'ouUnknown01']);
      assert.equal(all.values.length, 120);
      assert.equal(all.requests, 3);
      assert.equal(dhis2.reads.get('/api/dataValueSets'), 3);
      assert.deepEqual(all.values[7], { dataElement: 'de000000001', orgUnit: orgUnits[7], value: '7', categoryOptionCombo: DEFAULT_COC, attributeOptionCombo: DEFAULT_COC });
      const capped = await readCurrentValues(deps(), 'ds000000001', '202610', orgUnits, 60);
      assert.deepEqual([capped.values.length, capped.capped, capped.requests], [60, true, 2]);
      const unknown = await readCurrentValues(deps(), 'ds000000001', '202610', ['ouUnknown01']);
      assert.deepEqual([unknown.values.length, unknown.failure], [0, undefined], 'E2006 (no such org unit) means DHIS2 holds nothing for it');
      const late = await readCurrentValues({ ...deps(), deadline: Date.now() - 1 }, 'ds000000001', '202610', orgUnits);
      assert.deepEqual([late.values.length, late.failure?.code], [0, 'dhis2-timeout'], 'no read goes on past the deadline');
    });
  }
});
