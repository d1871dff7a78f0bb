import { randomBytes } from 'node:crypto';
import PouchDB from 'pouchdb';
import { ADMIN, basic, startTestServer } from './test-server';

/**
 * The CouchDB that COUCH_URL tests point the server at: a CouchDB named by TEST_COUCH_URL
 * (e.g. http://admin:pw@127.0.0.1:5984, a server admin's), or by default a second instance of
 * this server, in embedded mode, standing in for one.
 * On a real CouchDB each run gets its own database and its own users, removed at the end.
 */
export interface CouchUnderTest {
  kind: 'stand-in' | 'couchdb';
  /** The database as COUCH_URL names it, with the given credentials (the admin's by default). */
  medicUrl(credentials?: { user: string; password: string }): URL;
  /** The database, read and written as the admin. */
  medic: PouchDB.Database;
  /** A user name unique to this run on a real CouchDB (users are server-wide there). */
  userName(name: string): string;
  createUser(name: string, password: string, roles: string[]): Promise<void>;
  putDocs(docs: object[]): Promise<void>;
  stop(): Promise<void>;
}

export const TEST_COUCH_URL = process.env['TEST_COUCH_URL'] ? new URL(process.env['TEST_COUCH_URL']) : undefined;

/** Roles that read the database: CouchDB's `_security` members (the stand-in grants them itself). */
const MEMBER_ROLES = ['dhis_exporter', 'all_exporter', 'configurer'];

/** `url`: a CouchDB other than TEST_COUCH_URL's (e.g. a cluster's first node). */
export const startCouchUnderTest = async (url = TEST_COUCH_URL): Promise<CouchUnderTest> => (url ? externalCouch(url) : standIn());

const standIn = async (): Promise<CouchUnderTest> => {
  const server = await startTestServer();
  return {
    kind: 'stand-in',
    medicUrl: (credentials = ADMIN) => withCredentials(new URL(`${server.url}/medic`), credentials),
    medic: server.couch.medic,
    userName: name => name,
    createUser: server.createUser,
    putDocs: server.putDocs,
    stop: () => server.stop(),
  };
};

const withCredentials = (url: URL, { user, password }: { user: string; password: string }) => {
  const copy = new URL(url.href);
  copy.username = encodeURIComponent(user);
  copy.password = encodeURIComponent(password);
  return copy;
};

const externalCouch = async (base: URL): Promise<CouchUnderTest> => {
  const admin = { user: decodeURIComponent(base.username), password: decodeURIComponent(base.password) };
  const origin = base.origin;
  const run = randomBytes(4).toString('hex');
  const dbName = `medic-test-${run}`;
  const users: string[] = [];
  const request = async (pathname: string, init: RequestInit = {}) => {
    const response = await fetch(`${origin}${pathname}`, {
      ...init, headers: { authorization: basic(admin.user, admin.password), 'content-type': 'application/json', ...init.headers },
    });
    if (!response.ok) {
      throw new Error(`${init.method ?? 'GET'} ${pathname}: ${response.status} ${await response.text()}`);
    }
    return response.json() as Promise<Record<string, unknown>>;
  };
  await request(`/${dbName}`, { method: 'PUT' });
  await request(`/${dbName}/_security`, {
    method: 'PUT', body: JSON.stringify({ admins: { names: [], roles: [] }, members: { names: [], roles: MEMBER_ROLES } }),
  });
  const medic = new PouchDB(withCredentials(new URL(`${origin}/${dbName}`), admin).href, { skip_setup: true });
  return {
    kind: 'couchdb',
    medicUrl: (credentials = admin) => withCredentials(new URL(`${origin}/${dbName}`), credentials),
    medic,
    userName: name => `${name}-${run}`,
    createUser: async (name, password, roles) => {
      await request(`/_users/org.couchdb.user:${encodeURIComponent(name)}`, {
        method: 'PUT', body: JSON.stringify({ _id: `org.couchdb.user:${name}`, name, password, roles, type: 'user' }),
      });
      users.push(name);
    },
    putDocs: async docs => {
      const results = await medic.bulkDocs(docs as PouchDB.Core.PutDocument<object>[]);
      const failed = results.filter(result => 'error' in result);
      if (failed.length > 0) {
        throw new Error(`putDocs: ${JSON.stringify(failed)}`);
      }
    },
    stop: async () => {
      await medic.close();
      for (const name of users) {
        const id = `org.couchdb.user:${encodeURIComponent(name)}`;
        const doc = await request(`/_users/${id}`).catch(() => undefined);
        if (doc) {
          await request(`/_users/${id}?rev=${doc['_rev']}`, { method: 'DELETE' }).catch(() => undefined);
        }
      }
      await request(`/${dbName}`, { method: 'DELETE' }).catch(() => undefined);
    },
  };
};
