import { hash32, permute32, Prng } from './prng';

/**
 * A CHT-shaped deployment of N health workers, generated deterministically from a seed:
 * one district, N/200 health centres (each mapped to a DHIS2 org unit; the district too),
 * one area (clinic) and one health worker (person) per worker with the CHT's minified lineage,
 * and per worker a target doc a month for `months` months up to the benchmark month (the others
 * are noise). The `cht` shape adds what a real CHT database mostly holds: per worker households
 * (`contact`, `contact_type: household`) with their members (`person`: the patients), reports
 * (`data_record`) and task docs (`task~…`). None of it counts in the export.
 * Documents are produced in batches, never all at once; any worker's values can be re-derived.
 */

const KIND = {
  district: 1, centre: 2, worker: 3, targets: 4, dataElement: 5, dataSet: 6, orgUnit: 7, household: 8, member: 9, report: 10, task: 11,
} as const;

/** Per health worker, what the database holds besides the worker and their area. */
export interface Shape {
  name: 'cht' | 'targets';
  households: number;
  /** Members (`person`) per household. */
  members: number;
  /** Reports (`data_record`), a year's worth. */
  reports: number;
  tasks: number;
  /** Months of target docs, the benchmark month and those before it. */
  months: number;
}

/** What the issue measured: 60 households of 5, 240 reports, 30 tasks, a year of targets (644 docs a worker). */
export const CHT_SHAPE: Shape = { name: 'cht', households: 60, members: 5, reports: 240, tasks: 30, months: 12 };
/** The earlier benchmark: an area, a worker and two months of targets (4 docs a worker). */
export const TARGETS_SHAPE: Shape = { name: 'targets', households: 0, members: 0, reports: 0, tasks: 0, months: 2 };

/** Each health worker has a `user-settings` doc; every UNSYNCED_EVERY-th also shares their area with a second one who never synced. */
export const UNSYNCED_EVERY = 50;
/** Every STALE_EVERY-th health worker last updated their target doc before the month ended. */
export const STALE_EVERY = 20;

/** The worker's area and person, households and members, reports, tasks, months of targets, and user-settings. */
export const docsPerWorker = (shape: Shape) => 3 + shape.households * (1 + shape.members) + shape.reports + shape.tasks + shape.months;

const REPORT_FORMS = ['household_visit', 'assessment', 'pregnancy_home_visit', 'pnc_home_visit', 'immunization_visit', 'delivery'];
/** Which contact an id is for; with the index, it makes the id's first 32 bits unique. */
const SLOT = { district: 0, centre: 1, area: 2, person: 3 } as const;

/** CHT-like target ids: 20 mapped to DHIS2 data elements, 3 not mapped. */
const MAPPED_TARGET_IDS = [
  'births-this-month', 'deaths-this-month', 'pregnancy-registrations-this-month', 'facility-deliveries',
  'active-pregnancies', 'active-pregnancies-1+-visits', 'active-pregnancies-4+-visits', 'active-pregnancies-8+-contacts',
  'births-delivered-in-facility', 'delivery-with-min-1-visit', 'delivery-with-min-4-visits', 'children-under-5',
  'children-registered-this-month', 'households-registered', 'households-visited-this-month', 'u5-malaria-treated',
  'u5-diarrhoea-treated', 'u5-pneumonia-treated', 'immunizations-complete', 'referrals-completed',
];
const UNMAPPED_TARGET_IDS = ['tasks-completed', 'active-households', 'family-planning-counselling'];

export const WORKERS_PER_CENTRE = 200;

export interface MappedTarget {
  id: string;
  dataElement: string;
  /** Copied onto the data value by the export (set on every fourth target). */
  categoryOptionCombo?: string;
}

export interface Place {
  id: string;
  orgUnit: string;
  name: string;
}

export interface Worker {
  index: number;
  areaId: string;
  personId: string;
  userName: string;
  centre: number;
}

export interface TargetValue {
  id: string;
  pass: number;
  total: number;
}

/** `YYYY-MM` of the month `back` months before. */
export const previousMonthOf = (month: string, back = 1): string => {
  const [year, monthNumber] = month.split('-').map(Number);
  const date = new Date(year, monthNumber - 1 - back, 1);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
};

const monthNumberOf = (month: string): number => {
  const [year, monthNumber] = month.split('-').map(Number);
  return year * 12 + monthNumber;
};

