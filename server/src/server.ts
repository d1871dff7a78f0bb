import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { buildApp } from './app';
import type { FeedLimits } from './couch/changes-feeds';
import type { Config } from './config';
import { adminPasswordFor } from './couch/admin-password';
import type { CouchBackend } from './couch/couch-backend';
import { openCouchDbProxy } from './couch/couchdb-proxy';
import { ensureDesignDocs, hasOrgUnitView } from './sources/design-docs';
import { targetValuesFor } from './sources/target-values-setup';
import { openEmbeddedCouch } from './couch/embedded-couch';
import { viewBuildProgress } from './couch/view-build-progress';
import { ensureDemoUsers, seedDemoDocs, type DemoCredentials } from './demo/seed-demo';
import { ContactIndex } from './sources/contact-index';
import { PouchExportSource } from './sources/pouch-export-source';
import type { Fetch } from './dhis2/dhis2-client';
import { consoleLog, type Log } from './logging/log';
import { openExportLog } from './export-log/open-export-log';
import { openSchedules } from './schedules/open-schedules';
import type { Scheduler } from './schedules/scheduler';
import { sessionAuthenticator } from './session/user-session';

export const DEFAULT_APP_DIR = path.resolve(__dirname, '../../dist/app/browser');

export interface RunningServer {
  url: string;
  couch: CouchBackend;
  contacts: ContactIndex;
  admin: { user: string; password: string; file?: string };
  demoUsers: DemoCredentials[];
  demoSeeded: boolean;
  /** Scheduled sends; it runs only when sending to DHIS2 is configured. */
  scheduler: Scheduler;
  close(): Promise<void>;
}

export interface StartOptions {
  appDir?: string;
  log?: Log;
  now?: () => Date;
  feedLimits?: FeedLimits;
  /** How long the compare keeps DHIS2's metadata of a data set (tests: 0). */
  dhis2MetadataCacheMs?: number;
  /** How to reach DHIS2 (tests may replace it). */
  dhis2Fetch?: Fetch;
}

/** Opens the database, installs what the export needs, listens, and writes the demo on first start. */
export const startServer = async (config: Config, options: StartOptions = {}): Promise<RunningServer> => {
  const log = options.log ?? consoleLog;
  let admin: { user: string; password: string; file?: string };
  let couch: CouchBackend;
  let setOrigin: (url: string) => void = () => undefined;
  let users: PouchDB.Database | undefined;
  if (config.couchUrl) {
    couch = await openCouchDbProxy(config.couchUrl, { user: config.adminUser, password: config.adminPassword });
    admin = { user: decodeURIComponent(config.couchUrl.username) || config.adminUser, password: decodeURIComponent(config.couchUrl.password) || (config.adminPassword ?? '') };
  } else {
    const { password, file } = await adminPasswordFor(config.dataDir, config.adminPassword);
    admin = { user: config.adminUser, password, file };
    const embedded = await openEmbeddedCouch(config.dataDir, admin, config.maxBodyBytes);
    couch = embedded;
    users = embedded.users;
    setOrigin = embedded.origin;
  }

  if (couch.readOnly) {
    if (config.demoData) {
      throw new Error(`COUCH_URL: user "${admin.user}" is not a server admin of that CouchDB, so no demo data can be written; unset DEMO_DATA`);
    }
    if (await hasOrgUnitView(couch.medic) === false) {
      throw new Error(`COUCH_URL: the database has no _design/medic-admin view contacts_by_dhis_orgunit, and user "${admin.user}" is not a server admin who could install it: ` +
        'point COUCH_URL at a CHT database (it has the view), or give a server admin\'s credentials once so the server installs it');
    }
    log.warn(`COUCH_URL: user "${admin.user}" is not a server admin: the server only reads the CHT database, uses its own _design/medic-admin, ` +
      `and keeps the export log in ${config.dataDir}`);
  } else if (await ensureDesignDocs(couch.medic) === 'installed') {
    log.info('Installed _design/medic-admin/_view/contacts_by_dhis_orgunit');
  }
  const targetValues = config.couchUrl ? await targetValuesFor(couch, config.couchUrl, log) : undefined;
  const demoSeeded = config.demoData ? await seedDemoDocs(couch.medic, options.now?.()) : false;

  const exportLog = await (config.couchUrl && !couch.readOnly
    ? openExportLog({ couchOrigin: config.couchUrl.origin, admin }).catch(error => {
      // A CouchDB that lets this admin read medic but not create databases: keep the log in DATA_DIR.
      log.warn(`${(error as Error).message}; keeping the export log in ${config.dataDir} instead`);
      return openExportLog({ dataDir: config.dataDir });
    })
    : openExportLog({ dataDir: config.dataDir }));

  // Embedded: the mapped places are kept from the changes feed and saved with their sequence, so a
  // restart reads only what changed since. A CouchDB keeps the org-unit view current itself.
  const contacts = config.couchUrl
    ? new ContactIndex(couch.medic, { log, places: 'view', warmUp: true, indexProgress: viewBuildProgress(config.couchUrl, admin) })
    : new ContactIndex(couch.medic, { log, places: 'index', checkpoint: true, lineagesFile: path.join(config.dataDir, 'owner-lineages.json'), warmUp: true });
  const indexing = Date.now();
  const { caughtUp } = await contacts.start();
  const indexed = caughtUp.then(
    () => log.info(`Following the changes feed (${contacts.size.places} places mapped to DHIS2${config.couchUrl ? '' : ' kept'}) after ${Date.now() - indexing} ms`),
    error => log.error('Could not index contacts', error),
  );
  const source = new PouchExportSource(couch.medic, contacts, undefined, targetValues);
  // The one clock of the server: the export, the send and the scheduler all read it.
  const clock = { now: options.now ?? (() => new Date()) };
  const schedules = openSchedules({
    db: exportLog.db, exportLog: exportLog.log, leases: exportLog.leases, source, dhis2: config.dhis2, dhis2Calendar: config.dhis2Calendar,
    fetch: options.dhis2Fetch, clock, log,
  });
  const app = buildApp({
    couch,
    users,
    maxBodyBytes: config.maxBodyBytes,
    feedLimits: options.feedLimits,
    source,
    contacts,
    authenticate: sessionAuthenticator(() => couch.sessionUrl()),
    appDir: options.appDir ?? DEFAULT_APP_DIR,
    log,
    now: options.now,
    exportLog: exportLog.log,
    leases: exportLog.leases,
    dhis2: config.dhis2,
    dhis2MetadataCacheMs: options.dhis2MetadataCacheMs,
    dhis2Calendar: config.dhis2Calendar,
    dhis2Fetch: options.dhis2Fetch,
    schedules: { store: schedules.store, changed: schedules.changed },
  });
  const server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  setOrigin(`http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host === '::' ? '[::1]' : host}:${port}`);

  const couchOrigin = config.couchUrl ? config.couchUrl.origin : url;
  const demoUsers = config.demoData ? await ensureDemoUsers(couchOrigin, admin, config.dataDir) : [];
  // Catches up what was missed while the server was stopped, then keeps time.
  schedules.start();

  return {
    url,
    couch,
    contacts,
    admin,
    demoUsers,
    demoSeeded,
    scheduler: schedules.scheduler,
    close: async () => {
      await schedules.stop();
      await indexed;
      await contacts.close();
      targetValues?.close();
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
      await exportLog.close();
      await couch.close();
    },
  };
};
