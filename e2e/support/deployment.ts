import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ADMIN, baseUrl } from './environment';

/**
 * A small CHT deployment the suite writes through the CouchDB API as the server admin:
 * a district hospital with two health centres mapped to DHIS2, one more centre mapped to the
 * second data set only, their health workers, two months of target docs, and two users; and
 * thirty villages mapped to a third data set that only some tests configure.
 */

// ---- months, in local time like the page, the browser and the server ----
export const monthStart = (monthsAgo: number, now = new Date()): Date => new Date(now.getFullYear(), now.getMonth() - monthsAgo, 1);
const pad = (n: number) => String(n).padStart(2, '0');
/** `YYYY-MM`, as in target doc ids. */
export const yearMonth = (date: Date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}`;
/** `YYYYMM`, as in DHIS2 periods and export file names. */
export const dhisPeriod = (date: Date) => `${date.getFullYear()}${pad(date.getMonth() + 1)}`;
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** The page's label for a month: "October, 2026". */
export const periodLabel = (date: Date) => `${MONTH_NAMES[date.getMonth()]}, ${date.getFullYear()}`;

// ---- the deployment ----
export const MONTHLY = { id: 'dsMonthly01', name: 'Monthly community health', nameFr: 'Santé communautaire mensuelle' } as const;
export const QUARTERLY = { id: 'dsSupervis1', name: 'Supervision visits', nameFr: 'Visites de supervision' } as const;

/** Configured only by the tests that ask for it (see `villagesDataSet`): 30 places, enough for a place search. */
export const VILLAGES = { id: 'dsVillage01', name: 'Village registers', count: 30 } as const;
export const villagesDataSet = { id: VILLAGES.id, translation_key: 'dhis.dataset.villages' };
export const villageName = (n: number) => `Village ${String(n).padStart(2, '0')}`;
/** The org unit of village `n`: `ouVillage27`. */
export const villageOrgUnit = (n: number) => `ouVillage${String(n).padStart(2, '0')}`;
const villages = Array.from({ length: VILLAGES.count }, (_, i) => ({
  _id: `e2e-village-${i + 1}`,
  type: 'clinic',
  name: villageName(i + 1),
  dhis: { orgUnit: villageOrgUnit(i + 1), dataSet: VILLAGES.id },
  parent: { _id: 'e2e-hc-north', parent: { _id: 'e2e-district' } },
}));

export const ORG_UNITS = {
  district: { id: 'ouDistrict1', name: 'Central District Hospital' },
  north: { id: 'ouNorth0001', name: 'North Health Centre' },
  south: { id: 'ouSouth0001', name: 'South Health Centre' },
  east: { id: 'ouEast00001', name: 'East Health Centre' },
} as const;

export const USERS = {
  /** Role `program_manager`: can_export_dhis, not can_export_all. */
  manager: { name: 'manager', password: 'manager-password', roles: ['program_manager'] },
  /** Role `chw`: no export permission. */
  chw: { name: 'chw', password: 'chw-password', roles: ['chw'] },
} as const;
export type E2eUser = (typeof USERS)[keyof typeof USERS];

export interface AppSettings {
  locale?: string;
  dhis_data_sets?: { id: string; translation_key?: string }[];
  permissions?: Record<string, string[]>;
  tasks?: unknown;
  [key: string]: unknown;
}

export const baselineSettings = (): AppSettings => ({
  locale: 'en',
  dhis_data_sets: [
    { id: MONTHLY.id, translation_key: 'dhis.dataset.monthly' },
    { id: QUARTERLY.id, translation_key: 'dhis.dataset.supervision' },
  ],
  permissions: {
    can_export_dhis: ['program_manager'],
    can_export_all: ['national_admin'],
    can_configure: ['national_admin'],
  },
  tasks: {
    targets: {
      items: [
        { id: 'births-this-month', dhis: { dataElement: 'deBirths0001', dataSet: MONTHLY.id } },
        { id: 'deliveries-facility', dhis: { dataElement: 'deDeliver001', categoryOptionCombo: 'cocFacility', dataSet: MONTHLY.id } },
        { id: 'households-visited', dhis: { dataElement: 'deHhVisit01' } },
        { id: 'supervision-visits', dhis: { dataElement: 'deSupVisit1', attributeOptionCombo: 'aocPartner1', dataSet: QUARTERLY.id } },
        { id: 'pregnancy-registrations' },
      ],
    },
  },
});

export const places = [
  { _id: 'e2e-district', type: 'district_hospital', name: ORG_UNITS.district.name, dhis: { orgUnit: ORG_UNITS.district.id } },
  { _id: 'e2e-hc-north', type: 'health_center', name: ORG_UNITS.north.name, dhis: { orgUnit: ORG_UNITS.north.id }, parent: { _id: 'e2e-district' } },
  { _id: 'e2e-hc-south', type: 'health_center', name: ORG_UNITS.south.name, dhis: { orgUnit: ORG_UNITS.south.id }, parent: { _id: 'e2e-district' } },
  {
    _id: 'e2e-hc-east', type: 'health_center', name: ORG_UNITS.east.name,
    dhis: { orgUnit: ORG_UNITS.east.id, dataSet: QUARTERLY.id }, parent: { _id: 'e2e-district' },
  },
  { _id: 'e2e-chw-north', type: 'person', name: 'Amina North', parent: { _id: 'e2e-hc-north', parent: { _id: 'e2e-district' } } },
  { _id: 'e2e-chw-south', type: 'person', name: 'Baraka South', parent: { _id: 'e2e-hc-south', parent: { _id: 'e2e-district' } } },
  { _id: 'e2e-chw-east', type: 'person', name: 'Chiku East', parent: { _id: 'e2e-hc-east', parent: { _id: 'e2e-district' } } },
];

type Figures = Record<string, number>;
export const targetDoc = (month: Date, owner: string, figures: Figures) => ({
  _id: `target~${yearMonth(month)}~${owner}~org.couchdb.user:${owner}`,
  type: 'target',
  owner,
  user: `org.couchdb.user:${owner}`,
  reporting_period: yearMonth(month),
  updated_date: month.getTime(),
  targets: Object.entries(figures).map(([id, total]) => ({ id, value: { pass: total, total } })),
});

/** Last month's and the month before's figures per health worker. */
export const targetDocs = (now = new Date()) => {
  const last = monthStart(1, now);
  const before = monthStart(2, now);
  return [
    targetDoc(last, 'e2e-chw-north', { 'births-this-month': 3, 'deliveries-facility': 2, 'households-visited': 11, 'supervision-visits': 1 }),
    targetDoc(last, 'e2e-chw-south', { 'births-this-month': 5, 'deliveries-facility': 4, 'households-visited': 17, 'supervision-visits': 2 }),
    targetDoc(last, 'e2e-chw-east', { 'births-this-month': 7, 'households-visited': 13, 'supervision-visits': 3 }),
    targetDoc(before, 'e2e-chw-north', { 'births-this-month': 1, 'households-visited': 8, 'supervision-visits': 4 }),
    targetDoc(before, 'e2e-chw-east', { 'households-visited': 6, 'supervision-visits': 5 }),
  ];
};

/** The CHT's own strings for this page, plus data set names as a deployment would add them in `custom`. */
export const translationDocs = () => {
  const file = path.join(__dirname, '../../fixtures/cht-translations-export-dhis.json');
  const byLocale = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string>>;
  const custom: Record<string, Record<string, string>> = {
    en: { 'dhis.dataset.monthly': MONTHLY.name, 'dhis.dataset.supervision': QUARTERLY.name, 'dhis.dataset.villages': VILLAGES.name },
    fr: { 'dhis.dataset.monthly': MONTHLY.nameFr, 'dhis.dataset.supervision': QUARTERLY.nameFr },
  };
  return Object.keys(byLocale).map((code) => ({
    _id: `messages-${code}`,
    type: 'translations',
    code,
    generic: byLocale[code],
    custom: custom[code],
  }));
};

// ---- the CouchDB API, as the server admin ----
export const basicAuth = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const ADMIN_AUTH = basicAuth(ADMIN.user, ADMIN.password);

/** fetch on the server under test (or the one at `base`), as the server admin. */
export const adminFetch = (pathname: string, init: RequestInit = {}, base = baseUrl()) =>
  fetch(`${base}${pathname}`, { ...init, headers: { authorization: ADMIN_AUTH, ...init.headers } });

const ok = async (response: Response, what: string) => {
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${await response.text()}`);
  return response;
};

