import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { pathSegments } from './couch-access';
import { ownerOfPath } from '../http/path-owner';
import { sendCouchError } from './embedded-couch-guard';
import { MAX_JSON_DEPTH } from '../export/json-depth';
import { bodyProblem, queryProblem } from './couch-request-shapes';

const BODY_METHODS = new Set(['POST', 'PUT']);

/** `/medic/…` or `/_users/…` below the database name, or undefined for other paths. */
const databaseRest = (path: string): string[] | undefined => {
  const owner = ownerOfPath(path);
  return owner === 'medic' || owner === 'users' ? pathSegments(path).slice(1) : undefined;
};

/** Attachments and design-doc functions (`_update`, `_show`, …) take raw bodies that express-pouchdb reads itself. */
export const takesRawBody = (rest: string[]): boolean => {
  const docLength = rest[0] === '_design' || rest[0] === '_local' ? 2 : 1;
  return rest.length > docLength && !['_view', '_info'].includes(rest[docLength] ?? '');
};

/**
 * Limits before anything reads a body: a declared size over the limit is refused at once (413),
 * and multipart bodies, whose parser in express-pouchdb throws on a malformed part, are refused (415).
 */
export const couchBodyLimits = (maxBytes: number): RequestHandler => (req, res, next) => {
  if (ownerOfPath(req.path) === 'app') {
    return next();
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.set('Connection', 'close');
    return sendCouchError(res, 413, 'too_large', `The request body is larger than this server accepts (${maxBytes} bytes; MAX_BODY_MB).`);
  }
  if (/^multipart\//i.test(req.headers['content-type'] ?? '')) {
    return sendCouchError(res, 415, 'bad_content_type', 'Multipart bodies are not accepted: send the document as JSON, with attachments inline (base64) or by PUT /db/doc/attachment.');
  }
  return next();
};

/**
 * Reads JSON bodies for /medic and /_users once, within the size limit and nesting depth, and
 * checks the shape each endpoint needs, answering 4xx as CouchDB does where express-pouchdb
 * would fail with a 500 or a crash. express-pouchdb then takes the parsed body as it is.
 */
export const couchJsonBodies = (maxBytes: number): (RequestHandler | ErrorRequestHandler)[] => {
  const parse = express.json({ limit: maxBytes, strict: false, type: () => true });
  const read: RequestHandler = (req, res, next) => {
    const rest = databaseRest(req.path);
    if (rest === undefined) {
      return next();
    }
    const problem = queryProblem(rest, req.method, req.query, req.headers['if-match']);
    if (problem) {
      return sendCouchError(res, problem.status, problem.error, problem.reason);
    }
    if (!BODY_METHODS.has(req.method) || takesRawBody(rest)) {
      return next();
    }
    return parse(req, res, next);
  };
  const parseFailed: ErrorRequestHandler = (error, req, res, next) => {
    if (databaseRest(req.path) === undefined) {
      return next(error);
    }
    const { type, status } = error as { type?: string; status?: number };
    if (type === 'entity.too.large') {
      res.set('Connection', 'close');
      return sendCouchError(res, 413, 'too_large', `The request body is larger than this server accepts (${maxBytes} bytes; MAX_BODY_MB).`);
    }
    if (type === 'entity.parse.failed') {
      return sendCouchError(res, 400, 'bad_request', 'invalid_json');
    }
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return sendCouchError(res, status, 'bad_request', 'The request body could not be read.');
    }
    return next(error);
  };
  const check: RequestHandler = (req, res, next) => {
    const rest = databaseRest(req.path);
    if (rest === undefined || !BODY_METHODS.has(req.method) || takesRawBody(rest)) {
      return next();
    }
    const empty = !req.headers['transfer-encoding'] && (req.headers['content-length'] ?? '0') === '0';
    const problem = bodyProblem(rest, req.method, empty ? undefined : req.body);
    if (problem) {
      return sendCouchError(res, problem.status, problem.error, problem.reason);
    }
    // body-parser, inside express-pouchdb, leaves a body marked as read alone.
    (req as unknown as { _body: boolean })._body = true;
    return next();
  };
  return [read, parseFailed, check];
};

export { MAX_JSON_DEPTH };
