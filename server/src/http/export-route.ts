import { Router, type Request, type Response } from 'express';
import { apiJsonBody } from './json-body';
import qs from 'qs';
import { mayExportDhis } from '../session/export-permission';
import type { Authenticate, UserContext } from '../session/user-session';
import { sendError, sendRefusal } from './json-errors';
import type { Log } from '../logging/log';
import type { Dhis2Calendar } from '../export/calendars/dhis2-calendar';
import { exportDataValueSet, type ExportResult } from '../export/export-data-value-set';
import { IndexBuilding } from '../sources/contact-index-view';
import { sendIndexBuilding } from './index-building-reply';
import { ExportError, badRequest } from '../export/export-error';
import { monthsOf } from '../export/reporting-period';
import { parseExportRequest, type ExportRequest } from '../export/export-request';
import { sendPreview } from './preview-route';
import type { ExportSource } from '../sources/export-source';
import { formats } from '../export/formats';

export interface ExportRouteDeps {
  source: ExportSource;
  authenticate: Authenticate;
  log: Log;
  now?: () => Date;
  /** The calendar the DHIS2 names periods in (DHIS2_CALENDAR); ISO 8601 when absent. */
  dhis2Calendar?: Dhis2Calendar;
  /** Told of every file served, e.g. to record it. */
  onExported?: (user: string, request: ExportRequest, result: ExportResult) => void;
}

/** The query's parameters, all of them or none: a parameter left out would make a wrong file. */
export const queryOf = (url: string): unknown => {
  const start = url.indexOf('?');
  const query = start === -1 ? '' : url.slice(start + 1);
  if (query.includes('?')) {
    throw badRequest('The query has a second "?": separate parameters with "&", and write a "?" within a value as %3F');
  }
  try {
    return qs.parse(query, { depth: 3, parameterLimit: 100, arrayLimit: 20, throwOnLimitExceeded: true });
  } catch (error) {
    if (error instanceof RangeError) {
      throw badRequest(`The query was not read, so that no parameter is dropped: ${error.message}`);
    }
    throw error;
  }
};

/**
 * Whether a 401 must go without the Basic challenge: a browser answers the challenge with its login
 * dialog, over the page's own message. Tools such as wget and Python's HTTPBasicAuthHandler send
 * credentials only once challenged, so they get it (RFC 7235).
 */
const fromScriptInBrowser = (req: Request) =>
  req.get('X-Requested-With')?.toLowerCase() === 'xmlhttprequest' || req.get('Sec-Fetch-Dest') === 'empty';

/**
 * `GET /api/v2/export/dhis?filters[…]` (and `POST` with `{ filters, options }`, kept for CHT clients),
 * and `GET /api/v2/export/dhis/preview` with the same filters and rules.
 */
export const dhisExportRouter = ({ source, authenticate, log, now = () => new Date(), dhis2Calendar, onExported }: ExportRouteDeps) => {
  /**
   * The caller, their request and the source to export it from, or undefined once a 401, 403 or 400
   * has been sent. The first month's target docs are asked for at once, with the settings.
   */
  const authorize = async (req: Request, res: Response, readInput: () => unknown):
    Promise<{ user: UserContext; request: ExportRequest; exportSource: ExportSource } | undefined> => {
    const user = await authenticate(req.headers);
    if (!user) {
      if (!fromScriptInBrowser(req)) {
        res.set('WWW-Authenticate', 'Basic realm="CHT"');
      }
      sendError(res, 401, 'Log in to export: send an AuthSession cookie from POST /_session, or basic auth');
      return undefined;
    }
    let exportSource: ExportSource | undefined;
    try {
      const request = parseExportRequest(readInput(), now());
      const firstMonth = request.period.type === 'Instant' ? undefined : monthsOf(request.period)[0];
      exportSource = source.forExport?.(firstMonth && { month: firstMonth }) ?? source;
      if (!mayExportDhis(user, await exportSource.settings())) {
        exportSource.close?.();
        sendError(res, 403, `User "${user.name}" may not export DHIS2 data: a role of theirs needs the permission can_export_dhis`);
        return undefined;
      }
      return { user, request, exportSource };
    } catch (error) {
      exportSource?.close?.();
      if (error instanceof ExportError) {
        log.warn(`DHIS2 export refused: ${error.message}`);
        sendRefusal(res, error);
        return undefined;
      }
      throw error;
    }
  };

  const handle = async (req: Request, res: Response, readInput: () => unknown) => {
    const authorized = await authorize(req, res, readInput);
    if (!authorized) {
      return;
    }
    const { user, request, exportSource } = authorized;
    try {
      const started = Date.now();
      const result = await exportDataValueSet(exportSource, request, now(), { dhis2Calendar });
      const { counts, malformedTargets } = result;
      log.info(`DHIS2 export ${result.fileName} for ${user.name}: ${counts.targetDocs} target docs, ${counts.counted} counted, ` +
        `${result.dataValueSet.dataValues.length} data values in ${Date.now() - started} ms`);
      if (counts.malformed > 0 || malformedTargets.length > 0) {
        log.warn(`DHIS2 export ${result.fileName}: skipped ${counts.malformed} malformed target docs` +
          (malformedTargets.length ? ` and targets with an unusable "dhis": ${malformedTargets.join(', ')}` : ''));
      }
      // a HEAD only asks what a GET would answer: nothing was downloaded
      if (req.method !== 'HEAD') {
        onExported?.(user.name, request, result);
      }
      const format = formats[request.format];
      const { dataValues } = result.dataValueSet;
      // what the file holds, for the page's result whatever the format
      res.set({
        'X-Data-Values': String(dataValues.length),
        'X-Org-Units': String(new Set(dataValues.map(value => value.orgUnit)).size),
        'X-Zero-Values': String(dataValues.filter(value => value.value === 0).length),
      });
      res.set('Content-Disposition', `attachment; filename="${result.fileName}"`);
      res.set('Cache-Control', 'no-store');
      res.set('Content-Type', format.mediaType);
      return res.send(format.serialize(result.dataValueSet, {
        period: result.period, adxPeriod: result.adxPeriod, now: now(), humanReadable: request.humanReadable,
      }));
    } catch (error) {
      if (error instanceof ExportError) {
        log.warn(`DHIS2 export refused: ${error.message}`);
        return sendRefusal(res, error);
      }
      if (error instanceof IndexBuilding) {
        log.warn(error.message);
        return sendIndexBuilding(res, error);
      }
      throw error;
    } finally {
      exportSource.close?.();
    }
  };

  const router = Router();
  router.get('/api/v2/export/dhis', (req, res) => handle(req, res, () => queryOf(req.url)));
  router.post('/api/v2/export/dhis', ...apiJsonBody(), (req, res) => handle(req, res, () => req.body));
  router.get('/api/v2/export/dhis/preview', async (req, res) => {
    const authorized = await authorize(req, res, () => queryOf(req.url));
    if (authorized) {
      try {
        await sendPreview(req, res, { source: authorized.exportSource, log, now: now(), dhis2Calendar }, authorized.request);
      } finally {
        authorized.exportSource.close?.();
      }
    }
  });
  return router;
};
