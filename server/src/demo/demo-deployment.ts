import moment from 'moment';
import translationsByLocale from '../../../fixtures/cht-translations-export-dhis.json';

/**
 * The demo's DHIS2 data sets: the first two map cleanly (valid UIDs, one level of the hierarchy,
 * count targets) and import into a DHIS2 that has these ids; the second holds the mapping
 * mistakes made on purpose, so that the preview's checks have something to show, and says so.
 */
export const DEMO_DATA_SETS = [
  { id: 'VMuFODsyWaO', translation_key: 'dhis.dataset.monthly.integration' },
  { id: 'MistakesD01', translation_key: 'dhis.dataset.demo.mistakes' },
  { id: 'QX4ZTUbOt3a', translation_key: 'dhis.dataset.newborn.care' },
];
export const DEMO_MISTAKES_DATA_SET = DEMO_DATA_SETS[1].id;
const MISTAKES = DEMO_MISTAKES_DATA_SET;
const NEWBORN = DEMO_DATA_SETS[2].id;

export const DEMO_TARGETS = [
  { id: 'births-this-month', type: 'count', goal: -1, translation_key: 'targets.births.title', dhis: { dataElement: 'kB0ZBFisE0e' } },
  {
    id: 'facility-deliveries', type: 'count', goal: -1, translation_key: 'targets.facility_deliveries.title',
    dhis: { dataElement: 'e22tIwy1nKR', categoryOptionCombo: 'HllvX50cXC0', attributeOptionCombo: 'HllvX50cXC0' },
  },
  { id: 'pregnancy-registrations-this-month', type: 'count', goal: 20, translation_key: 'targets.pregnancy_registrations.title', dhis: { dataElement: 'fbfJHSPpUQD' } },
  { id: 'active-pregnancies', type: 'count', goal: -1, translation_key: 'targets.active_pregnancies.title', dhis: { dataElement: 'h0xKKjijTdI' } },
  {
    id: 'newborn-visits-within-2-days', type: 'count', goal: -1, translation_key: 'targets.newborn_visits.title',
    dhis: { dataElement: 'pikOziyCXbM', dataSet: NEWBORN },
  },
  // Misconfigured on purpose, in the mistakes data set only: a data element written as a code, not
  // a DHIS2 UID, for a target renamed `referrals` in targets.js since; a second target on the data
  // element of pregnancy registrations; a `dhis` with no data element; a percent target.
  { id: 'referrals-this-month', type: 'count', goal: -1, translation_key: 'targets.referrals.title', dhis: { dataElement: 'REFERRALS', dataSet: MISTAKES } },
  { id: 'pregnancy-visits', type: 'count', goal: -1, translation_key: 'targets.pregnancy_visits.title', dhis: { dataElement: 'fbfJHSPpUQD', dataSet: MISTAKES } },
  { id: 'households-with-assessment', type: 'percent', goal: 100, translation_key: 'targets.households.title', dhis: { dataSet: MISTAKES } },
  {
    id: 'facility-delivery-rate', type: 'percent', goal: 90, translation_key: 'targets.facility_delivery_rate.title',
    dhis: { dataElement: 'e22tIwy1nKR', dataSet: MISTAKES },
  },
];

const HEALTH_CENTRES = [
  { name: 'Kondele Health Centre', orgUnit: 'DiszpKrYNg8' },
  { name: 'Nyalenda Health Centre', orgUnit: 'jNb63DIHuwU' },
  { name: 'Manyatta Health Centre', orgUnit: 'g8upMTyEZGZ' },
  { name: 'Obunga Health Centre', orgUnit: 'ImspTQPwCqd' },
  // Reports monthly figures to the newborn-care data set under a different org unit.
  { name: 'Kanyakwar Health Centre', orgUnit: 'EJoI3HArJ2S', newbornOrgUnit: 'KvE0PYQzXMM' },
];
const DISTRICT = { name: 'Kisumu District Hospital', orgUnit: 'O6uvpzGd5pu' };
/** A centre outside the district, mapped to no org unit: its health worker's figures are counted nowhere. */
const UNMAPPED_CENTRE = { id: 'demo-hc-unmapped', name: 'Migosi Health Centre', worker: 'Beatrice Auma' };
/** Health workers (numbers) with no target doc for last month (nor this month): they have not synced. */
export const DEMO_UNSYNCED = [7, 8, 9];
/** A health worker whose last month doc was last updated mid-month: their figures may be incomplete. */
export const DEMO_STALE = 13;
const AREAS_PER_CENTRE = 6;
const CHW_NAMES = [
  'Achieng Otieno', 'Brian Ouma', 'Christine Akinyi', 'David Odhiambo', 'Esther Awino', 'Felix Omondi',
  'Grace Anyango', 'Hassan Were', 'Irene Adhiambo', 'James Okoth', 'Kevin Onyango', 'Lucy Atieno',
  'Mary Akoth', 'Nicholas Owino', 'Olivia Auma', 'Peter Ochieng', 'Queen Apiyo', 'Robert Opiyo',
  'Sarah Aoko', 'Tom Odongo', 'Ursula Akello', 'Victor Oduor', 'Winnie Amollo', 'Xavier Okello',
  'Yvonne Adongo', 'Zack Obiero', 'Agnes Nyambura', 'Brenda Wanjiru', 'Collins Kiprono', 'Diana Chebet',
];

