/** The shape of the benchmark's deployment: what a health worker has, the ids' kinds, the targets, months. */

export const KIND = {
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

export const REPORT_FORMS = ['household_visit', 'assessment', 'pregnancy_home_visit', 'pnc_home_visit', 'immunization_visit', 'delivery'];
/** Which contact an id is for; with the index, it makes the id's first 32 bits unique. */
export const SLOT = { district: 0, centre: 1, area: 2, person: 3 } as const;

/** CHT-like target ids: 20 mapped to DHIS2 data elements, 3 not mapped. */
export const MAPPED_TARGET_IDS = [
  'births-this-month', 'deaths-this-month', 'pregnancy-registrations-this-month', 'facility-deliveries',
  'active-pregnancies', 'active-pregnancies-1+-visits', 'active-pregnancies-4+-visits', 'active-pregnancies-8+-contacts',
  'births-delivered-in-facility', 'delivery-with-min-1-visit', 'delivery-with-min-4-visits', 'children-under-5',
  'children-registered-this-month', 'households-registered', 'households-visited-this-month', 'u5-malaria-treated',
  'u5-diarrhoea-treated', 'u5-pneumonia-treated', 'immunizations-complete', 'referrals-completed',
];
export const UNMAPPED_TARGET_IDS = ['tasks-completed', 'active-households', 'family-planning-counselling'];

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

export const monthNumberOf = (month: string): number => {
  const [year, monthNumber] = month.split('-').map(Number);
  return year * 12 + monthNumber;
};

/** Noon on the 15th of the month, server local time: any timestamp in the month selects it. */
export const timestampInMonth = (month: string): number => {
  const [year, monthNumber] = month.split('-').map(Number);
  return new Date(year, monthNumber - 1, 15, 12).getTime();
};