/** Writes the docs as given, replacing whatever revision is there. */
export const putDocs = async <Doc extends { _id: string }>(docs: Doc[], base = baseUrl()): Promise<void> => {
  const current = await ok(await adminFetch('/medic/_all_docs', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ keys: docs.map((doc) => doc._id) }),
  }, base), 'read revisions');
  const { rows } = (await current.json()) as { rows: { key: string; value?: { rev: string; deleted?: boolean } }[] };
  const revs = new Map(rows.filter((row) => row.value && !row.value.deleted).map((row) => [row.key, row.value!.rev]));
  const response = await ok(await adminFetch('/medic/_bulk_docs', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ docs: docs.map((doc) => (revs.has(doc._id) ? { ...doc, _rev: revs.get(doc._id) } : doc)) }),
  }, base), 'write docs');
  const failed = ((await response.json()) as { id: string; error?: string }[]).filter((result) => result.error);
  if (failed.length > 0) throw new Error(`write docs: ${JSON.stringify(failed)}`);
};

export const putSettings = (settings: AppSettings) => putDocs([{ _id: 'settings', settings } as { _id: string }]);

export const putUser = async ({ name, password, roles }: E2eUser, base = baseUrl()) => {
  const id = `org.couchdb.user:${name}`;
  const existing = await adminFetch(`/_users/${encodeURIComponent(id)}`, {}, base);
  const rev = existing.ok ? ((await existing.json()) as { _rev: string })._rev : undefined;
  await ok(await adminFetch(`/_users/${encodeURIComponent(id)}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ _id: id, ...(rev ? { _rev: rev } : {}), name, password, roles, type: 'user' }),
  }, base), `create user ${name}`);
};

/** Writes the whole deployment; safe to run again (it puts everything back as it was). */
export const seedDeployment = async (): Promise<void> => {
  await putDocs([{ _id: 'settings', settings: baselineSettings() } as { _id: string }, ...translationDocs(), ...places, ...villages, ...targetDocs()]);
  for (const user of Object.values(USERS)) await putUser(user);
};

/** The export API's URL for these filters, as the page builds it; `period` is `YYYYMM`. */
export const exportUrl = (filters: { dataSet: string; period: string; orgUnit?: string }) => {
  const params = new URLSearchParams({ 'filters[dataSet]': filters.dataSet, 'filters[period]': filters.period });
  if (filters.orgUnit) params.set('filters[orgUnit]', filters.orgUnit);
  return `/api/v2/export/dhis?${params}`;
};
