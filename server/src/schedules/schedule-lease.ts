import type { Clock, LeasePort } from './ports';

interface LeaseDoc {
  _id: string;
  _rev?: string;
  type: 'dhis-send-lease';
  holder: string;
  /** ISO 8601: after this the lease is free, whoever held it (a crashed process never releases). */
  until: string;
}

const isConflict = (error: unknown) => (error as { status?: number }).status === 409;

/**
 * A lease per selection in the export log's database: taken by writing `lease~<key>` with the
 * revision read (CouchDB refuses the write with 409 when another process wrote first), free once
 * released or expired. The same rule as the send's own lease, so the two can be one.
 */
export const pouchLease = (db: PouchDB.Database, clock: Clock): LeasePort => ({
  take: async (key, holder, ttlMs) => {
    const _id = `lease~${key}`;
    const now = clock.now();
    let current: LeaseDoc | undefined;
    try {
      current = await db.get<LeaseDoc>(_id);
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
    }
    if (current && current.holder !== holder && Date.parse(current.until) > now.getTime()) {
      return false;
    }
    try {
      await db.put<LeaseDoc>({ _id, ...(current?._rev ? { _rev: current._rev } : {}), type: 'dhis-send-lease', holder,
        until: new Date(now.getTime() + ttlMs).toISOString() });
      return true;
    } catch (error) {
      if (isConflict(error)) return false;
      throw error;
    }
  },
  release: async (key, holder) => {
    try {
      const current = await db.get<LeaseDoc>(`lease~${key}`);
      if (current.holder === holder) {
        await db.put({ ...current, until: new Date(0).toISOString() });
      }
    } catch (error) {
      // Gone or taken over: nothing of ours to release; the lease expires anyway.
      if (![404, 409].includes((error as { status?: number }).status ?? 0)) throw error;
    }
  },
});