/** Deterministic numbers, so the demo and its tests agree. */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

export interface DemoDoc {
  _id: string;
  [field: string]: unknown;
}

export const demoSettings = () => ({
  _id: 'settings',
  settings: {
    // no `locale`: the login page and the page follow the browser's language among those translated
    languages: [{ locale: 'en', enabled: true }, { locale: 'fr', enabled: true }],
    dhis_data_sets: DEMO_DATA_SETS,
    roles: {
      program_manager: { name: 'usertype.program-manager' },
      program_officer: { name: 'usertype.program-officer' },
      chw: { name: 'usertype.chw', offline: true },
    },
    permissions: {
      can_export_dhis: ['program_manager', 'program_officer'],
      can_export_all: ['program_officer'],
      can_configure: ['program_officer'],
      can_send_dhis: ['program_manager', 'program_officer'],
    },
    tasks: { targets: { enabled: true, items: DEMO_TARGETS } },
  },
});

const DATA_SET_NAMES: Record<string, Record<string, string>> = {
  en: {
    'dhis.dataset.monthly.integration': 'Community health monthly summary', 'dhis.dataset.newborn.care': 'Newborn care',
    'dhis.dataset.demo.mistakes': 'Demo of the checks: mapping mistakes on purpose',
    'targets.facility_delivery_rate.title': 'Facility delivery rate',
    'targets.births.title': 'Births this month', 'targets.facility_deliveries.title': 'Facility deliveries',
    'targets.pregnancy_registrations.title': 'Pregnancies registered this month', 'targets.active_pregnancies.title': 'Active pregnancies',
    'targets.newborn_visits.title': 'Newborns visited within 2 days', 'targets.households.title': 'Households assessed',
    'targets.referrals.title': 'Referrals this month', 'targets.pregnancy_visits.title': 'Pregnancy visits',
  },
  fr: {
    'dhis.dataset.monthly.integration': 'Résumé mensuel de santé communautaire', 'dhis.dataset.newborn.care': 'Soins du nouveau-né',
    'dhis.dataset.demo.mistakes': 'Démo des vérifications\u202f: erreurs de correspondance volontaires',
    'targets.facility_delivery_rate.title': 'Taux d’accouchement en établissement',
    'targets.births.title': 'Naissances du mois', 'targets.facility_deliveries.title': 'Accouchements en établissement',
    'targets.pregnancy_registrations.title': 'Grossesses enregistrées ce mois', 'targets.active_pregnancies.title': 'Grossesses en cours',
    'targets.newborn_visits.title': 'Nouveau-nés visités sous 2 jours', 'targets.households.title': 'Ménages évalués',
    'targets.referrals.title': 'Références du mois', 'targets.pregnancy_visits.title': 'Visites de grossesse',
  },
};

export const demoTranslations = (): DemoDoc[] => (['en', 'fr'] as const).map(code => ({
  _id: `messages-${code}`,
  type: 'translations',
  code,
  name: code === 'en' ? 'English' : 'Français',
  enabled: true,
  generic: (translationsByLocale as Record<string, Record<string, string>>)[code],
  custom: DATA_SET_NAMES[code],
}));

/** The place hierarchy: district → health centres → CHW areas, each area with its health worker. */
export const demoContacts = (): DemoDoc[] => {
  const docs: DemoDoc[] = [];
  // Data is entered for the health centres; DHIS2 adds them up for the district. Mapping the district
  // too counts everyone twice there: one of the mistakes made on purpose.
  const district = { _id: 'demo-district', type: 'district_hospital', name: DISTRICT.name, dhis: { orgUnit: DISTRICT.orgUnit, dataSet: MISTAKES } };
  docs.push(district);
  HEALTH_CENTRES.forEach((centre, c) => {
    const centreId = `demo-hc-${c + 1}`;
    const dhis = centre.newbornOrgUnit
      ? [{ orgUnit: centre.orgUnit, dataSet: DEMO_DATA_SETS[0].id }, { orgUnit: centre.newbornOrgUnit, dataSet: NEWBORN }]
      : { orgUnit: centre.orgUnit };
    docs.push({ _id: centreId, type: 'health_center', name: centre.name, dhis, parent: { _id: district._id } });
    for (let a = 0; a < AREAS_PER_CENTRE; a++) {
      const index = c * AREAS_PER_CENTRE + a;
      const chw = CHW_NAMES[index];
      const areaId = `demo-area-${index + 1}`;
      const lineage = { _id: centreId, parent: { _id: district._id } };
      docs.push({ _id: areaId, type: 'clinic', name: `${chw.split(' ')[0]}'s Area`, parent: lineage, contact: { _id: `demo-chw-${index + 1}` } });
      docs.push({ _id: `demo-chw-${index + 1}`, type: 'person', name: chw, role: 'chw', phone: `+2547${String(10000000 + index * 7919).slice(0, 8)}`, parent: { _id: areaId, parent: lineage } });
    }
  });
  // Misconfigured on purpose (the mistakes data set): an area mapped to its own health centre's org unit.
  const firstArea = docs.find(doc => doc._id === 'demo-area-1')!;
  firstArea['dhis'] = { orgUnit: HEALTH_CENTRES[0].orgUnit, dataSet: MISTAKES };
  const extra = workerCount() + 1;
  docs.push({ _id: UNMAPPED_CENTRE.id, type: 'health_center', name: UNMAPPED_CENTRE.name });
  docs.push({ _id: `demo-chw-${extra}`, type: 'person', name: UNMAPPED_CENTRE.worker, role: 'chw', parent: { _id: UNMAPPED_CENTRE.id } });
  return docs;
};

