import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import PouchDB from 'pouchdb';
import { pouchSendLeases, type SendLeases } from './send-lease';
import { EXPORT_LOG_DB, pouchExportLog, type ExportLog } from './export-log';
import { moveRecordsByPeriod } from './move-records-by-period';

export interface OpenedExportLog {
  log: ExportLog;
  /** One send of a selection at a time, kept in the same database as the log. */
  leases: SendLeases;
  /** The database itself: scheduled sends keep their docs beside the log. */
  db: PouchDB.Database;
  close(): Promise<void>;
}

/**
 * Lets only server admins read or write the log: CouchDB 3 makes a new database so, but CouchDB 2
 * leaves a database without members open to everyone.
 */
const adminsOnly = async (dbUrl: string, admin: { user: string; password: string }) => {
  const response = await fetch(`${dbUrl}/_security`, {
    method: 'PUT',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`${admin.user}:${admin.password}`).toString('base64')}`,
    },
    body: JSON.stringify({ admins: { names: [], roles: [] }, members: { names: [], roles: ['_admin'] } }),
  });
  await response.body?.cancel();
  if (!response.ok) {
    throw new Error(`COUCH_URL: could not restrict the database ${EXPORT_LOG_DB} to server admins (HTTP ${response.status})`);
  }
};

/**
 * The export log's own database, created when missing: beside the embedded `medic` in DATA_DIR
 * (no CouchDB path reaches it), or on the CouchDB named by COUCH_URL, as its admin (CouchDB 3
 * makes a new database readable by admins only).
 */
export const openExportLog = async (where: { dataDir: string } | { couchOrigin: string; admin: { user: string; password: string } }): Promise<OpenedExportLog> => {
  let db: PouchDB.Database;
  if ('dataDir' in where) {
    await mkdir(path.join(where.dataDir, 'db'), { recursive: true });
    db = new PouchDB(path.join(where.dataDir, 'db', EXPORT_LOG_DB));
    await db.info();
  } else {
    db = new PouchDB(`${where.couchOrigin}/${EXPORT_LOG_DB}`, { auth: { username: where.admin.user, password: where.admin.password } });
    // Over HTTP, PouchDB creates the database on first use; info() reports an error in its result.
    const info = await db.info() as { error?: string; reason?: string };
    if (typeof info.error === 'string') {
      throw new Error(`COUCH_URL: could not open or create the database ${EXPORT_LOG_DB}: ${info.reason ?? info.error}`);
    }
    await adminsOnly(`${where.couchOrigin}/${EXPORT_LOG_DB}`, where.admin);
  }
  await moveRecordsByPeriod(db);
  return { log: pouchExportLog(db), leases: pouchSendLeases(db), db, close: () => db.close() };
};
