import { startCouchUnderTest, type CouchUnderTest } from './couch-under-test';
import { startDhis2StandIn, type Dhis2StandIn } from './dhis2-stand-in';
import { ADMIN, basic, startTestServer, type TestServer } from './test-server';
import { DS, LAST_MONTH, places, settingsDoc, targetDoc, dhis2Metadata } from './small-deployment';
import type { Log } from '../src/logging/log';

export type DatabaseMode = 'embedded' | 'couchdb';
export const DATABASE_MODES: readonly DatabaseMode[] = ['embedded', 'couchdb'];

export const PERIOD = LAST_MONTH.format('YYYYMM');
export const TOKEN = 'd2pat_standInToken0000000000000000001';
export const SELECTION = `filters[dataSet]=${DS}&filters[period]=${PERIOD}`;
export const PASSWORD = 'secret-pass';

/**
 * A deployment that sends to a DHIS2 stand-in, in either database mode: embedded, or with COUCH_URL
 * in front of a CouchDB (by default a second instance of this server standing in for one).
 * Users: `exporter` (may dry-run), `sender` (may send), `other` (may send too), `nobody`.
 */
export interface SendWorld {
  mode: DatabaseMode;
  dhis2: Dhis2StandIn;
  server: TestServer;
  /** The server's log, kept to check what it wrote. */
  logged: string[];
  /** A user's name in this run (unique per run on a real CouchDB). */
  user(name: string): string;
  as(name: string): { authorization: string };
  /** Basic auth of the server admin of the database the server uses. */
  admin: { user: string; password: string };
  /** Writes docs to the database the server reads. */
  putDocs(docs: object[]): Promise<void>;
  medic: PouchDB.Database;
  /** With COUCH_URL: the URL the server was given (a second server may be started on it). */
  couchUrl?: URL;
  stop(): Promise<void>;
}

export const startSendWorld = async (mode: DatabaseMode, { timeoutMs = 2_500 } = {}): Promise<SendWorld> => {
  const dhis2 = await startDhis2StandIn({
    token: TOKEN,
    metadata: dhis2Metadata(),
  });
  const logged: string[] = [];
  const log: Log = { info: message => logged.push(message), warn: message => logged.push(message), error: (message, error) => logged.push(`${message} ${String(error ?? '')}`) };
  const dhis2Config = { url: new URL(dhis2.url), auth: { token: TOKEN }, timeoutMs, readBackDelaysMs: [0, 200] };
  const docs = [
    settingsDoc({ permissions: { can_export_dhis: ['dhis_exporter'], can_send_dhis: ['dhis_sender'] } }),
    ...places, targetDoc(LAST_MONTH, 'chw1', 3, 1), targetDoc(LAST_MONTH, 'chw2', 4, 0),
  ];
  const roles: Record<string, string[]> = { exporter: ['dhis_exporter'], sender: ['dhis_exporter', 'dhis_sender'], other: ['dhis_exporter', 'dhis_sender'], nobody: ['chw'] };
  let couchdb: CouchUnderTest | undefined;
  let server: TestServer;
  let userName = (name: string) => name;
  let admin = ADMIN;
  if (mode === 'embedded') {
    server = await startTestServer({ dhis2: dhis2Config }, { log });
    await server.putDocs(docs);
    for (const [name, userRoles] of Object.entries(roles)) {
      await server.createUser(name, PASSWORD, userRoles);
    }
  } else {
    couchdb = await startCouchUnderTest();
    await couchdb.putDocs(docs);
    userName = couchdb.userName;
    for (const [name, userRoles] of Object.entries(roles)) {
      await couchdb.createUser(userName(name), PASSWORD, userRoles);
    }
    const url = couchdb.medicUrl();
    admin = { user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
    server = await startTestServer({ couchUrl: url, adminPassword: undefined, dhis2: dhis2Config }, { log });
  }
  return {
    mode,
    dhis2,
    server,
    logged,
    user: userName,
    as: name => ({ authorization: basic(userName(name), PASSWORD) }),
    admin,
    putDocs: docsToPut => (couchdb ? couchdb.putDocs(docsToPut) : server.putDocs(docsToPut)),
    medic: couchdb ? couchdb.medic : server.couch.medic,
    ...(couchdb ? { couchUrl: couchdb.medicUrl() } : {}),
    stop: async () => {
      await server.stop();
      await couchdb?.stop();
      await dhis2.close();
    },
  };
};

/** Logs in through this server's `/_session`: the `AuthSession` cookie and the whole Set-Cookie header. */
export const logIn = async (world: SendWorld, name: string, password = PASSWORD) => {
  const response = await fetch(`${world.server.url}/_session`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }),
  });
  if (!response.ok) {
    throw new Error(`login ${name}: ${response.status}`);
  }
  const setCookie = response.headers.get('set-cookie') ?? '';
  return { cookie: setCookie.split(';')[0]!, setCookie };
};

export { DS, LAST_MONTH, targetDoc };
