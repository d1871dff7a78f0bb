import { randomBytes } from 'node:crypto';
import { contactsByDhisOrgUnit, ORG_UNIT_VIEW, TARGET_VALUES_VIEW, targetValuesMap } from '../server/src/sources/design-docs';
import { basicAuth, HttpClient, HttpError } from './http-client';

const created = new Set<ExternalCouch>();

/** Deletes the databases still there (on an interrupt); safe to call more than once. */
export const dropAllExternalDatabases = async (): Promise<void> => {
  await Promise.all([...created].map(couch => couch.drop().catch(() => undefined)));
};

/** The nodes of the CouchDB's cluster (1: a single node). */
const clusterNodesOf = async (admin: HttpClient): Promise<number> =>
  (await admin.json<{ cluster_nodes?: string[] }>('/_membership')).body.cluster_nodes?.length ?? 1;

/** How many nodes the CouchDB at `url` (a server admin's URL) has in its cluster. */
export const couchClusterSize = async (url: URL): Promise<number> => {
  const admin = new HttpClient(url.origin, basicAuth(decodeURIComponent(url.username), decodeURIComponent(url.password)));
  try {
    return await clusterNodesOf(admin);
  } finally {
    admin.close();
  }
};

/**
 * A database of the benchmark's own on a CouchDB named by `--couch-url` (a server admin's URL):
 * created empty with the org-unit view a CHT has and the server's target values view, and deleted at the end.
 */
export class ExternalCouch {
  private constructor(
    readonly origin: string,
    readonly user: string,
    readonly password: string,
    readonly database: string,
    readonly version: string,
  ) {}

  static async create(url: URL): Promise<ExternalCouch> {
    const user = decodeURIComponent(url.username);
    const password = decodeURIComponent(url.password);
    const database = `medic-bench-${process.pid}-${randomBytes(3).toString('hex')}`;
    const admin = new HttpClient(url.origin, basicAuth(user, password));
    try {
      const welcome = await admin.json<{ version?: string; vendor?: { name?: string } }>('/');
      const nodes = await clusterNodesOf(admin);
      await admin.json(`/${database}`, { method: 'PUT' });
      const [ddoc, view] = ORG_UNIT_VIEW.split('/');
      await admin.json(`/${database}/_design/${ddoc}`, { method: 'PUT', body: { views: { [view]: { map: contactsByDhisOrgUnit } } } });
      // The server's own view, as a server that has run against this CouchDB before left it (CouchDB keeps it current).
      const [ownDdoc, ownView] = TARGET_VALUES_VIEW.split('/');
      await admin.json(`/${database}/_design/${ownDdoc}`, { method: 'PUT', body: { language: 'javascript', views: { [ownView]: { map: targetValuesMap } } } });
      const name = `${welcome.body.vendor?.name ?? 'CouchDB'} ${welcome.body.version ?? ''}`.trim();
      const couch = new ExternalCouch(url.origin, user, password, database, nodes > 1 ? `${name}, ${nodes}-node cluster` : name);
      created.add(couch);
      return couch;
    } catch (error) {
      throw new Error(`--couch-url ${url.origin}: ${error instanceof HttpError ? error.message : (error as Error).message}`);
    } finally {
      admin.close();
    }
  }

  get authorization(): string {
    return basicAuth(this.user, this.password);
  }

  /** A client whose `/medic/…` paths go to the benchmark's database. */
  client(): HttpClient {
    return new HttpClient(this.origin, this.authorization, undefined, this.database);
  }

  /** COUCH_URL for the server under test. */
  couchUrl(): string {
    const url = new URL(`${this.origin}/${this.database}`);
    url.username = encodeURIComponent(this.user);
    url.password = encodeURIComponent(this.password);
    return url.href;
  }

  async drop(): Promise<void> {
    created.delete(this);
    const admin = new HttpClient(this.origin, this.authorization);
    try {
      await admin.request(`/${this.database}`, { method: 'DELETE' });
    } finally {
      admin.close();
    }
  }
}

/** Waits for CouchDB to build a view: a build longer than CouchDB's request timeout answers 500 "timeout" meanwhile. */
export const builtView = async (reader: HttpClient, viewPath: string): Promise<void> => {
  for (let attempt = 0; ; attempt++) {
    try {
      await reader.json(viewPath, { timeoutMs: 10 * 60_000 });
      return;
    } catch (error) {
      if (!(error instanceof HttpError && error.status === 500 && error.body.includes('timeout')) || attempt >= 60) {
        throw error;
      }
    }
  }
};
