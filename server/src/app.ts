import compression from 'compression';
import express from 'express';
import type { CouchBackend } from './couch/couch-backend';
import { dhisExportRouter } from './dhis-export/export-route';
import type { ExportSource } from './dhis-export/export-source';
import { embeddedCouchGuard } from './couch/embedded-couch-guard';
import { indexAlongWrites, orgUnitViewCache } from './couch/org-unit-view-cache';
import type { ContactIndex } from './dhis-export/contact-index';
import { jsonErrors, sendError } from './http/json-errors';
import type { Log } from './http/log';
import { staticApp } from './http/static-app';
import type { Authenticate } from './session/user-session';

export interface AppDeps {
  couch: CouchBackend;
  source: ExportSource;
  contacts: ContactIndex;
  authenticate: Authenticate;
  appDir: string;
  log: Log;
  now?: () => Date;
}

/** The whole HTTP surface; listening is left to the caller. */
export const buildApp = ({ couch, source, contacts, authenticate, appDir, log, now }: AppDeps) => {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', 'strong');

  // The CouchDB protocol first and untouched: no body parsing, no compression of its feeds.
  if (couch.kind === 'embedded') {
    app.use(embeddedCouchGuard(authenticate));
    app.use(indexAlongWrites(contacts));
    app.use(orgUnitViewCache(contacts));
  }
  app.use(couch.handler);

  app.use('/api', compression());
  app.use(dhisExportRouter({ source, authenticate, log, now }));
  app.use('/api', (_req, res) => sendError(res, 404, 'No such API endpoint: the export is at /api/v2/export/dhis'));
  app.use(staticApp(appDir));
  app.use((_req, res) => sendError(res, 404, 'Not found'));
  app.use(jsonErrors(log));
  return app;
};
