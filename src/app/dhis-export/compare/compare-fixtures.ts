import { Comparison } from './dhis2-compare-api';

/** A comparison as the server gives it, for the specs: one figure zeroed, one changed, one check. */
export const COMPARISON: Comparison = {
  dataSet: { id: 'ds1', dhis2Name: 'CHW monthly report' },
  period: '202405',
  dhis2: { host: 'dhis2.example.org', version: '2.40.3' },
  complete: true,
  problems: [],
  counts: { zeroing: 1, changed: 1, new: 12, onlyInDhis2: 0, unchanged: 40 },
  values: [
    { orgUnit: 'ouNorth0001', dataElement: 'deVisits0001', now: 0, inDhis2: '12', change: 'zeroing', deletes: true },
    { orgUnit: 'ouDistrict1', dataElement: 'deBirths0001', now: 7, inDhis2: '5', change: 'changed' },
    { orgUnit: 'ouDistrict1', dataElement: 'deDeliver001', now: 3, change: 'new' },
  ],
  names: {
    orgUnits: { ouNorth0001: { cht: 'North', dhis2: 'North HC' }, ouDistrict1: { cht: 'District', dhis2: 'District' } },
    dataElements: { deVisits0001: { cht: 'visits', dhis2: 'Home visits' }, deBirths0001: { cht: 'births', dhis2: 'Live births' } },
  },
  checks: [
    {
      code: 'dhis2-org-unit-not-assigned', severity: 'error', count: 1, values: 3,
      items: [{ id: 'ouSouth0001', chtName: 'South' }], params: {}, message: 'These org units are not assigned',
    },
    {
      code: 'dhis2-period-closed', severity: 'error', count: 1, values: 9,
      items: [{ id: '202405' }], params: { reason: 'expiryDays', period: '202405', expiryDays: 10, closedOn: '2024-06-10' }, message: 'closed',
    },
  ],
};
