import type { RequestHandler } from 'express';
import { pathSegments } from './couch-access';
import { ownerOfPath } from '../http/path-owner';
import { takesRawBody } from './couch-request-body';
import { sendCouchError } from './embedded-couch-guard';
import { hasBody, isJsonType } from '../http/json-body';

const BODY_METHODS = new Set(['POST', 'PUT']);

/**
 * As Apache CouchDB does: the JSON endpoints of /medic and /_users (documents, `_bulk_docs`, users,
 * `_all_docs` with keys, …) take `application/json` bodies only, 415 otherwise. A form on another
 * site can send `text/plain`, a form or multipart body without asking, never JSON. Attachments
 * and design-doc functions keep their own types. Both database modes: the embedded one would
 * take any type, and a CouchDB behind COUCH_URL is refused the same way before it sees the body.
 */
export const jsonWriteBodies = (): RequestHandler => (req, res, next) => {
  const owner = ownerOfPath(req.path);
  if ((owner !== 'medic' && owner !== 'users') || !BODY_METHODS.has(req.method)) {
    return next();
  }
  const rest = pathSegments(req.path).slice(1);
  const type = req.headers['content-type'];
  if (takesRawBody(rest) || isJsonType(type) || (type === undefined && !hasBody(req.headers))) {
    return next();
  }
  return sendCouchError(res, 415, 'bad_content_type', 'Content-Type must be application/json');
};
