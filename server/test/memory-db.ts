import { randomUUID } from 'node:crypto';
import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { ensureDesignDocs } from '../src/sources/design-docs';

PouchDB.plugin(memoryAdapter);

/** A fresh in-memory CHT database with the org-unit view installed. */
export const memoryMedic = async (docs: object[] = []) => {
  const db = new PouchDB(`medic-${randomUUID()}`, { adapter: 'memory' });
  await ensureDesignDocs(db);
  if (docs.length > 0) {
    await db.bulkDocs(docs as PouchDB.Core.PutDocument<object>[]);
  }
  return db;
};
