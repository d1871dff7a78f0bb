import type { RequestHandler } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import PouchDB from 'pouchdb';
import { COUCH_PATHS, type CouchBackend } from './couch-backend';

/**
 * A CouchDB named by COUCH_URL (a CHT's own): the server reads it as the admin in the URL and
 * passes /medic, /_users and /_session through with the caller's own credentials, as the CHT API does.
 */
export const openCouchDbProxy = async (couchUrl: URL, admin: { user: string; password?: string }): Promise<CouchBackend> => {
  const dbName = couchUrl.pathname.replace(/^\/+|\/+$/g, '');
  const withCredentials = new URL(couchUrl.href);
  if (!withCredentials.username && admin.password !== undefined) {
    withCredentials.username = admin.user;
    withCredentials.password = admin.password;
  }
  const medic = new PouchDB(withCredentials.href.replace(/\/+$/, ''), { skip_setup: true });
  try {
    // info() reports an HTTP error in its result rather than failing: read something instead.
    await medic.allDocs({ limit: 0 });
  } catch (error) {
    const status = (error as { status?: number }).status;
    throw new Error(status === 401 || status === 403
      ? `COUCH_URL: CouchDB refused the credentials; give a server admin's, e.g. http://admin:pass@${couchUrl.host}${couchUrl.pathname}`
      : status === 404
        ? `COUCH_URL: CouchDB at ${couchUrl.origin} has no database "${dbName}"`
        : `COUCH_URL: could not reach CouchDB at ${couchUrl.origin} (${(error as Error).message})`);
  }

  const proxy = createProxyMiddleware({
    target: couchUrl.origin,
    changeOrigin: true,
    // X-Forwarded-Host names the host the caller addressed: the Origin check of a CouchDB (or of
    // another instance of this server) in front of which this one stands compares with it.
    xfwd: true,
    pathRewrite: path => path.replace(/^\/medic(?=\/|\?|$)/, `/${dbName}`),
    on: {
      error: (_error, _req, res) => {
        if ('writeHead' in res && !res.headersSent) {
          res.writeHead(502, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ error: 'bad_gateway', reason: 'The CouchDB named by COUCH_URL did not answer.' }));
        }
      },
    },
  });
  const handler: RequestHandler = (req, res, next) => (COUCH_PATHS.test(req.path) ? proxy(req, res, next) : next());

  // A user who is only a member of the database (read-only), as a CHT admin may prefer to hand out.
  const session = await fetch(`${couchUrl.origin}/_session`, {
    headers: { accept: 'application/json', authorization: `Basic ${Buffer.from(`${decodeURIComponent(withCredentials.username)}:${decodeURIComponent(withCredentials.password)}`).toString('base64')}` },
  }).then(response => response.json() as Promise<{ userCtx?: { roles?: unknown } }>, () => ({}) as { userCtx?: { roles?: unknown } });
  const roles = session.userCtx?.roles;
  const readOnly = !(Array.isArray(roles) && roles.includes('_admin'));

  return {
    kind: 'couchdb',
    readOnly,
    medic,
    handler,
    sessionUrl: () => `${couchUrl.origin}/_session`,
    close: () => medic.close(),
  };
};