export const DEMO_MONTHS = 6;

const workerCount = () => HEALTH_CENTRES.length * AREAS_PER_CENTRE;

/**
 * One target doc per health worker for each of the last six months (the current one included),
 * updated on the first of the next month as a device does once the month is over; but none last
 * month or this month for the unsynced ones, a stale one last month, and one malformed doc.
 */
export const demoTargetDocs = (now: Date): DemoDoc[] => {
  const docs: DemoDoc[] = [];
  const workers = workerCount() + 1;
  for (let back = DEMO_MONTHS - 1; back >= 0; back--) {
    const month = moment(now).startOf('month').subtract(back, 'months');
    const period = month.format('YYYY-MM');
    for (let w = 1; w <= workers; w++) {
      if (back <= 1 && DEMO_UNSYNCED.includes(w)) {
        continue;
      }
      const updated = back === 0 ? moment(now)
        : back === 1 && w === DEMO_STALE ? month.clone().date(14).hour(9)
          : month.clone().add(1, 'month').hour(8);
      const random = seeded(Number(month.format('YYYYMM')) * 100 + w);
      const count = (max: number) => Math.floor(random() * (max + 1));
      const births = count(4);
      const facility = Math.min(births, count(births));
      const newborns = count(births);
      const households = 20 + count(20);
      const assessed = count(households);
      const percent = (pass: number, total: number) => (total === 0 ? 0 : Math.round((pass / total) * 100));
      docs.push({
        _id: `target~${period}~demo-chw-${w}~org.couchdb.user:chw${w}`,
        type: 'target',
        owner: `demo-chw-${w}`,
        user: `org.couchdb.user:chw${w}`,
        reporting_period: period,
        updated_date: updated.valueOf(),
        targets: [
          { id: 'births-this-month', value: { pass: births, total: births } },
          { id: 'facility-deliveries', value: { pass: facility, total: facility } },
          { id: 'facility-delivery-rate', value: { pass: facility, total: births, percent: percent(facility, births) } },
          { id: 'pregnancy-registrations-this-month', value: { pass: count(5), total: count(5) } },
          { id: 'active-pregnancies', value: { pass: count(8), total: 3 + count(8) } },
          { id: 'newborn-visits-within-2-days', value: { pass: newborns, total: newborns } },
          { id: 'households-with-assessment', value: { pass: assessed, total: households, percent: percent(assessed, households) } },
          { id: 'referrals', value: { pass: count(3), total: count(3) } },
        ],
      });
    }
  }
  const lastMonth = moment(now).startOf('month').subtract(1, 'month').format('YYYY-MM');
  docs.push({ _id: `target~${lastMonth}~demo-chw-20-tablet~org.couchdb.user:chw20`, type: 'target', user: 'org.couchdb.user:chw20', reporting_period: lastMonth, targets: 'lost in a failed sync' });
  return docs;
};

/** A `user-settings` doc per health worker (offline role chw), and one for the manager (online). */
export const demoUserSettings = (): DemoDoc[] => {
  const names = [...CHW_NAMES.slice(0, workerCount()), UNMAPPED_CENTRE.worker];
  return [
    ...names.map((fullname, index) => ({
      _id: `org.couchdb.user:chw${index + 1}`, type: 'user-settings', name: `chw${index + 1}`, fullname,
      contact_id: `demo-chw-${index + 1}`, facility_id: index < workerCount() ? `demo-area-${index + 1}` : UNMAPPED_CENTRE.id, roles: ['chw'], language: 'en',
    })),
    { _id: 'org.couchdb.user:manager', type: 'user-settings', name: 'manager', fullname: 'Programme Manager', roles: ['program_manager'] },
  ];
};

export interface DemoUser {
  name: string;
  roles: string[];
  description: string;
  contactId?: string;
}

export const DEMO_USERS: DemoUser[] = [
  { name: 'manager', roles: ['program_manager'], description: 'program manager, may download and send to DHIS2' },
  { name: 'chw1', roles: ['chw'], description: 'health worker, may not export', contactId: 'demo-chw-1' },
];
