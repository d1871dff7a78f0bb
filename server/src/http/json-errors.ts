import type { ErrorRequestHandler, Response } from 'express';
import type { Log } from '../logging/log';
import { isCouchUnavailable } from './couch-unavailable';

/**
 * `{ code, error }`: `code` is a stable name (e.g. "parameter.unknown") where one was given, else the
 * HTTP status; `details` add the values a page needs to word the refusal itself.
 */
export const sendError = (res: Response, status: number, error: string, code?: string, details: Record<string, unknown> = {}) =>
  res.status(status).json({ ...details, code: code ?? status, error });

/** A refusal carried by an error (an ExportError or any error with status, message, code and details). */
export const sendRefusal = (res: Response, refusal: { status: number; message: string; code?: string; details?: Record<string, unknown> }) =>
  sendError(res, refusal.status, refusal.message, refusal.code, refusal.details);

/**
 * Last handler: a client's mistake (bad JSON, body too large) keeps its 4xx; a database that could
 * not be reached is a 503 to ask again after; anything else is logged, never shown.
 */
export const jsonErrors = (log: Log): ErrorRequestHandler => (error, _req, res, next) => {
  if (res.headersSent) {
    return next(error);
  }
  const status = Number((error as { status?: unknown }).status);
  if (status >= 400 && status < 500) {
    const message = (error as { type?: string }).type === 'entity.parse.failed'
      ? 'The request body is not valid JSON'
      : (error as { expose?: boolean }).expose ? String((error as Error).message) : 'Bad request';
    return sendError(res, status, message);
  }
  if (isCouchUnavailable(error)) {
    log.error('The database could not be reached', error);
    res.set('Retry-After', '10');
    return sendError(res, 503, 'The database could not be reached; try again shortly', 'database.unavailable', { reason: 'database-unavailable' });
  }
  log.error('Unexpected failure', error);
  return sendError(res, 500, 'The server could not complete the request; the details are in its log');
};
