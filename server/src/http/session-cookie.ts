import type { RequestHandler, Response } from 'express';

const withSameSite = (cookie: string) =>
  (/^AuthSession=/i.test(cookie) && !/;\s*SameSite=/i.test(cookie) ? `${cookie}; SameSite=Lax` : cookie);

const rewrite = (value: unknown) => (Array.isArray(value) ? value.map(cookie => withSameSite(String(cookie)))
  : typeof value === 'string' ? withSameSite(value) : value);

/**
 * Marks the session cookie `SameSite=Lax` however it is set: by the embedded database (express-pouchdb
 * sets none) or passed through from the CouchDB named by COUCH_URL. A browser then sends it with
 * no request another site starts but top-level navigations that change nothing.
 */
export const sameSiteSessionCookie = (): RequestHandler => (_req, res, next) => {
  const setHeader = res.setHeader.bind(res) as Response['setHeader'];
  res.setHeader = ((name: string, value: number | string | readonly string[]) =>
    setHeader(name, name.toLowerCase() === 'set-cookie' ? rewrite(value) as string[] : value)) as Response['setHeader'];
  next();
};
