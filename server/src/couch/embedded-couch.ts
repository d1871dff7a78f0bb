import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { RequestHandler } from 'express';
import PouchDB from 'pouchdb';
import type { CouchBackend } from './couch-backend';

const require = createRequire(__filename);

type ExpressPouchDB = RequestHandler;

/**
 * LevelDB's own memory, bounded. It maps each table file it has open (2 MB each) into the process,
 * and a month's target docs are spread over the whole database: with its default of 1,000 open
 * files, a 100,000-worker export left about 300 MB of table pages in the server's RSS. Forty open
 * files bound them to about 60 MB; reopening a table costs one read of its index block.
 */
const LEVELDB_OPTIONS = { maxOpenFiles: 40, cacheSize: 4 * 1024 * 1024, writeBufferSize: 4 * 1024 * 1024 };

/** What express-pouchdb serves here; the guard in front decides who reaches it. */
const EMBEDDED_PATHS = /^\/(medic|_users|_session|_all_dbs|_uuids|_active_tasks|_config)(\/|$)/;

/**
 * Writes the server admin into express-pouchdb's config before it starts, as CouchDB's local.ini:
 * it hashes the password on load. The cookie secret is kept so sessions survive a restart.
 */
const writeCouchConfig = async (file: string, admin: { user: string; password: string }, maxBodyBytes: number) => {
  let config: Record<string, Record<string, unknown>> = {};
  try {
    config = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw error;
    }
  }
  const auth = config['couch_httpd_auth'] ?? {};
  config['admins'] = { [admin.user]: admin.password };
  config['couch_httpd_auth'] = { ...auth, secret: auth['secret'] ?? randomBytes(16).toString('hex'), timeout: auth['timeout'] ?? 3600 };
  config['log'] = { ...config['log'], level: 'warning' };
  config['couchdb'] = { ...config['couchdb'], max_document_size: maxBodyBytes };
  await writeFile(file, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
};

/**
 * PouchDB on LevelDB in DATA_DIR, served with the CouchDB protocol by express-pouchdb.
 * express-pouchdb bundles Express 4 and swaps the request prototype, which hides Express 5's
 * `req.query` getter: the query is pinned as a plain property before handing the request over.
 */
export const openEmbeddedCouch = async (
  dataDir: string,
  admin: { user: string; password: string },
  maxBodyBytes: number,
): Promise<CouchBackend & { users: PouchDB.Database; origin: (url: string) => void }> => {
  const dbDir = path.join(dataDir, 'db');
  await mkdir(dbDir, { recursive: true });
  const LevelPouch = PouchDB.defaults({ prefix: `${dbDir}${path.sep}`, ...LEVELDB_OPTIONS } as PouchDB.Configuration.DatabaseConfiguration) as unknown as typeof PouchDB;
  const expressPouchDB = require('express-pouchdb') as (pouch: typeof PouchDB, options: object) => ExpressPouchDB;
  // Its config holds the admin's password hash and the cookie secret: a folder for the owner only.
  const couchDir = path.join(dataDir, 'couch');
  await mkdir(couchDir, { recursive: true, mode: 0o700 });
  await chmod(couchDir, 0o700);
  const configPath = path.join(couchDir, 'config.json');
  await writeCouchConfig(configPath, admin, maxBodyBytes);
  const couch = expressPouchDB(LevelPouch, {
    mode: 'fullCouchDB',
    configPath,
    logPath: path.join(couchDir, 'log.txt'),
    overrideMode: { exclude: ['routes/fauxton'] },
  });

  const medic = new LevelPouch('medic');
  await medic.info();
  const users = new LevelPouch('_users');
  await users.info();

  let selfOrigin = '';
  const handler: RequestHandler = (req, res, next) => {
    if (!EMBEDDED_PATHS.test(req.path)) {
      return next();
    }
    Object.defineProperty(req, 'query', { value: { ...req.query }, writable: true, enumerable: true, configurable: true });
    couch(req, res, next);
  };

  return {
    kind: 'embedded',
    medic,
    users,
    handler,
    origin: url => { selfOrigin = url; },
    sessionUrl: () => `${selfOrigin}/_session`,
    close: async () => {
      await medic.close();
      await users.close();
    },
  };
};
