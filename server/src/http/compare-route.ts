import { Router } from 'express';
import { ExportError, badRequest } from '../export/export-error';
import { parseExportRequest } from '../export/export-request';
import { queryOf } from './export-route';
import type { ExportSource } from '../sources/export-source';
import { sendError } from './json-errors';
import type { Log } from '../logging/log';
import { mayExportDhis } from '../session/export-permission';
import type { Authenticate } from '../session/user-session';
import type { Fetch } from '../dhis2/dhis2-client';
import type { Dhis2Config } from '../dhis2/dhis2-config';
import type { Dhis2Calendar } from '../export/calendars/dhis2-calendar';
import { HOW_TO_ENABLE } from './send-route';
import { compareWithDhis2 } from '../dhis2/compare/compare-with-dhis2';
import type { DataSetMetadata } from '../dhis2/compare/data-set-metadata';
import { METADATA_CACHE_MS, MetadataCache } from '../dhis2/compare/metadata-cache';

export interface CompareRouteDeps {
  source: ExportSource;
  authenticate: Authenticate;
  dhis2?: Dhis2Config;
  log: Log;
  fetch?: Fetch;
  now?: () => Date;
  /** How long DHIS2's metadata of a data set is kept (0: read every time). */
  metadataCacheMs?: number;
  /** The calendar DHIS2 names periods in (DHIS2_CALENDAR); ISO 8601 when absent. */
  dhis2Calendar?: Dhis2Calendar;
}

/** One read from DHIS2 waits at most this long (or DHIS2_TIMEOUT_MS when that is shorter). */
export const COMPARE_READ_TIMEOUT_MS = 30_000;
/** All the reads of one compare end within this (a national data set is hundreds of batches). */
export const COMPARE_DEADLINE_MS = 180_000;

/** `GET /api/v2/export/dhis/compare?filters[…]`: what a send of the selection would change in DHIS2, asked of DHIS2 itself. */
export const dhis2CompareRouter = (deps: CompareRouteDeps) => {
  const { source, authenticate, dhis2, dhis2Calendar, log } = deps;
  const now = deps.now ?? (() => new Date());
  const cache = new MetadataCache<DataSetMetadata>(deps.metadataCacheMs ?? METADATA_CACHE_MS);
  const router = Router();

  router.get('/api/v2/export/dhis/compare', async (req, res) => {
    const user = await authenticate(req.headers);
    if (!user) {
      return sendError(res, 401, 'Log in first: send an AuthSession cookie from POST /_session, or basic auth');
    }
    res.set('Cache-Control', 'no-store');
    try {
      // the export's parameters, and no others (parseExportRequest refuses the rest)
      const query = queryOf(req.url) as Record<string, unknown>;
      if (!mayExportDhis(user, await source.settings())) {
        return sendError(res, 403, `User "${user.name}" may not compare with DHIS2: a role of theirs needs the permission can_export_dhis`);
      }
      if (!dhis2) {
        return res.status(409).json({ code: 409, error: HOW_TO_ENABLE, configured: false });
      }
      const request = parseExportRequest(query, now());
      const controller = new AbortController();
      res.on('close', () => controller.abort(new Error('The client went away')));
      const started = Date.now();
      const comparison = await compareWithDhis2({
        source, dhis2, dhis2Calendar, fetch: deps.fetch, cache, now: now(), signal: controller.signal,
        readTimeoutMs: Math.min(dhis2.timeoutMs, COMPARE_READ_TIMEOUT_MS),
        deadline: Date.now() + COMPARE_DEADLINE_MS,
      }, request);
      const counts = comparison.counts ? Object.entries(comparison.counts).map(([kind, count]) => `${count} ${kind}`).join(', ') : 'no values';
      log.info(`DHIS2 compare of ${request.dataSet} ${comparison.period} for ${user.name}: ${counts}, ${comparison.checks.length} checks, ` +
        `${comparison.problems.map(({ code }) => code).join(', ') || 'complete'}; ${comparison.reads.requests} reads in ${Date.now() - started} ms`);
      return res.json(comparison);
    } catch (error) {
      if (error instanceof ExportError) {
        return sendError(res, error.status, error.message, error.code, error.details);
      }
      if (res.destroyed || res.writableEnded) {
        log.info('DHIS2 compare abandoned by its client');
        return undefined;
      }
      throw error;
    }
  });
  return router;
};
