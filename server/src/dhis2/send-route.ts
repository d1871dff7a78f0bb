import { Router, json, type Request, type Response } from 'express';
import { dhisPeriodId } from '../dhis-export/reporting-period';
import { exportDataValueSet } from '../dhis-export/export-data-value-set';
import { ExportError } from '../dhis-export/export-error';
import { parseExportRequest } from '../dhis-export/export-request';
import { queryOf } from '../dhis-export/export-route';
import type { ExportSource } from '../dhis-export/export-source';
import { changesSince, lastSendOf } from '../export-log/changes-since-send';
import { loggedValuesOf, totalOf, type ExportLog } from '../export-log/export-log';
import { sendError } from '../http/json-errors';
import type { Log } from '../http/log';
import { mayExportDhis } from '../session/export-permission';
import { maySendToDhis2 } from '../session/send-permission';
import type { Authenticate, UserContext } from '../session/user-session';
import type { Fetch } from './dhis2-client';
import type { Dhis2Config } from './dhis2-config';
import type { Dhis2Calendar } from '../dhis-export/calendars/dhis2-calendar';
import { sendToDhis2 } from './send-to-dhis2';

export interface SendRouteDeps {
  source: ExportSource;
  authenticate: Authenticate;
  exportLog: ExportLog;
  /** Undefined: sending is not configured. */
  dhis2?: Dhis2Config;
  dhis2Calendar?: Dhis2Calendar;
  log: Log;
  fetch?: Fetch;
  now?: () => Date;
}

export const HOW_TO_ENABLE = 'Sending to DHIS2 is not configured on this server: set DHIS2_URL and DHIS2_TOKEN ' +
  '(or DHIS2_USER and DHIS2_PASSWORD) in its environment and restart it';

const FAILURE_STATUS = { timeout: 504, network: 502, credentials: 502, forbidden: 502, server: 502, rejected: 502 } as const;

/**
 * `GET|POST /api/v2/export/dhis/send` (whether sending is configured and allowed; send or dry run) and
 * `GET /api/v2/export/dhis/log` (recent records of a selection, and what changed since its last send).
 */
export const dhis2SendRouter = (deps: SendRouteDeps) => {
  const { source, authenticate, exportLog, dhis2, dhis2Calendar, log } = deps;
  const now = deps.now ?? (() => new Date());

  const withUser = async (req: Request, res: Response, then: (user: UserContext) => Promise<unknown>) => {
    const user = await authenticate(req.headers);
    if (!user) {
      return sendError(res, 401, 'Log in first: send an AuthSession cookie from POST /_session, or basic auth');
    }
    try {
      res.set('Cache-Control', 'no-store');
      return await then(user);
    } catch (error) {
      if (error instanceof ExportError) {
        return sendError(res, error.status, error.message);
      }
      throw error;
    }
  };

  const router = Router();

  router.get('/api/v2/export/dhis/send', (req, res) => withUser(req, res, async user => {
    const settings = await source.settings();
    return res.json({
      configured: dhis2 !== undefined,
      ...(dhis2 ? { dhis2Host: dhis2.url.host } : { howToEnable: HOW_TO_ENABLE }),
      mayDryRun: mayExportDhis(user, settings),
      maySend: maySendToDhis2(user, settings),
    });
  }));

  const send = (req: Request, res: Response, input: () => unknown) => withUser(req, res, async user => {
    const dryRunText = String(req.query['dryRun'] ?? 'false');
    if (!['true', 'false'].includes(dryRunText)) {
      return sendError(res, 400, `dryRun must be true or false, got "${dryRunText.slice(0, 20)}"`);
    }
    const dryRun = dryRunText === 'true';
    const settings = await source.settings();
    if (!mayExportDhis(user, settings)) {
      return sendError(res, 403, `User "${user.name}" may not export DHIS2 data: a role of theirs needs the permission can_export_dhis`);
    }
    if (!dryRun && !maySendToDhis2(user, settings)) {
      return sendError(res, 403, `User "${user.name}" may not send to DHIS2: a role of theirs needs the permission can_send_dhis (a dry run is allowed)`);
    }
    if (!dhis2) {
      return res.status(409).json({ code: 409, error: HOW_TO_ENABLE, configured: false });
    }
    const request = parseExportRequest(input(), now());
    const outcome = await sendToDhis2({ source, dhis2, dhis2Calendar, exportLog, fetch: deps.fetch, now }, user.name, request, dryRun);
    if (outcome.kind === 'failure') {
      log.warn(`DHIS2 ${dryRun ? 'dry run' : 'send'} of ${outcome.dataSet} ${outcome.period} for ${user.name} failed: ${outcome.error}`);
      return res.status(FAILURE_STATUS[outcome.reason]).json({ code: FAILURE_STATUS[outcome.reason], ...outcome });
    }
    log.info(`DHIS2 ${dryRun ? 'dry run' : 'send'} of ${outcome.dataSet} ${outcome.period} for ${user.name}: ${outcome.dhis2.status}, ${outcome.headline}`);
    return res.json(outcome);
  });

  // The query's own parameters are the filters, as for GET /api/v2/export/dhis; dryRun sits beside them.
  const filtersOfQuery = (req: Request) => {
    const { dryRun: _dryRun, ...rest } = queryOf(req.url) as Record<string, unknown>;
    return rest;
  };
  router.post('/api/v2/export/dhis/send', json({ limit: '64kb', strict: false }), (req, res) =>
    send(req, res, () => (req.body !== undefined && req.is('application/json') ? req.body : filtersOfQuery(req))));

  router.get('/api/v2/export/dhis/log', (req, res) => withUser(req, res, async user => {
    if (!mayExportDhis(user, await source.settings())) {
      return sendError(res, 403, `User "${user.name}" may not read the export log: a role of theirs needs the permission can_export_dhis`);
    }
    const request = parseExportRequest(queryOf(req.url), now());
    // What a send would hold now: its size for the page's confirmation, its values to compare with the last send.
    const exported = await exportDataValueSet(source, { ...request, humanReadable: false }, now(), { dhis2Calendar });
    const { dataValueSet } = exported;
    const period = dhisPeriodId(exported.period);
    const records = await exportLog.recent(request.dataSet, period);
    const lastSend = lastSendOf(records, request.orgUnit);
    const current = { values: dataValueSet.dataValues.length, total: totalOf(dataValueSet.dataValues) };
    const changesSinceLastSend = lastSend?.dataValues
      ? { sentAt: lastSend.at, sentBy: lastSend.user, changes: changesSince(lastSend.dataValues, loggedValuesOf(dataValueSet.dataValues)) }
      : undefined;
    return res.json({
      dataSet: request.dataSet,
      period,
      ...(request.orgUnit === undefined ? {} : { orgUnit: request.orgUnit }),
      current,
      records: records.map(({ dataValues: _values, ...record }) => record),
      ...(changesSinceLastSend ? { changesSinceLastSend } : {}),
    });
  }));

  return router;
};
