import { jsonDepth, MAX_JSON_DEPTH } from '../export/json-depth';

/**
 * The shapes CouchDB's endpoints require of a request, checked before express-pouchdb sees it:
 * where CouchDB answers 400, express-pouchdb fails with a 500, or throws where nothing catches.
 */
export interface RequestProblem {
  status: 400 | 404 | 405 | 409 | 415;
  error: string;
  reason: string;
}

const badRequest = (reason: string): RequestProblem => ({ status: 400, error: 'bad_request', reason });

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every(item => typeof item === 'string');

const docProblem = (doc: unknown, what = 'Document'): RequestProblem | undefined => {
  if (!isObject(doc)) {
    return badRequest(`${what} must be a JSON object`);
  }
  if (doc['_id'] !== undefined && typeof doc['_id'] !== 'string') {
    return badRequest('Document id must be a string');
  }
  if (doc['_rev'] !== undefined && typeof doc['_rev'] !== 'string') {
    return badRequest('Document rev must be a string');
  }
  return undefined;
};

/** The body of a POST or PUT to `/<db>/<rest>`; `undefined` is an empty body. */
export const bodyProblem = (rest: string[], method: string, body: unknown): RequestProblem | undefined => {
  if (jsonDepth(body) > MAX_JSON_DEPTH) {
    return badRequest(`The JSON body nests deeper than ${MAX_JSON_DEPTH} levels`);
  }
  const [first = '', , third] = rest;
  const given = body === undefined ? {} : body;
  if (rest.length === 0) {
    return method === 'POST' ? docProblem(body) : undefined;
  }
  if (first === '_design' || first === '_local') {
    if (third === '_view') {
      return viewBodyProblem(given);
    }
    return method === 'PUT' ? docProblem(body) : { status: 405, error: 'method_not_allowed', reason: 'Only DELETE,GET,HEAD,PUT allowed' };
  }
  if (!first.startsWith('_')) {
    return method === 'PUT'
      ? docProblem(body)
      : { status: 405, error: 'method_not_allowed', reason: 'Only DELETE,GET,HEAD,PUT allowed' };
  }
  if (!isObject(given)) {
    return badRequest('Request body must be a JSON object');
  }
  switch (first) {
    case '_bulk_docs': {
      const docs = given['docs'];
      if (!Array.isArray(docs)) return badRequest('POST body must include `docs` parameter.');
      if (given['new_edits'] !== undefined && typeof given['new_edits'] !== 'boolean') return badRequest('`new_edits` must be a boolean');
      for (const doc of docs) {
        const problem = docProblem(doc, 'Each document in `docs`');
        if (problem) return problem;
      }
      return undefined;
    }
    case '_all_docs':
      return viewBodyProblem(given);
    case '_bulk_get': {
      const docs = given['docs'];
      if (!Array.isArray(docs) || !docs.every(doc => isObject(doc) && typeof doc['id'] === 'string')) {
        return badRequest('`docs` must be an array of objects with a string `id`');
      }
      return undefined;
    }
    case '_revs_diff':
      return Object.values(given).every(isStringArray) ? undefined : badRequest('Each document id must map to an array of revisions');
    case '_find':
    case '_explain':
      if (!isObject(given['selector'])) return badRequest('`selector` must be a JSON object');
      if (given['fields'] !== undefined && !isStringArray(given['fields'])) return badRequest('`fields` must be an array of field names');
      if (given['sort'] !== undefined && !Array.isArray(given['sort'])) return badRequest('`sort` must be an array');
      return numberProblem(given, ['limit', 'skip']);
    case '_index':
      return isObject(given['index']) ? undefined : badRequest('`index` must be a JSON object');
    case '_changes':
      return given['doc_ids'] === undefined || isStringArray(given['doc_ids']) ? undefined : badRequest('`doc_ids` must be an array of document ids');
    case '_compact':
    case '_view_cleanup':
    case '_temp_view':
    case '_ensure_full_commit':
    case '_security':
      return undefined;
    default:
      return { status: 404, error: 'not_found', reason: `${method} /db/${first} is not offered by the embedded database.` };
  }
};

