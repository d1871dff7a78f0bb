import type { Request, Response } from 'express';
import { sendError, sendRefusal } from './json-errors';
import type { Log } from '../logging/log';
import type { Dhis2Calendar } from '../export/calendars/dhis2-calendar';
import { IndexBuilding } from '../sources/contact-index-view';
import { sendIndexBuilding } from './index-building-reply';
import { ExportError } from '../export/export-error';
import { previewExport, type PreviewProgress } from '../export/export-preview';
import type { ExportRequest } from '../export/export-request';
import type { ExportSource } from '../sources/export-source';

export const NDJSON = 'application/x-ndjson';
/** Progress lines at most this often: enough for a progress bar, not a flood. */
const PROGRESS_INTERVAL_MS = 200;

/**
 * Answers a preview: one JSON document by default (for scripts: `curl … | jq`), or, when the
 * client accepts `application/x-ndjson`, a stream of lines — `{"progress":{…}}` while the target
 * docs are read, then `{"preview":{…}}` (or `{"error":{…}}` should the database fail midway).
 * The stream starts only once the request has passed every check, so bad input still gets its 4xx.
 * A client that goes away aborts the work.
 */
export const sendPreview = async (
  req: Request, res: Response,
  { source, log, now, dhis2Calendar }: { source: ExportSource; log: Log; now: Date; dhis2Calendar?: Dhis2Calendar }, request: ExportRequest,
) => {
  const streaming = req.accepts(['application/json', NDJSON]) === NDJSON && (req.get('accept') ?? '').includes(NDJSON);
  const controller = new AbortController();
  res.on('close', () => controller.abort(new Error('The client went away')));
  let lastLine = 0;
  const writeLine = (line: object) => res.write(`${JSON.stringify(line)}\n`);
  const onProgress = (progress: PreviewProgress) => {
    if (!streaming) {
      return;
    }
    if (!res.headersSent) {
      res.status(200);
      // no-transform: the compression middleware would hold the lines back
      res.set({ 'Content-Type': `${NDJSON}; charset=utf-8`, 'Cache-Control': 'no-store, no-transform', 'X-Content-Type-Options': 'nosniff' });
      res.flushHeaders();
    }
    const at = Date.now();
    if (progress.docsRead === 0 || at - lastLine >= PROGRESS_INTERVAL_MS) {
      lastLine = at;
      writeLine({ progress });
    }
  };
  const started = Date.now();
  try {
    const preview = await previewExport(source, request, now, { onProgress, signal: controller.signal, dhis2Calendar });
    log.info(`DHIS2 preview ${preview.fileName}: ${preview.counts.targetDocs} target docs, ${preview.checks.length} checks fired ` +
      `in ${Date.now() - started} ms`);
    if (res.headersSent) {
      writeLine({ preview });
      res.end();
    } else {
      res.set('Cache-Control', 'no-store');
      res.type(streaming ? NDJSON : 'application/json');
      res.send(streaming ? `${JSON.stringify({ preview })}\n` : JSON.stringify(preview));
    }
  } catch (error) {
    if (controller.signal.aborted) {
      log.info('DHIS2 preview abandoned by its client');
      return;
    }
    if (!res.headersSent) {
      if (error instanceof ExportError) {
        log.warn(`DHIS2 preview refused: ${error.message}`);
        sendRefusal(res, error);
        return;
      }
      if (error instanceof IndexBuilding) {
        log.warn(error.message);
        sendIndexBuilding(res, error);
        return;
      }
      throw error;
    }
    log.error('DHIS2 preview failed', error);
    writeLine({ error: { code: error instanceof ExportError ? error.status : 500, message: error instanceof ExportError ? error.message : 'The server could not complete the preview; the details are in its log' } });
    res.end();
  }
};
