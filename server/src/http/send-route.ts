import { Router, type Request } from 'express';
import { queryOf } from './export-route';
import type { ExportSource } from '../sources/export-source';
import type { ExportLog } from '../export-log/export-log';
import { withApiUser } from './api-user';
import { apiJsonBody } from './json-body';
import { refuseUnknownParameters } from '../export/known-parameters';
import { sendError } from './json-errors';
import type { Log } from '../logging/log';
import { mayExportDhis } from '../session/export-permission';
import { maySendToDhis2 } from '../session/send-permission';
import type { Authenticate } from '../session/user-session';
import type { Fetch } from '../dhis2/dhis2-client';
import type { Dhis2Config } from '../dhis2/dhis2-config';
import type { SendLeases } from '../export-log/send-lease';
import { parseSendOrder } from '../dhis2/send-order';
import type { Dhis2Calendar } from '../export/calendars/dhis2-calendar';
import { sendToDhis2 } from '../dhis2/send-to-dhis2';

export interface SendRouteDeps {
  source: ExportSource;
  authenticate: Authenticate;
  exportLog: ExportLog;
  leases: SendLeases;
  /** Undefined: sending is not configured. */
  dhis2?: Dhis2Config;
  dhis2Calendar?: Dhis2Calendar;
  log: Log;
  fetch?: Fetch;
  now?: () => Date;
}

export const HOW_TO_ENABLE = 'Sending to DHIS2 is not configured on this server: set DHIS2_URL and DHIS2_TOKEN ' +
  '(or DHIS2_USER and DHIS2_PASSWORD) in its environment and restart it';

const FAILURE_STATUS = { timeout: 504, connection: 502, gateway: 502, network: 502, credentials: 502, forbidden: 502, server: 502, rejected: 502 } as const;
const UNKNOWN_STATUS = { timeout: 504, connection: 502, gateway: 502 } as const;

/** The body, when the request has one (read by `apiJsonBody`). */
const bodyOf = (req: Request) => (req.body !== undefined && req.is('application/json') ? req.body as unknown : undefined);

/**
 * `GET /api/v2/export/dhis/send` (whether sending is configured and allowed) and
 * `POST /api/v2/export/dhis/send` (a send or a dry run: see send-order.ts and send-to-dhis2.ts).
 */
export const dhis2SendRouter = (deps: SendRouteDeps) => {
  const { source, authenticate, exportLog, leases, dhis2, dhis2Calendar, log } = deps;
  const now = deps.now ?? (() => new Date());
  const withUser = withApiUser(authenticate);
  const router = Router();
  router.get('/api/v2/export/dhis/send', (req, res) => withUser(req, res, async user => {
    refuseUnknownParameters(queryOf(req.url), {});
    const settings = await source.settings();
    return res.json({
      configured: dhis2 !== undefined,
      ...(dhis2 ? { dhis2Host: dhis2.url.host } : { howToEnable: HOW_TO_ENABLE }),
      mayDryRun: mayExportDhis(user, settings),
      maySend: maySendToDhis2(user, settings),
    });
  }));
  router.post('/api/v2/export/dhis/send', ...apiJsonBody(), (req, res) => withUser(req, res, async user => {
    const order = parseSendOrder(queryOf(req.url), bodyOf(req), now());
    const settings = await source.settings();
    if (!mayExportDhis(user, settings)) {
      return sendError(res, 403, `User "${user.name}" may not export DHIS2 data: a role of theirs needs the permission can_export_dhis`);
    }
    if (!order.dryRun && !maySendToDhis2(user, settings)) {
      return sendError(res, 403, `User "${user.name}" may not send to DHIS2: a role of theirs needs the permission can_send_dhis (a dry run is allowed)`);
    }
    if (!dhis2) {
      return res.status(409).json({ code: 409, error: HOW_TO_ENABLE, configured: false });
    }
    const outcome = await sendToDhis2({ source, dhis2, dhis2Calendar, exportLog, leases, fetch: deps.fetch, now }, user.name, order);
    const what = `DHIS2 ${order.dryRun ? 'dry run' : 'send'} of ${outcome.dataSet} ${outcome.period} for ${user.name}`;
    if (outcome.kind === 'failure') {
      log.warn(`${what} failed: ${outcome.error}`);
      return res.status(FAILURE_STATUS[outcome.reason]).json({ code: FAILURE_STATUS[outcome.reason], ...outcome });
    }
    if (outcome.kind === 'unknown') {
      log.warn(`${what}: outcome unknown (${outcome.error}); read back: ${outcome.readBack.outcome}`);
      return res.status(UNKNOWN_STATUS[outcome.reason]).json({ code: 'send.unknown', ...outcome });
    }
    log.info(`${what}: ${outcome.dhis2.status}, ${outcome.headline}`);
    return res.json(outcome);
  }));
  return router;
};
