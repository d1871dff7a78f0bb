import type { Request, RequestHandler } from 'express';
import { ownerOfPath } from './path-owner';

const STATE_CHANGING = new Set(['POST', 'PUT', 'DELETE', 'PATCH']);

/** The host the caller addressed: this server's, or the one a reverse proxy in front of it was asked for. */
const hostsOf = (req: Request): string[] =>
  [req.headers.host, ...String(req.headers['x-forwarded-host'] ?? '').split(',')].map(host => (host ?? '').trim().toLowerCase()).filter(Boolean);

/**
 * Why a state-changing request a browser sent did not come from this server's own page, or undefined
 * when it did, or when no browser sent it: scripts and the CLI send neither `Origin` nor
 * `Sec-Fetch-Site`. Whatever its credentials: a browser attaches the session cookie, and basic auth
 * it once asked the user for, to requests another site makes it send.
 */
export const crossSiteReason = (req: Request): string | undefined => {
  if (!STATE_CHANGING.has(req.method)) {
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
 * One rule for every state-changing request, before anything else runs: refused with 403 when a
 * browser sent it from another site (a form or script on another page, which the user's browser
 * would otherwise send with their session). CouchDB paths answer in CouchDB's shape, the API with
 * code `request.crossSite`.
 */
export const sameOriginWrites = (): RequestHandler => (req, res, next) => {
  const reason = crossSiteReason(req);
  if (reason === undefined) {
    return next();
  }
  const message = `Refused: this request would change data, but ${reason}. ` +
    'Use this server\'s own page, or a script with basic auth.';
  res.set('Cache-Control', 'no-store');
  if (ownerOfPath(req.path) === 'app') {
    return res.status(403).json({ code: 'request.crossSite', error: message });
  }
  return res.status(403).json({ error: 'forbidden', reason: message });
};
