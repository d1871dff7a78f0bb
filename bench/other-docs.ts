import { docsPerWorker, KIND, REPORT_FORMS, type Place, type Shape, type Worker } from './deployment-shape';
import { hash32, permute32, Prng } from './prng';

/** What a worker's other docs are drawn from. */
export interface OtherDocsOwner {
  readonly seed: number;
  readonly shape: Shape;
  readonly district: Place;
  centre(index: number): Place;
}

/** An id for the n-th doc of a kind of a worker's other docs (households, members, reports, tasks). */
const otherId = ({ seed, shape }: OtherDocsOwner, kind: number, workerIndex: number, n: number): string => {
  const perWorker = docsPerWorker(shape);
  const word = permute32(((workerIndex * perWorker + n) ^ hash32(seed, 0x2e, kind)) >>> 0);
  return new Prng(seed, kind, workerIndex, n).uuid(word);
};

/**
 * A worker's households with their members, reports about the members and task docs: what a real
 * CHT database mostly holds, and what the export must never read.
 */
export const otherDocsOf = (deployment: OtherDocsOwner, worker: Worker): object[] => {
  const { households, members, reports, tasks } = deployment.shape;
  const centre = deployment.centre(worker.centre);
  const areaLineage = { _id: worker.areaId, parent: { _id: centre.id, parent: { _id: deployment.district.id } } };
  const docs: object[] = [];
  const memberIds: string[] = [];
  const base = 1_700_000_000_000 + worker.index * 1000;
  let n = 0;
  for (let h = 0; h < households; h++) {
    const householdId = otherId(deployment, KIND.household, worker.index, n++);
    const householdLineage = { _id: householdId, parent: areaLineage };
    const ids = Array.from({ length: members }, () => otherId(deployment, KIND.member, worker.index, n++));
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
      _id: otherId(deployment, KIND.report, worker.index, n++), type: 'data_record', form: REPORT_FORMS[r % REPORT_FORMS.length], content_type: 'xml',
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
      _id: `task~org.couchdb.user:${worker.userName}~${otherId(deployment, KIND.task, worker.index, n++)}`, type: 'task',
      authoredOn, stateHistory: [{ state: 'Ready', timestamp: authoredOn }], state: 'Ready',
      user: `org.couchdb.user:${worker.userName}`, requester: patient, owner: patient,
      emission: { _id: `${patient}~task-${t}`, title: 'task.visit.title', icon: 'icon-person', dueDate: '2025-01-01', forId: patient },
    });
  }
  return docs;
};
