import compression from 'compression';
import express from 'express';
import type { CouchBackend } from './couch/couch-backend';
import { dhisExportRouter } from './http/export-route';
import { publicTextsRouter } from './texts/public-texts';
import { dhis2SendRouter } from './http/send-route';
import { dhis2CompareRouter } from './http/compare-route';
import type { Dhis2Config } from './dhis2/dhis2-config';
import type { Dhis2Calendar } from './export/calendars/dhis2-calendar';
import type { Fetch } from './dhis2/dhis2-client';
import type { ScheduleStore } from './schedules/schedule-store';
import { schedulesRouter } from './http/schedules-route';
import { recordDownload } from './export-log/record-download';
import type { ExportLog } from './export-log/export-log';
import type { SendLeases } from './export-log/send-lease';
import { exportLogRouter } from './http/log-route';
import type { ExportSource } from './sources/export-source';
import { boundedChangesFeeds, type FeedLimits } from './couch/changes-feeds';
import { streamedAllDocs } from './couch/streamed-all-docs';
import { streamedChanges } from './couch/streamed-changes';
import type { SecurityObject } from './couch/couch-access';
import { couchBodyLimits, couchJsonBodies } from './couch/couch-request-body';
import { ownerOfPath } from './http/path-owner';
import { embeddedCouchGuard, sendCouchError } from './couch/embedded-couch-guard';
import { ownUserDocUpdates } from './couch/own-user-doc';
import { indexAlongWrites, orgUnitViewCache } from './couch/org-unit-view-cache';
import type { ContactIndex } from './sources/contact-index';
import { jsonErrors, sendError } from './http/json-errors';
import type { Log } from './logging/log';
import { staticApp } from './http/static-app';
import { sameOriginWrites } from './http/same-origin';
import { sameSiteSessionCookie } from './http/session-cookie';
import { noFraming } from './http/security-headers';
import { allowedMethods } from './http/allowed-methods';
import { jsonWriteBodies } from './couch/json-write-bodies';
import type { Authenticate } from './session/user-session';

export interface AppDeps {
  couch: CouchBackend;
  /** The embedded database's `_users`, for checking a user's change of their own doc. */
  users?: PouchDB.Database;
  maxBodyBytes: number;
  feedLimits?: FeedLimits;
  source: ExportSource;
  contacts: ContactIndex;
  authenticate: Authenticate;
  appDir: string;
  log: Log;
  now?: () => Date;
  exportLog: ExportLog;
  leases: SendLeases;
  /** Undefined: sending to DHIS2 is not configured. */
  dhis2?: Dhis2Config;
  /** The calendar the DHIS2 names periods in; ISO 8601 when absent. */
  dhis2Calendar?: Dhis2Calendar;
  /** How to reach DHIS2 (tests may replace it). */
  dhis2Fetch?: Fetch;
  dhis2MetadataCacheMs?: number;
  schedules?: { store: ScheduleStore; changed(): void };
}

/** The whole HTTP surface; listening is left to the caller. */
export const buildApp = ({ couch, users, maxBodyBytes, feedLimits, source, contacts, authenticate, appDir, log, now, exportLog, leases, dhis2, dhis2Calendar, dhis2Fetch, dhis2MetadataCacheMs, schedules }: AppDeps) => {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', 'strong');
  // Every request, whoever answers it: no framing, a SameSite session cookie, and no write that rides
  // on the session cookie from another site.
  app.use(noFraming());
  app.use(sameSiteSessionCookie());
  app.use(sameOriginWrites());
  app.use(allowedMethods());

  // The CouchDB protocol first. Embedded, every request is authorised by role and checked for
  // size and shape before the database sees it; a CouchDB named by COUCH_URL decides for itself.
  if (couch.kind === 'embedded') {
    app.use(couchBodyLimits(maxBodyBytes));
    app.use(embeddedCouchGuard({
      authenticate,
      settings: () => source.settings(),
      // where express-pouchdb keeps PUT /medic/_security
      security: () => couch.medic.get<{ security?: SecurityObject }>('_local/_security').then(doc => doc.security ?? {}, () => ({})),
    }));
    app.use(jsonWriteBodies());
    app.use(couchJsonBodies(maxBodyBytes));
    if (users) {
      app.use(ownUserDocUpdates(users));
    }
    app.use(boundedChangesFeeds(couch.medic, feedLimits));
    app.use(streamedAllDocs(couch.medic));
    app.use(streamedChanges(couch.medic));
    app.use(indexAlongWrites(contacts));
    app.use(orgUnitViewCache(contacts));
  } else {
    app.use(jsonWriteBodies());
  }
  app.use(couch.handler);
  app.use((req, res, next) => (ownerOfPath(req.path) === 'couch'
    ? sendCouchError(res, 404, 'not_found', couch.kind === 'embedded'
      ? 'Not offered by the embedded database.'
      : 'This server passes only /medic, /_users and /_session to CouchDB; use CouchDB itself for the rest.')
    : next()));

  app.use('/api', compression());
  if (schedules) {
    app.use(schedulesRouter({ source, authenticate, store: schedules.store, clock: { now: now ?? (() => new Date()) },
      sendingConfigured: dhis2 !== undefined, changed: schedules.changed }));
  }
  app.use(dhis2CompareRouter({ source, authenticate, dhis2, log, fetch: dhis2Fetch, now, metadataCacheMs: dhis2MetadataCacheMs }));
  app.use(dhis2SendRouter({ source, authenticate, exportLog, leases, dhis2, dhis2Calendar, log, fetch: dhis2Fetch, now }));
  app.use(exportLogRouter({ source, authenticate, exportLog, dhis2Calendar, now }));
  app.use(dhisExportRouter({ source, authenticate, log, now, dhis2Calendar, onExported: recordDownload(exportLog, log, now) }));
  app.use(publicTextsRouter(couch.medic));
  app.use('/api', (_req, res) => sendError(res, 404, 'No such API endpoint: the export is at /api/v2/export/dhis'));
  app.use(staticApp(appDir));
  app.use((_req, res) => sendError(res, 404, 'Not found'));
  app.use(jsonErrors(log));
  return app;
};
