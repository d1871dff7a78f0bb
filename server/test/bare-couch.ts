import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import PouchDB from 'pouchdb';
import { ADMIN } from './test-server';

const require = createRequire(__filename);

/**
 * A CouchDB stand-in that serves every database (express-pouchdb, full CouchDB mode, on LevelDB in a
 * temporary folder), for tests in which several server processes share one CouchDB: unlike this
 * product's embedded server, it lets them create and share `dhis-export-log`.
 */
export const startBareCouch = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'cht-dhis-bare-couch-'));
  const configPath = path.join(dir, 'config.json');
  await writeFile(configPath, JSON.stringify({ admins: { [ADMIN.user]: ADMIN.password }, log: { level: 'warning' } }));
  const LevelPouch = PouchDB.defaults({ prefix: `${dir}${path.sep}` } as PouchDB.Configuration.DatabaseConfiguration) as unknown as typeof PouchDB;
  const couch = (require('express-pouchdb') as (pouch: typeof PouchDB, options: object) => express.RequestHandler)(LevelPouch, {
    mode: 'fullCouchDB', configPath, logPath: path.join(dir, 'log.txt'), overrideMode: { exclude: ['routes/fauxton'] },
  });
  const app = express();
  app.use((req, res, next) => {
    // express-pouchdb hides Express 5's query getter: pin it first
    Object.defineProperty(req, 'query', { value: { ...req.query }, writable: true, enumerable: true, configurable: true });
    couch(req, res, next);
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>(resolve => server.once('listening', () => resolve()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const withAdmin = `http://${ADMIN.user}:${ADMIN.password}@127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    /** A database on it, as its admin, over HTTP (created on first use). */
    db: (name: string) => new PouchDB(`${origin}/${name}`, { auth: { username: ADMIN.user, password: ADMIN.password } }),
    url: (name: string) => `${withAdmin}/${name}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
  };
};
