import type { Request, RequestHandler } from 'express';
import { queryValue } from './couch-request-shapes';
import { STREAM_PAGE, StreamedAnswer } from './streamed-answers';

/** Parameters a normal feed is streamed with; any other (filter, doc_ids, descending, …) goes to express-pouchdb. */
const STREAMED = new Set(['feed', 'since', 'limit', 'include_docs', 'conflicts', 'style']);

const optionsOf = (req: Request) => {
  const params: Record<string, unknown> = Object.fromEntries(Object.entries(req.query).map(([name, value]) => [name, queryValue(value)]));
  const body = req.method === 'POST' && typeof req.body === 'object' && req.body !== null ? req.body as Record<string, unknown> : {};
  if (Object.keys(params).some(name => !STREAMED.has(name)) || Object.keys(body).length > 0 ||
    (params['feed'] !== undefined && params['feed'] !== 'normal')) {
    return undefined;
  }
  const since = params['since'] ?? 0;
  if (!(since === 'now' || (Number.isInteger(since) && (since as number) >= 0))) {
    return undefined;
  }
  return {
    since: since as number | 'now',
    limit: params['limit'] === undefined ? Infinity : Math.max(1, params['limit'] as number),
    include_docs: params['include_docs'] === true,
    ...(params['conflicts'] === true ? { conflicts: true } : {}),
    ...(params['style'] === 'all_docs' ? { style: 'all_docs' as const } : {}),
  };
};

/**
 * `GET` and `POST /medic/_changes` as a normal feed on the embedded database, streamed: read
 * a page of changes at a time from the last sequence written, so memory holds one page, not a
 * whole database's changes with their docs. Long-poll and continuous feeds are bounded elsewhere.
 */
export const streamedChanges = (db: PouchDB.Database): RequestHandler => async (req, res, next) => {
  if (!/^\/medic\/_changes\/?$/.test(req.path) || (req.method !== 'GET' && req.method !== 'POST')) {
    return next();
  }
  const options = optionsOf(req);
  if (!options) {
    return next();
  }
  const { limit, ...read } = options;
  const answer = new StreamedAnswer(res);
  try {
    let since: number | string | undefined = read.since === 'now' ? (await db.info()).update_seq : read.since;
    for (let left = limit, first = true; left > 0; first = false) {
      const want = Math.min(STREAM_PAGE, left);
      const page: PouchDB.Core.ChangesResponse<object> = await db.changes({ ...read, since: since as number, limit: want, return_docs: true });
      if (first) {
        answer.head('{"results":[');
      }
      await answer.items(page.results);
      since = page.last_seq;
      left -= page.results.length;
      if (answer.closed || page.results.length < want) {
        break;
      }
    }
    answer.end(`],\n"last_seq":${JSON.stringify(since)}}\n`);
  } catch (error) {
    answer.fail(error);
  }
};
