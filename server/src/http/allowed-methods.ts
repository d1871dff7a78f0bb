import type { RequestHandler } from 'express';

/** The API's paths and the methods each takes (HEAD goes with GET). */
export const API_METHODS: ReadonlyMap<string, readonly string[]> = new Map([
  ['/api/v2/export/dhis', ['GET', 'HEAD', 'POST']],
  ['/api/v2/export/dhis/preview', ['GET', 'HEAD']],
  ['/api/v2/export/dhis/send', ['GET', 'HEAD', 'POST']],
  ['/api/v2/export/dhis/log', ['GET', 'HEAD']],
  ['/api/v2/texts', ['GET', 'HEAD']],
]);

/**
 * A method an API path does not take is 405 with `Allow`, before any handler runs: a `PUT` or a
 * `DELETE` is a mistake to name, not a missing page. Other API paths fall through to the 404.
 */
export const allowedMethods = (methods: ReadonlyMap<string, readonly string[]> = API_METHODS): RequestHandler => (req, res, next) => {
  const allowed = methods.get(req.path.replace(/\/+$/, ''));
  if (allowed === undefined || allowed.includes(req.method)) {
    return next();
  }
  res.set('Allow', allowed.join(', '));
  return res.status(405).json({
    code: 'request.methodNotAllowed', error: `${req.method.slice(0, 10)} is not allowed on ${req.path}: use ${allowed.join(', ')}`, allowed,
  });
};
