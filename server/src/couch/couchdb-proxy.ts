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
  await medic.info();

  const proxy = createProxyMiddleware({
    target: couchUrl.origin,
    changeOrigin: true,
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

  return {
    kind: 'couchdb',
    medic,
    handler,
    sessionUrl: () => `${couchUrl.origin}/_session`,
    close: () => medic.close(),
  };
};
