import type { Request, RequestHandler } from 'express';
import { ownerOfPath } from '../couch/couch-paths';

const STATE_CHANGING = new Set(['POST', 'PUT', 'DELETE', 'PATCH']);

const hasSessionCookie = (req: Request) => /(^|;\s*)AuthSession=/.test(req.headers.cookie ?? '');

/** The host the caller addressed: this server's, or the one a reverse proxy in front of it was asked for. */
const hostsOf = (req: Request): string[] =>
  [req.headers.host, ...String(req.headers['x-forwarded-host'] ?? '').split(',')].map(host => (host ?? '').trim().toLowerCase()).filter(Boolean);

/**
 * Why a state-changing request that rides on the session cookie did not come from this server's own
 * page, or undefined when it did (or rides on basic auth, as scripts do: a page on another site cannot
 * add that header without the browser asking this server first).
 */
export const crossSiteReason = (req: Request): string | undefined => {
  if (!STATE_CHANGING.has(req.method) || !hasSessionCookie(req) || req.headers.authorization) {
    return undefined;
  }
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') {
    return `the browser says it came from another site (Sec-Fetch-Site: ${site.slice(0, 20)})`;
  }
  const origin = req.headers.origin;
  if (origin === undefined) {
    return undefined;
  }
  let host: string;
  try {
    host = new URL(origin).host.toLowerCase();
  } catch {
    return `its Origin "${origin.slice(0, 60)}" is not this server's`;
  }
  return hostsOf(req).includes(host) ? undefined : `its Origin "${origin.slice(0, 60)}" is not this server's`;
};

/**
 * One rule for every state-changing request, before anything else runs: refused with 403 when it
 * carries the session cookie but comes from another site (a form or script on another page that
 * the user's browser would otherwise send with their session). CouchDB paths answer in CouchDB's
 * shape, the API with code `request.crossSite`.
 */
export const sameOriginWrites = (): RequestHandler => (req, res, next) => {
  const reason = crossSiteReason(req);
  if (reason === undefined) {
    return next();
  }
  const message = `Refused: this request changes data with your session, but ${reason}. ` +
    'Use this server\'s own page, or send basic auth from a script.';
  res.set('Cache-Control', 'no-store');
  if (ownerOfPath(req.path) === 'app') {
    return res.status(403).json({ code: 'request.crossSite', error: message });
  }
  return res.status(403).json({ error: 'forbidden', reason: message });
};
