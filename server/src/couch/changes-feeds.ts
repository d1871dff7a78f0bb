import type { Request, RequestHandler, Response } from 'express';
import { queryValue } from './couch-request-shapes';
import { couchContextOf, sendCouchError } from './embedded-couch-guard';

export interface FeedLimits {
  /** Open long-poll and continuous feeds at once, in all. */
  maxFeeds: number;
  /** Open feeds at once per user. */
  maxFeedsPerUser: number;
  /** The longest a feed stays open; a longer `timeout` is cut to it. */
  maxFeedMs: number;
}

export const DEFAULT_FEED_LIMITS: FeedLimits = { maxFeeds: 50, maxFeedsPerUser: 5, maxFeedMs: 60_000 };

/** PouchDB changes options from CouchDB's query parameters (already checked for shape) and body. */
const changesOptions = (req: Request): PouchDB.Core.ChangesOptions => {
  const query = Object.fromEntries(Object.entries(req.query).map(([name, value]) => [name, queryValue(value)]));
  const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
  const docIds = body['doc_ids'] ?? query['doc_ids'];
  return {
    since: (query['since'] ?? 0) as number | 'now',
    ...(query['limit'] !== undefined ? { limit: Math.max(1, query['limit'] as number) } : {}),
    ...(query['include_docs'] === true ? { include_docs: true } : {}),
    ...(query['conflicts'] === true ? { conflicts: true } : {}),
    ...(query['style'] === 'all_docs' ? { style: 'all_docs' } : {}),
    ...(Array.isArray(docIds) ? { doc_ids: docIds as string[] } : {}),
  };
};

/**
 * Long-poll and continuous `_changes` on the embedded database, bounded: a cap on open feeds
 * (in all and per user) and on how long one stays open, and the feed is cancelled as soon as the
 * client goes. Normal feeds are left to express-pouchdb, which answers them at once.
 */
export const boundedChangesFeeds = (db: PouchDB.Database, limits: FeedLimits = DEFAULT_FEED_LIMITS): RequestHandler => {
  const open = new Map<string, number>();
  let total = 0;
  return (req, res, next) => {
    if (!/^\/medic\/_changes\/?$/.test(req.path) || (req.method !== 'GET' && req.method !== 'POST')) {
      return next();
    }
    const feed = queryValue(req.query['feed']);
    if (feed !== 'longpoll' && feed !== 'continuous') {
      return next();
    }
    if (req.query['filter'] !== undefined) {
      return sendCouchError(res, 400, 'bad_request', 'Filtered long-poll and continuous feeds are not offered here; use doc_ids or a normal feed.');
    }
    const who = couchContextOf(res)?.user?.name ?? '';
    if (total >= limits.maxFeeds || (open.get(who) ?? 0) >= limits.maxFeedsPerUser) {
      res.set('Retry-After', '10');
      return sendCouchError(res, 429, 'too_many_requests', `Too many open _changes feeds (at most ${limits.maxFeeds} in all, ${limits.maxFeedsPerUser} per user); close one or poll.`);
    }
    total += 1;
    open.set(who, (open.get(who) ?? 0) + 1);
    const timeout = Math.min(Number(queryValue(req.query['timeout']) ?? limits.maxFeedMs) || limits.maxFeedMs, limits.maxFeedMs);
    const heartbeatParam = queryValue(req.query['heartbeat']);
    const heartbeatMs = typeof heartbeatParam === 'number' && heartbeatParam > 0 ? Math.max(heartbeatParam, 1000) : heartbeatParam === true ? 60_000 : 0;
    serveFeed(db, req, res, feed, timeout, heartbeatMs, () => {
      total -= 1;
      const left = (open.get(who) ?? 1) - 1;
      if (left > 0) open.set(who, left); else open.delete(who);
    });
  };
};

const serveFeed = (
  db: PouchDB.Database,
  req: Request,
  res: Response,
  feed: 'longpoll' | 'continuous',
  timeoutMs: number,
  heartbeatMs: number,
  release: () => void,
) => {
  const options = changesOptions(req);
  let lastSeq: number | string = typeof options.since === 'number' ? options.since : 0;
  let finished = false;
  let changes: PouchDB.Core.Changes<object> | undefined;
  const timers: NodeJS.Timeout[] = [];
  const finish = (tail?: string) => {
    if (finished) return;
    finished = true;
    timers.forEach(clearTimeout);
    timers.forEach(clearInterval);
    changes?.cancel();
    release();
    if (!res.writableEnded && !res.destroyed) {
      res.end(tail);
    }
  };
  res.on('close', () => finish());
  res.status(200).set({ 'Content-Type': 'application/json', 'Cache-Control': 'must-revalidate' });

  if (feed === 'longpoll') {
    db.changes({ ...options, live: false }).then(first => {
      if (finished) return;
      if (first.results.length > 0) {
        return finish(`${JSON.stringify({ results: first.results, last_seq: first.last_seq })}\n`);
      }
      lastSeq = first.last_seq;
      res.write('{"results":[\n');
      timers.push(setTimeout(() => finish(`],\n"last_seq":${JSON.stringify(lastSeq)}}\n`), timeoutMs));
      if (heartbeatMs > 0) timers.push(setInterval(() => res.write('\n'), heartbeatMs));
      changes = db.changes({ ...options, since: first.last_seq, live: true });
      changes.on('change', change => finish(`${JSON.stringify(change)}\n],\n"last_seq":${JSON.stringify(change.seq)}}\n`));
      changes.on('error', () => finish(`],\n"last_seq":${JSON.stringify(lastSeq)}}\n`));
    }, (error: { status?: number; name?: string; message?: string }) => {
      if (finished) return;
      finished = true;
      release();
      const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 400;
      sendCouchError(res, status, error.name ?? 'bad_request', error.message ?? 'The changes could not be read.');
    });
    return;
  }

  res.flushHeaders();
  timers.push(setTimeout(() => finish(`${JSON.stringify({ last_seq: lastSeq })}\n`), timeoutMs));
  if (heartbeatMs > 0) timers.push(setInterval(() => res.write('\n'), heartbeatMs));
  changes = db.changes({ ...options, live: true });
  changes.on('change', change => {
    lastSeq = change.seq;
    res.write(`${JSON.stringify(change)}\n`);
  });
  changes.on('error', () => finish(`${JSON.stringify({ last_seq: lastSeq })}\n`));
};
