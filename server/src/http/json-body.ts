import { json, type RequestHandler } from 'express';

export const isJsonType = (type: string | undefined) => /^application\/(.+\+)?json\s*(;|$)/i.test(type ?? '');

export const hasBody = (headers: Record<string, unknown>) =>
  headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;

/**
 * An API body is JSON or nothing: a form, `text/plain` or multipart body (what a page on another
 * site can send without asking) is 415, code `request.jsonOnly`, before anything reads it. Not
 * strict: a body of `null` or `5` is JSON, and gets told what shape to have rather than "not valid JSON".
 */
export const apiJsonBody = (limit = '64kb'): RequestHandler[] => [
  (req, res, next) => (hasBody(req.headers) && !isJsonType(req.headers['content-type'])
    ? res.status(415).json({ code: 'request.jsonOnly', error: 'The request body must be JSON (Content-Type: application/json), or empty' })
    : next()),
  json({ limit, strict: false }),
];