const numberProblem = (params: Record<string, unknown>, names: string[]): RequestProblem | undefined => {
  for (const name of names) {
    const value = params[name];
    if (value !== undefined && !(Number.isInteger(value) && (value as number) >= 0)) {
      return badRequest(`\`${name}\` must be a whole number, 0 or more`);
    }
  }
  return undefined;
};

const viewBodyProblem = (body: unknown): RequestProblem | undefined => {
  if (!isObject(body)) {
    return badRequest('Request body must be a JSON object');
  }
  if (body['keys'] !== undefined && !Array.isArray(body['keys'])) {
    return badRequest('`keys` member must be an array.');
  }
  return numberProblem(body, ['limit', 'skip']);
};

const BOOLEANS = new Set([
  'attachments', 'att_encoding_info', 'conflicts', 'deleted_conflicts', 'descending', 'group', 'include_docs',
  'inclusive_end', 'latest', 'local_seq', 'meta', 'reduce', 'revs', 'revs_info', 'update_seq', 'stable',
]);
const COUNTS = new Set(['limit', 'skip', 'group_level', 'heartbeat', 'timeout', 'seq_interval']);

/** A query parameter's value as express-pouchdb reads it: JSON when it parses, else the text. */
export const queryValue = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
};

/** A document or attachment DELETE names the revision it deletes, as CouchDB requires; express-pouchdb would delete the latest. */
const deleteProblem = (rest: string[], method: string, query: Record<string, unknown>, ifMatch: unknown): RequestProblem | undefined =>
  method === 'DELETE' && rest.length > 0 && !['_index', '_session'].includes(rest[0] ?? '') && query['rev'] === undefined && !ifMatch
    ? { status: 409, error: 'conflict', reason: 'Document update conflict: give the revision to delete, as ?rev= or If-Match.' }
    : undefined;

/** Query parameters as express-pouchdb will read them (each JSON-parsed when it can be). */
export const queryProblem = (rest: string[], method: string, query: Record<string, unknown>, ifMatch?: unknown): RequestProblem | undefined => {
  const problem = deleteProblem(rest, method, query, ifMatch);
  if (problem) {
    return problem;
  }
  for (const [name, raw] of Object.entries(query)) {
    if (typeof raw !== 'string') {
      return badRequest(`Query parameter \`${name}\` must be given once`);
    }
    const value = queryValue(raw);
    if (BOOLEANS.has(name) && typeof value !== 'boolean') {
      return badRequest(`Query parameter \`${name}\` must be true or false`);
    }
    if (COUNTS.has(name) && !(Number.isInteger(value) && (value as number) >= 0) && !(name === 'heartbeat' && value === true)) {
      return badRequest(`Query parameter \`${name}\` must be a whole number, 0 or more`);
    }
    if (name === 'keys' && !Array.isArray(value)) {
      return badRequest('`keys` must be a JSON array');
    }
    if ((name === 'doc_ids' && !isStringArray(value)) || (name === 'open_revs' && value !== 'all' && !isStringArray(value))) {
      return badRequest(`Query parameter \`${name}\` must be a JSON array of strings${name === 'open_revs' ? ' or "all"' : ''}`);
    }
    if (name === 'feed' && !['normal', 'longpoll', 'continuous'].includes(String(value))) {
      return badRequest('`feed` must be normal, longpoll or continuous');
    }
    if (name === 'style' && !['main_only', 'all_docs'].includes(String(value))) {
      return badRequest('`style` must be main_only or all_docs');
    }
    if (name === 'since' && !(value === 'now' || (Number.isInteger(value) && (value as number) >= 0) || (typeof value === 'string' && /^\d+(-\S*)?$/.test(value)))) {
      return badRequest('`since` must be a sequence number or "now"');
    }
  }
  return undefined;
};