/** Noon on the 15th of the month, server local time: any timestamp in the month selects it. */
export const timestampInMonth = (month: string): number => {
  const [year, monthNumber] = month.split('-').map(Number);
  return new Date(year, monthNumber - 1, 15, 12).getTime();
};

export class Deployment {
  readonly dataSet: string;
  readonly mappedTargets: MappedTarget[];
  readonly unmappedTargetIds = UNMAPPED_TARGET_IDS;
  readonly district: Place;
  readonly centreCount: number;
  readonly previousMonth: string;
  readonly docCount: number;
  private readonly centres: Place[] = [];

  constructor(readonly workers: number, readonly month: string, readonly seed = 20_250_501, readonly shape: Shape = CHT_SHAPE) {
    if (!Number.isInteger(workers) || workers < 1) {
      throw new Error(`workers must be a positive whole number, got ${workers}`);
    }
    this.previousMonth = previousMonthOf(month);
    this.dataSet = new Prng(seed, KIND.dataSet).dhisUid();
    this.mappedTargets = MAPPED_TARGET_IDS.map((id, index) => {
      const prng = new Prng(seed, KIND.dataElement, index);
      const dataElement = prng.dhisUid();
      return index % 4 === 0 ? { id, dataElement, categoryOptionCombo: prng.dhisUid() } : { id, dataElement };
    });
    const district = new Prng(seed, KIND.district);
    this.district = { id: district.uuid(this.uniqueWord(SLOT.district, 0)), orgUnit: district.dhisUid(), name: 'Bench District' };
    this.centreCount = Math.max(1, Math.ceil(workers / WORKERS_PER_CENTRE));
    const orgUnits = new Set([this.district.orgUnit]);
    for (let index = 0; index < this.centreCount; index++) {
      const centre = this.centre(index);
      if (orgUnits.has(centre.orgUnit)) {
        throw new Error(`org unit ${centre.orgUnit} drawn twice: change the seed`);
      }
      orgUnits.add(centre.orgUnit);
      this.centres.push(centre);
    }
    this.docCount = 2 + this.centreCount + docsPerWorker(shape) * workers + Math.ceil(workers / UNSYNCED_EVERY);
  }

  /** A health centre; indexes past `centreCount` give new ones (for the freshness checks). */
  centre(index: number): Place {
    if (index < this.centres.length) {
      return this.centres[index];
    }
    const prng = new Prng(this.seed, KIND.centre, index);
    return { id: prng.uuid(this.uniqueWord(SLOT.centre, index)), orgUnit: prng.dhisUid(), name: `Health Centre ${index + 1}` };
  }

  centreList(): readonly Place[] {
    return this.centres;
  }

  /** A health worker; indexes past `workers` give new ones (for the freshness checks). */
  worker(index: number, centre = Math.floor((Math.min(index, this.workers - 1) * this.centreCount) / this.workers)): Worker {
    const prng = new Prng(this.seed, KIND.worker, index);
    return {
      index,
      areaId: prng.uuid(this.uniqueWord(SLOT.area, index)),
      personId: prng.uuid(this.uniqueWord(SLOT.person, index)),
      userName: `chw-${String(index).padStart(6, '0')}`,
      centre,
    };
  }

  /** 32 bits that differ for every (slot, index) with index below 2^30, yet look random. */
  private uniqueWord(slot: number, index: number): number {
    return permute32(((index * 4 + slot) ^ hash32(this.seed, 0x1d)) >>> 0);
  }

  /** An id for the n-th doc of a kind of a worker's other docs (households, members, reports, tasks). */
  private otherId(kind: number, workerIndex: number, n: number): string {
    const perWorker = docsPerWorker(this.shape);
    const word = permute32(((workerIndex * perWorker + n) ^ hash32(this.seed, 0x2e, kind)) >>> 0);
    return new Prng(this.seed, kind, workerIndex, n).uuid(word);
  }

  /** A DHIS2 org unit that no place holds yet (for the freshness checks). */
  freshOrgUnit(salt: number): string {
    return new Prng(this.seed, KIND.orgUnit, salt).dhisUid();
  }

  /** The values in a worker's target doc for a month (`variant` > 0 gives another set, as an update would). */
  targetValues(workerIndex: number, month: string, variant = 0): TargetValue[] {
    const prng = new Prng(this.seed, KIND.targets, workerIndex, monthNumberOf(month), variant);
    return [...MAPPED_TARGET_IDS, ...UNMAPPED_TARGET_IDS].map(id => {
      const total = prng.below(5) === 0 ? 0 : 1 + prng.below(30);
      return { id, pass: prng.below(total + 1), total };
    });
  }

