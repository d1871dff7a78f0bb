import {
  CHT_SHAPE, docsPerWorker, KIND, MAPPED_TARGET_IDS, monthNumberOf, previousMonthOf, SLOT, UNMAPPED_TARGET_IDS, UNSYNCED_EVERY, STALE_EVERY,
  WORKERS_PER_CENTRE, type MappedTarget, type Place, type Shape, type TargetValue, type Worker,
} from './deployment-shape';
import { otherDocsOf } from './other-docs';
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
    return otherDocsOf(this, worker);
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
