import type { RequestHandler } from 'express';

/** The CouchDB-protocol side of the server: the embedded database or a CouchDB named by COUCH_URL. */
export interface CouchBackend {
  kind: 'embedded' | 'couchdb';
  /** COUCH_URL names a user who is not a server admin: the server only reads the CHT database. */
  readOnly?: boolean;
  /** The CHT database, for the server's own reads (as a server admin). */
  medic: PouchDB.Database;
  /** Serves /medic, /_users and /_session. */
  handler: RequestHandler;
  /** Where to ask who a request's credentials belong to; set once the server listens in embedded mode. */
  sessionUrl(): string;
  close(): Promise<void>;
}

export const COUCH_PATHS = /^\/(medic|_users|_session)(\/|$)/;