  settingsDoc() {
    return {
      _id: 'settings',
      settings: {
        locale: 'en',
        dhis_data_sets: [{ id: this.dataSet, translation_key: 'dhis.dataset.bench' }],
        permissions: {
          can_export_dhis: ['program_officer'],
          can_export_all: ['national_admin'],
          can_configure: ['national_admin'],
        },
        tasks: {
          targets: {
            enabled: true,
            items: [
              ...this.mappedTargets.map(({ id, dataElement, categoryOptionCombo }) => ({
                id, type: 'count', goal: -1, translation_key: `targets.${id}.title`, context: 'user.role === "chw"',
                dhis: categoryOptionCombo ? { dataElement, categoryOptionCombo } : { dataElement },
              })),
              ...this.unmappedTargetIds.map(id => ({ id, type: 'count', goal: -1, translation_key: `targets.${id}.title` })),
            ],
          },
        },
      },
    };
  }

  placeDocs(): object[] {
    const { district } = this;
    return [
      { _id: district.id, type: 'district_hospital', name: district.name, dhis: { orgUnit: district.orgUnit }, reported_date: 1_700_000_000_000 },
      ...this.centres.map(centre => this.centreDoc(centre)),
    ];
  }

  centreDoc(centre: Place, orgUnit = centre.orgUnit) {
    return {
      _id: centre.id, type: 'health_center', name: centre.name,
      parent: { _id: this.district.id }, dhis: { orgUnit }, reported_date: 1_700_000_000_000,
    };
  }

  contactDocs(worker: Worker): [object, object] {
    const centre = this.centre(worker.centre);
    const centreLineage = { _id: centre.id, parent: { _id: this.district.id } };
    const areaLineage = { _id: worker.areaId, parent: centreLineage };
    const n = worker.index + 1;
    return [
      {
        _id: worker.areaId, type: 'clinic', name: `Area ${n}`, parent: centreLineage,
        contact: { _id: worker.personId, parent: areaLineage }, reported_date: 1_700_000_000_000 + worker.index,
      },
      {
        _id: worker.personId, type: 'person', name: `Health Worker ${n}`, role: 'chw', sex: n % 3 === 0 ? 'male' : 'female',
        phone: `+2547${String(10_000_000 + worker.index).slice(-8)}`, date_of_birth: '1990-01-01',
        parent: areaLineage, reported_date: 1_700_000_000_000 + worker.index,
      },
    ];
  }

  targetDocId(worker: Worker, month: string, userName = worker.userName): string {
    return `target~${month}~${worker.personId}~org.couchdb.user:${userName}`;
  }

  targetDoc(worker: Worker, month: string, values = this.targetValues(worker.index, month), userName = worker.userName) {
    const [year, monthNumber] = month.split('-').map(Number);
    return {
      _id: this.targetDocId(worker, month, userName),
      type: 'target',
      owner: worker.personId,
      user: `org.couchdb.user:${userName}`,
      reporting_period: month,
      // most synced after the month ended; every STALE_EVERY-th before, so the preview's coverage finds them stale
      updated_date: (worker.index % STALE_EVERY === 0 ? new Date(year, monthNumber - 1, 28, 8) : new Date(year, monthNumber, 1, 8)).getTime() + worker.index * 1000,
      targets: values.map(({ id, pass, total }) => ({
        id, value: { pass, total, percent: total === 0 ? 0 : Math.round((pass * 100) / total) },
      })),
    };
  }

  /**
   * A worker's households with their members, reports about the members and task docs: what a real
   * CHT database mostly holds, and what the export must never read.
   */
  /** The CHT's `user-settings` doc of a health worker (the preview's coverage reads them). */
  userSettingsDocs(worker: Worker): object[] {
    const user = (userName: string) => ({
      _id: `org.couchdb.user:${userName}`, type: 'user-settings', name: userName, fullname: `Health Worker ${worker.index + 1}`,
      contact_id: worker.personId, facility_id: worker.areaId, roles: ['chw'], language: 'en', known: true,
    });
    return worker.index % UNSYNCED_EVERY === 0
      ? [user(worker.userName), { ...user(`${worker.userName}-b`), contact_id: undefined, fullname: `Health Worker ${worker.index + 1}b` }]
      : [user(worker.userName)];
  }

