import compression from 'compression';
import { Router, type Request, type RequestHandler } from 'express';
import { collate } from 'pouchdb-collate';
import { dhisMappingsOf } from '../cht/cht-docs';
import type { ContactIndex } from '../sources/contact-index';
import { ORG_UNIT_VIEW } from '../sources/design-docs';

const [DDOC, VIEW] = ORG_UNIT_VIEW.split('/');
const SUPPORTED = new Set(['include_docs', 'key', 'limit', 'reduce']);

const parsedParam = (req: Request, name: string): unknown => {
  const raw = req.query[name];
  if (typeof raw !== 'string') {
    return undefined;
  }
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
};

/**
 * Answers the Admin Console's query of `contacts_by_dhis_orgunit` from the contact index, which
 * the changes feed keeps current: the same rows, in PouchDB's collation order, as the embedded
 * view would give, without waiting for PouchDB to index every document of a large database.
 * Queries with other parameters go to the real view.
 */
export const orgUnitViewCache = (contacts: ContactIndex) => {
  const router = Router();
  router.get(`/medic/_design/${DDOC}/_view/${VIEW}`, compression(), async (req, res, next) => {
    const names = Object.keys(req.query);
    const includeDocs = parsedParam(req, 'include_docs') === true;
    const key = parsedParam(req, 'key');
    const limit = parsedParam(req, 'limit');
    const reduce = parsedParam(req, 'reduce');
    if (names.some(name => !SUPPORTED.has(name)) || (key !== undefined && typeof key !== 'string') ||
      (limit !== undefined && !(Number.isInteger(limit) && (limit as number) >= 0)) || (reduce !== undefined && reduce !== false)) {
      return next();
    }
    await contacts.catchUp();
    const places = contacts.placesWithOrgUnits();
    const rows = places.flatMap(place => dhisMappingsOf(place).map(({ orgUnit }) => ({ id: place._id, key: orgUnit, place })));
    rows.sort((a, b) => collate(a.key, b.key) || collate(a.id, b.id));
    const selected = rows.filter(row => key === undefined || row.key === key).slice(0, limit === undefined ? undefined : limit as number);
    res.json({
      total_rows: rows.length,
      offset: 0,
      rows: selected.map(({ id, key: rowKey, place }) => ({ id, key: rowKey, value: null, ...(includeDocs ? { doc: place } : {}) })),
    });
  });
  return router;
};

const WRITES = new Set(['POST', 'PUT', 'DELETE', 'COPY']);

/**
 * Keeps the contact index current during a sync. A write to /medic waits until the index has
 * caught up with the writes before it, and nudges it once done. Without the wait, reading the
 * changes one doc at a time starves behind a stream of bulk writes, and the first export after
 * a large sync would pay for the whole backlog.
 */
export const indexAlongWrites = (contacts: ContactIndex): RequestHandler => async (req, res, next) => {
  if (!WRITES.has(req.method) || !/^\/medic(\/|$)/.test(req.path)) {
    return next();
  }
  res.on('finish', () => {
    if (res.statusCode < 400) {
      contacts.nudge();
    }
  });
  try {
    await contacts.catchUp();
  } catch {
    // The nudge after the write logs and retries; the write itself must not fail for the index.
  }
  return next();
};
