import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import PouchDB from 'pouchdb';
import { EXPORT_LOG_DB, pouchExportLog, type ExportLog } from './export-log';

export interface OpenedExportLog {
  log: ExportLog;
  close(): Promise<void>;
}

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
  }
  return { log: pouchExportLog(db), close: () => db.close() };
};
