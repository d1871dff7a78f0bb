import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Config } from '../src/config';
import { silentLog } from '../src/logging/log';
import { startServer, type RunningServer, type StartOptions } from '../src/server';

export const ADMIN = { user: 'admin', password: 'test-admin-password' };

export interface TestServer extends RunningServer {
  dataDir: string;
  /** fetch relative to the server, as the server admin unless other headers are given. */
  fetch(pathname: string, init?: RequestInit): Promise<Response>;
  createUser(name: string, password: string, roles: string[]): Promise<void>;
  putDocs(docs: object[]): Promise<void>;
  /** Stops the server, keeping DATA_DIR unless `keepData` is false. */
  stop(keepData?: boolean): Promise<void>;
}

export const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** The real server on a free port, with a temporary DATA_DIR (or the one given, to test restarts). */
export const startTestServer = async (
  overrides: Partial<Config> = {},
  options: StartOptions & { dataDir?: string } = {},
): Promise<TestServer> => {
  const dataDir = options.dataDir ?? await mkdtemp(path.join(tmpdir(), 'cht-dhis-test-'));
  const config: Config = {
    port: 0, host: '127.0.0.1', dataDir, adminUser: ADMIN.user, adminPassword: ADMIN.password, demoData: false, maxBodyBytes: 64 * 1024 * 1024, ...overrides,
  };
  const server = await startServer(config, { log: silentLog, ...options });
  const adminAuth = basic(server.admin.user, server.admin.password);
  const fetchFrom = (pathname: string, init: RequestInit = {}) =>
    fetch(`${server.url}${pathname}`, { ...init, headers: { authorization: adminAuth, ...init.headers } });
  return {
    ...server,
    dataDir,
    fetch: fetchFrom,
    createUser: async (name, password, roles) => {
      const response = await fetchFrom(`/_users/org.couchdb.user:${name}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ _id: `org.couchdb.user:${name}`, name, password, roles, type: 'user' }),
      });
      if (!response.ok) {
        throw new Error(`createUser ${name}: ${response.status} ${await response.text()}`);
      }
    },
    putDocs: async docs => {
      const results = await server.couch.medic.bulkDocs(docs as PouchDB.Core.PutDocument<object>[]);
      const failed = results.filter(result => 'error' in result);
      if (failed.length > 0) {
        throw new Error(`putDocs: ${JSON.stringify(failed)}`);
      }
    },
    stop: async (keepData = false) => {
      await server.close();
      if (!keepData && !options.dataDir) {
        // LevelDB may still be finishing a background write of a database it has closed: retry
        await rm(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
      }
    },
  };
};
