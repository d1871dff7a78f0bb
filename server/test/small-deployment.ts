import moment from 'moment';
import { startTestServer, type TestServer } from './test-server';

/** A small CHT deployment for HTTP tests: two mapped centres under a mapped district. */
export const DS = 'dsMonthly01';
export const LAST_MONTH = moment().subtract(1, 'month').startOf('month');

export const settingsDoc = (overrides: Record<string, unknown> = {}) => ({
  _id: 'settings',
  settings: {
    locale: 'en',
    dhis_data_sets: [{ id: DS, translation_key: 'dataset.monthly' }],
    permissions: { can_export_dhis: ['dhis_exporter'], can_export_all: ['all_exporter'], can_configure: ['configurer'] },
    tasks: { targets: { items: [
      { id: 'births', dhis: { dataElement: 'deBirths0001' } },
      { id: 'deliveries', dhis: { dataElement: 'deDeliver001', categoryOptionCombo: 'coc00000001' } },
    ] } },
    ...overrides,
  },
});

export const places = [
  { _id: 'district', type: 'district_hospital', name: 'District', dhis: { orgUnit: 'ouDistrict1' } },
  { _id: 'hc1', type: 'health_center', name: 'North', dhis: { orgUnit: 'ouNorth0001' }, parent: { _id: 'district' } },
  { _id: 'hc2', type: 'health_center', name: 'South', dhis: { orgUnit: 'ouSouth0001' }, parent: { _id: 'district' } },
  { _id: 'chw1', type: 'person', name: 'One', parent: { _id: 'hc1', parent: { _id: 'district' } } },
  { _id: 'chw2', type: 'person', name: 'Two', parent: { _id: 'hc2', parent: { _id: 'district' } } },
];

export const targetDoc = (month: moment.Moment, owner: string, births: number, deliveries = 0) => ({
  _id: `target~${month.format('YYYY-MM')}~${owner}~org.couchdb.user:${owner}`,
  type: 'target', owner, user: `org.couchdb.user:${owner}`, reporting_period: month.format('YYYY-MM'),
  targets: [
    { id: 'births', value: { pass: births, total: births } },
    { id: 'deliveries', value: { pass: deliveries, total: deliveries } },
  ],
});

export const exportPath = (params: Record<string, string | number>) =>
  `/api/v2/export/dhis?${Object.entries(params).map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&')}`;

export const lastMonthExport = (extra: Record<string, string> = {}) =>
  exportPath({ 'filters[dataSet]': DS, 'filters[period]': LAST_MONTH.format('YYYYMM'), ...extra });

/**
 * A server holding the small deployment with data sets of four period types, last month's target
 * docs, and three users: one with can_export_dhis, one with can_export_all, a health worker.
 */
export const startExportApiServer = async (): Promise<TestServer> => {
  const server = await startTestServer();
  await server.putDocs([
    settingsDoc({ dhis_data_sets: [
      { id: DS, translation_key: 'dataset.monthly' }, { id: 'dsQuarter01', periodType: 'Quarterly' }, { id: 'dsYearly001', periodType: 'Yearly' },
      { id: 'dsWeekly001', periodType: 'Weekly' },
    ] }),
    ...places, targetDoc(LAST_MONTH, 'chw1', 3, 1), targetDoc(LAST_MONTH, 'chw2', 4, 2),
  ]);
  await server.createUser('exporter', 'exporter-password', ['dhis_exporter']);
  await server.createUser('allexporter', 'allexporter-password', ['all_exporter']);
  await server.createUser('chw', 'chw-password', ['chw']);
  return server;
};

/** What the DHIS2 stand-in knows of the small deployment: its org units, data elements and data set (a fresh copy each time). */
export const dhis2Metadata = () => ({
  orgUnits: ['ouDistrict1', 'ouNorth0001', 'ouSouth0001'],
  dataElements: { deBirths0001: [], deDeliver001: ['coc00000001'] },
  dataSets: { [DS]: { dataElements: ['deBirths0001', 'deDeliver001'], orgUnits: ['ouDistrict1', 'ouNorth0001', 'ouSouth0001'] } },
});