  otherDocs(worker: Worker): object[] {
    const { households, members, reports, tasks } = this.shape;
    const centre = this.centre(worker.centre);
    const areaLineage = { _id: worker.areaId, parent: { _id: centre.id, parent: { _id: this.district.id } } };
    const docs: object[] = [];
    const memberIds: string[] = [];
    const base = 1_700_000_000_000 + worker.index * 1000;
    let n = 0;
    for (let h = 0; h < households; h++) {
      const householdId = this.otherId(KIND.household, worker.index, n++);
      const householdLineage = { _id: householdId, parent: areaLineage };
      const ids = Array.from({ length: members }, () => this.otherId(KIND.member, worker.index, n++));
      docs.push({
        _id: householdId, type: 'contact', contact_type: 'household', name: `Household ${worker.index + 1}-${h + 1}`,
        parent: areaLineage, ...(ids.length ? { contact: { _id: ids[0], parent: householdLineage } } : {}), reported_date: base + h,
      });
      ids.forEach((id, m) => {
        memberIds.push(id);
        docs.push({
          _id: id, type: 'person', name: `Member ${worker.index + 1}-${h + 1}-${m + 1}`, patient_id: String(10_000_000 + worker.index * 997 + h * 7 + m),
          sex: m % 2 === 0 ? 'female' : 'male', date_of_birth: `${1960 + ((h * 7 + m * 13) % 60)}-0${1 + (m % 9)}-1${m % 10}`,
          parent: householdLineage, reported_date: base + h, meta: { created_by: worker.userName, created_by_person_uuid: worker.personId },
        });
      });
    }
    for (let r = 0; r < reports; r++) {
      const patient = memberIds.length ? memberIds[r % memberIds.length] : worker.personId;
      docs.push({
        _id: this.otherId(KIND.report, worker.index, n++), type: 'data_record', form: REPORT_FORMS[r % REPORT_FORMS.length], content_type: 'xml',
        reported_date: base + r * 3_600_000, from: `+2547${String(10_000_000 + worker.index).slice(-8)}`,
        contact: { _id: worker.personId, parent: areaLineage },
        fields: {
          patient_id: patient, patient_uuid: patient, patient_name: `Member ${r}`, visited_contact_uuid: patient,
          inputs: { source: 'task', source_id: '', contact: { _id: patient, name: `Member ${r}` } },
          group_assessment: { fever: r % 3 === 0 ? 'yes' : 'no', cough: r % 5 === 0 ? 'yes' : 'no', danger_signs: 'none' },
          meta: { instanceID: `uuid:${worker.index}-${r}` },
        },
        geolocation: { latitude: -1.28 + (worker.index % 100) / 1000, longitude: 36.8 + (r % 100) / 1000, accuracy: 12 },
      });
    }
    for (let t = 0; t < tasks; t++) {
      const patient = memberIds.length ? memberIds[t % memberIds.length] : worker.personId;
      const authoredOn = base + t * 86_400_000;
      docs.push({
        _id: `task~org.couchdb.user:${worker.userName}~${this.otherId(KIND.task, worker.index, n++)}`, type: 'task',
        authoredOn, stateHistory: [{ state: 'Ready', timestamp: authoredOn }], state: 'Ready',
        user: `org.couchdb.user:${worker.userName}`, requester: patient, owner: patient,
        emission: { _id: `${patient}~task-${t}`, title: 'task.visit.title', icon: 'icon-person', dueDate: '2025-01-01', forId: patient },
      });
    }
    return docs;
  }

  /** The months of target docs each worker has: the benchmark month and those before it. */
  targetMonths(): string[] {
    return Array.from({ length: this.shape.months }, (_, back) => previousMonthOf(this.month, back));
  }

  /** Settings and places first, then each worker's contacts, other docs and target docs, about `size` docs at a time. */
  *batches(size: number): Generator<object[]> {
    yield [this.settingsDoc(), ...this.placeDocs()];
    const months = this.targetMonths();
    let batch: object[] = [];
    for (let index = 0; index < this.workers; index++) {
      const worker = this.worker(index);
      batch.push(...this.contactDocs(worker), ...this.userSettingsDocs(worker), ...this.otherDocs(worker), ...months.map(month => this.targetDoc(worker, month)));
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) {
      yield batch;
    }
  }
}
