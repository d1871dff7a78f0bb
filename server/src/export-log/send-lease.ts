import { randomBytes } from 'node:crypto';

/** What one send is of: a data set, a period and a place filter (undefined: every place). */
export interface SendSelection {
  dataSet: string;
  period: string;
  orgUnit?: string;
}

export type LeaseAnswer =
  | { taken: true; release(): Promise<void> }
  | { taken: false; holder: string; since: string; expires: string };

/** One send of a selection at a time, across every process that shares the export log's database. */
export interface SendLeases {
  take(selection: SendSelection, holder: string, now: Date, ttlMs: number): Promise<LeaseAnswer>;
}

interface LeaseDoc {
  holder: string;
  since: string;
  expires: string;
  /** Who took it, so a late release cannot end the lease a newer sender took after it expired. */
  token: string;
}

export const leaseIdOf = ({ dataSet, period, orgUnit }: SendSelection) =>
  `lease~${encodeURIComponent(dataSet)}~${period}~${orgUnit === undefined ? '*' : encodeURIComponent(orgUnit)}`;

const isConflict = (error: unknown) => (error as { status?: number }).status === 409;
const isNotFound = (error: unknown) => (error as { status?: number }).status === 404;

/**
 * Leases as docs of the export log's database, taken with CouchDB's revision check: of two
 * processes writing the same lease doc from the same revision, one gets 409. A lease expires
 * (a process that died while sending holds nothing for ever); one whose time is up is taken over.
 */
export const pouchSendLeases = (db: PouchDB.Database): SendLeases => ({
  take: async (selection, holder, now, ttlMs) => {
    const _id = leaseIdOf(selection);
    const lease: LeaseDoc = { holder, since: now.toISOString(), expires: new Date(now.getTime() + ttlMs).toISOString(), token: randomBytes(8).toString('hex') };
    const held = (doc: LeaseDoc) => ({ taken: false as const, holder: doc.holder, since: doc.since, expires: doc.expires });
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = await db.get<LeaseDoc & { released?: boolean }>(_id).catch(error => (isNotFound(error) ? undefined : Promise.reject(error)));
      if (current && !current.released && current.expires > lease.since) {
        return held(current);
      }
      try {
        const { rev } = await db.put({ _id, ...(current ? { _rev: current._rev } : {}), type: 'dhis-send-lease', ...lease });
        return {
          taken: true,
          release: async () => {
            // Ends only this lease: a 409 means another sender took it over after it expired.
            await db.put({ _id, _rev: rev, type: 'dhis-send-lease', ...lease, released: true }).catch(error => (isConflict(error) ? undefined : Promise.reject(error)));
          },
        };
      } catch (error) {
        if (!isConflict(error)) {
          throw error;
        }
      }
    }
    const winner = await db.get<LeaseDoc>(_id);
    return held(winner);
  },
});

/** Leases of one process only: for a CLI run that could not open the shared log. */
export const memorySendLeases = (): SendLeases => {
  const leases = new Map<string, LeaseDoc>();
  return {
    take: async (selection, holder, now, ttlMs) => {
      const id = leaseIdOf(selection);
      const current = leases.get(id);
      if (current && current.expires > now.toISOString()) {
        return { taken: false, holder: current.holder, since: current.since, expires: current.expires };
      }
      const lease = { holder, since: now.toISOString(), expires: new Date(now.getTime() + ttlMs).toISOString(), token: randomBytes(8).toString('hex') };
      leases.set(id, lease);
      return { taken: true, release: async () => { if (leases.get(id)?.token === lease.token) leases.delete(id); } };
    },
  };
};
