import { randomUUID } from 'node:crypto';
import type { Schedule, ScheduleSettings } from './schedule';

/** What the scheduler last did for a schedule, for the page and the CLI; the log stays the record. */
export interface ScheduleStatus {
  /** A run that waits for health workers to sync. */
  waiting?: { period: string; coverage: number; minCoverage: number; dueAt: string; checkedAt: string; sendAnywayAt: string };
  lastRun?: {
    period: string;
    at: string;
    /** sent, stopped, refused, gave-up; or, while retrying: failed, unknown. */
    state: string;
    attempt: number;
    message?: string;
    nextAttemptAt?: string;
    recordId?: string;
    forced?: boolean;
  };
  /** The last correction of late data. */
  lastCorrection?: { period: string; at: string; values: number; sent: boolean };
}

const SCHEDULE = 'schedule~';
const STATUS = 'schedule-status~';

type Stored<T> = T & { _id: string; _rev?: string; type: string };

const withoutMeta = <T extends object>({ _id: _ignored, _rev: _revision, type: _type, ...rest }: Stored<T>) => rest as unknown as T;

const isStatus = (error: unknown, status: number) => (error as { status?: number }).status === status;

/** Schedules and their status, as docs in the export log's database (so every server process sharing it sees them). */
export class ScheduleStore {
  constructor(private readonly db: PouchDB.Database) {}

  async list(): Promise<Schedule[]> {
    const { rows } = await this.db.allDocs<Schedule>({ startkey: SCHEDULE, endkey: `${SCHEDULE}\uffff`, include_docs: true });
    return rows.flatMap(({ doc }) => (doc ? [withoutMeta(doc as Stored<Schedule>)] : []))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  async get(id: string): Promise<Schedule | undefined> {
    try {
      return withoutMeta(await this.db.get<Schedule>(`${SCHEDULE}${id}`) as Stored<Schedule>);
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw error;
    }
  }

  async create(settings: ScheduleSettings, user: string, now: Date): Promise<Schedule> {
    const at = now.toISOString();
    const schedule: Schedule = { id: randomUUID(), ...settings, createdAt: at, createdBy: user, updatedAt: at, updatedBy: user, activeSince: at };
    await this.db.put({ _id: `${SCHEDULE}${schedule.id}`, type: 'dhis-schedule', ...schedule });
    return schedule;
  }

  /** Replaces the settings; switching a schedule on starts its runs from now. Undefined: no such schedule. */
  async update(id: string, settings: ScheduleSettings, user: string, now: Date): Promise<Schedule | undefined> {
    for (;;) {
      let doc: Stored<Schedule>;
      try {
        doc = await this.db.get<Schedule>(`${SCHEDULE}${id}`) as Stored<Schedule>;
      } catch (error) {
        if (isStatus(error, 404)) return undefined;
        throw error;
      }
      const before = withoutMeta(doc);
      const at = now.toISOString();
      const schedule: Schedule = {
        id, ...settings, createdAt: before.createdAt, createdBy: before.createdBy, updatedAt: at, updatedBy: user,
        activeSince: settings.enabled && !before.enabled ? at : before.activeSince,
      };
      try {
        await this.db.put({ _id: doc._id, _rev: doc._rev, type: 'dhis-schedule', ...schedule });
        return schedule;
      } catch (error) {
        if (!isStatus(error, 409)) throw error;
      }
    }
  }

  async remove(id: string): Promise<boolean> {
    for (const docId of [`${SCHEDULE}${id}`, `${STATUS}${id}`]) {
      try {
        await this.db.remove(await this.db.get(docId));
      } catch (error) {
        if (!isStatus(error, 404)) throw error;
        if (docId.startsWith(SCHEDULE)) return false;
      }
    }
    return true;
  }

  async statuses(): Promise<Map<string, ScheduleStatus>> {
    const { rows } = await this.db.allDocs<ScheduleStatus>({ startkey: STATUS, endkey: `${STATUS}\uffff`, include_docs: true });
    return new Map(rows.flatMap(({ id, doc }) => (doc ? [[id.slice(STATUS.length), withoutMeta(doc as Stored<ScheduleStatus>)] as const] : [])));
  }

  /** Changes a schedule's status, read again and retried when another process wrote in between. */
  async updateStatus(id: string, change: (status: ScheduleStatus) => ScheduleStatus): Promise<void> {
    for (;;) {
      let doc: Stored<ScheduleStatus> | undefined;
      try {
        doc = await this.db.get<ScheduleStatus>(`${STATUS}${id}`) as Stored<ScheduleStatus>;
      } catch (error) {
        if (!isStatus(error, 404)) throw error;
      }
      const next = change(doc ? withoutMeta(doc) : {});
      try {
        await this.db.put({ _id: `${STATUS}${id}`, ...(doc?._rev ? { _rev: doc._rev } : {}), type: 'dhis-schedule-status', ...next });
        return;
      } catch (error) {
        if (!isStatus(error, 409)) throw error;
      }
    }
  }
}
