import type { Request, RequestHandler } from 'express';
import { queryValue } from './couch-request-shapes';
import { STREAM_PAGE, StreamedAnswer } from './streamed-answers';

/** Parameters answered here; a request with any other (attachments, update_seq, …) goes to express-pouchdb. */
const STREAMED = new Set([
  'include_docs', 'conflicts', 'descending', 'startkey', 'start_key', 'endkey', 'end_key', 'key', 'keys', 'limit', 'skip', 'inclusive_end',
]);

type Options = PouchDB.Core.AllDocsOptions & {
  startkey?: string; endkey?: string; key?: string; keys?: string[]; skip?: number; limit?: number; inclusive_end?: boolean; descending?: boolean;
};

/** The request's options, or undefined when it is not one this stream answers. Shapes were checked before. */
const optionsOf = (req: Request): Options | undefined => {
  const params: Record<string, unknown> = Object.fromEntries(Object.entries(req.query).map(([name, value]) => [name, queryValue(value)]));
  if (req.method === 'POST') {
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
    if (Object.keys(body).some(name => name !== 'keys')) {
      return undefined;
    }
    if (body['keys'] !== undefined) {
      params['keys'] = body['keys'];
    }
  }
  if (Object.keys(params).some(name => !STREAMED.has(name))) {
    return undefined;
  }
  const keys = params['keys'];
  if (keys !== undefined && (!Array.isArray(keys) || keys.some(key => typeof key !== 'string') ||
    params['limit'] !== undefined || params['skip'] !== undefined || params['descending'] !== undefined)) {
    return undefined;
  }
  const startkey = params['startkey'] ?? params['start_key'];
  const endkey = params['endkey'] ?? params['end_key'];
  if ([startkey, endkey, params['key']].some(key => key !== undefined && typeof key !== 'string')) {
    return undefined;
  }
  return {
    include_docs: params['include_docs'] === true,
    ...(params['conflicts'] === true ? { conflicts: true } : {}),
    ...(params['descending'] === true ? { descending: true } : {}),
    ...(params['inclusive_end'] === false ? { inclusive_end: false } : {}),
    ...(startkey !== undefined ? { startkey: startkey as string } : {}),
    ...(endkey !== undefined ? { endkey: endkey as string } : {}),
    ...(params['key'] !== undefined ? { key: params['key'] as string } : {}),
    ...(keys !== undefined ? { keys: keys as string[] } : {}),
    ...(params['limit'] !== undefined ? { limit: params['limit'] as number } : {}),
    ...(params['skip'] !== undefined ? { skip: params['skip'] as number } : {}),
  };
};

/**
 * `GET` and `POST /medic/_all_docs` on the embedded database, streamed: read a page of rows at a
 * time (each read asks for one row more, whose id starts the next page, never `skip`, which a
 * deletion meanwhile would shift) and written as read, so memory holds one page, not the answer.
 */
export const streamedAllDocs = (db: PouchDB.Database): RequestHandler => async (req, res, next) => {
  if (!/^\/medic\/_all_docs\/?$/.test(req.path) || (req.method !== 'GET' && req.method !== 'POST')) {
    return next();
  }
  const options = optionsOf(req);
  if (!options) {
    return next();
  }
  const answer = new StreamedAnswer(res);
  try {
    if (options.keys) {
      await streamKeys(db, options, answer);
    } else {
      await streamRange(db, options, answer);
    }
  } catch (error) {
    answer.fail(error);
  }
};

const streamKeys = async (db: PouchDB.Database, { keys, ...options }: Options, answer: StreamedAnswer) => {
  const all = keys ?? [];
  for (let from = 0; from === 0 || from < all.length; from += STREAM_PAGE) {
    const page = await db.allDocs({ ...options, keys: all.slice(from, from + STREAM_PAGE) });
    if (from === 0) {
      answer.head(`{"total_rows":${page.total_rows},"offset":${page.offset ?? 0},"rows":[`);
    }
    await answer.items(page.rows);
    if (answer.closed) {
      return;
    }
  }
  answer.end(']}\n');
};

const streamRange = async (db: PouchDB.Database, { limit, skip, ...options }: Options, answer: StreamedAnswer) => {
  let left = limit ?? Infinity;
  let startkey = options.startkey;
  for (let first = true; ; first = false) {
    const want = Math.min(STREAM_PAGE, left);
    const page = await db.allDocs({
      ...options,
      ...(startkey !== undefined ? { startkey } : {}),
      ...(first && skip ? { skip } : {}),
      limit: want + 1,
    } as PouchDB.Core.AllDocsWithinRangeOptions);
    if (first) {
      answer.head(`{"total_rows":${page.total_rows},"offset":${page.offset ?? 0},"rows":[`);
    }
    await answer.items(page.rows.slice(0, want));
    left -= Math.min(want, page.rows.length);
    if (answer.closed) {
      return;
    }
    if (page.rows.length <= want || left <= 0 || options.key !== undefined) {
      break;
    }
    startkey = page.rows[want].id;
  }
  answer.end(']}\n');
};
