import { Router } from 'express';
import { ExportError, badRequest } from '../../dhis-export/export-error';
import { parseExportRequest } from '../../dhis-export/export-request';
import { queryOf } from '../../dhis-export/export-route';
import type { ExportSource } from '../../dhis-export/export-source';
import { sendError } from '../../http/json-errors';
import type { Log } from '../../http/log';
import { mayExportDhis } from '../../session/export-permission';
import type { Authenticate } from '../../session/user-session';
import type { Fetch } from '../dhis2-client';
import type { Dhis2Config } from '../dhis2-config';
import { HOW_TO_ENABLE } from '../send-route';
import { compareWithDhis2 } from './compare-with-dhis2';
import type { DataSetMetadata } from './data-set-metadata';
import { METADATA_CACHE_MS, MetadataCache } from './metadata-cache';

export interface CompareRouteDeps {
  source: ExportSource;
  authenticate: Authenticate;
  dhis2?: Dhis2Config;
  log: Log;
  fetch?: Fetch;
  now?: () => Date;
  /** How long DHIS2's metadata of a data set is kept (0: read every time). */
  metadataCacheMs?: number;
}

/** One read from DHIS2 waits at most this long (or DHIS2_TIMEOUT_MS when that is shorter). */
export const COMPARE_READ_TIMEOUT_MS = 30_000;
/** All the reads of one compare end within this (a national data set is hundreds of batches). */
export const COMPARE_DEADLINE_MS = 180_000;

const KNOWN_PARAMETERS = new Set(['filters', 'options']);

/** `GET /api/v2/export/dhis/compare?filters[…]`: what a send of the selection would change in DHIS2, asked of DHIS2 itself. */
export const dhis2CompareRouter = (deps: CompareRouteDeps) => {
  const { source, authenticate, dhis2, log } = deps;
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
      const query = queryOf(req.url) as Record<string, unknown>;
      const unknown = Object.keys(query).filter(name => !KNOWN_PARAMETERS.has(name));
      if (unknown.length > 0) {
        throw badRequest(`Unknown parameter ${JSON.stringify(unknown[0]!.slice(0, 40))}: the compare takes filters[…] and options[…], as the export does`);
      }
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
        source, dhis2, fetch: deps.fetch, cache, now: now(), signal: controller.signal,
        readTimeoutMs: Math.min(dhis2.timeoutMs, COMPARE_READ_TIMEOUT_MS),
        deadline: Date.now() + COMPARE_DEADLINE_MS,
      }, request);
      const counts = comparison.counts ? Object.entries(comparison.counts).map(([kind, count]) => `${count} ${kind}`).join(', ') : 'no values';
      log.info(`DHIS2 compare of ${request.dataSet} ${comparison.period} for ${user.name}: ${counts}, ${comparison.checks.length} checks, ` +
        `${comparison.problems.map(({ code }) => code).join(', ') || 'complete'}; ${comparison.reads.requests} reads in ${Date.now() - started} ms`);
      return res.json(comparison);
    } catch (error) {
      if (error instanceof ExportError) {
        return sendError(res, error.status, error.message);
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
