import type { Response } from 'express';
import type { IndexBuilding } from '../sources/contact-index-view';

/**
 * 503 while CouchDB builds an index the export reads: when to ask again, and how far the build is
 * (`progress`, 0–100, when CouchDB lets the server's account read `_active_tasks`), for the page to show.
 */
export const sendIndexBuilding = (res: Response, error: IndexBuilding) => {
  res.set('Retry-After', String(error.retryAfterSeconds));
  res.set('Cache-Control', 'no-store');
  return res.status(503).json({
    code: 503,
    error: error.message,
    reason: 'index-building',
    ...(error.percent === undefined ? {} : { progress: error.percent }),
  });
};
