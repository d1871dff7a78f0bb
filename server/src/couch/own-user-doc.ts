import type { RequestHandler } from 'express';
import { couchContextOf, sendCouchError } from './embedded-couch-guard';

const sameRoles = (a: unknown, b: unknown) =>
  Array.isArray(a) && Array.isArray(b) && a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

/**
 * A user's PUT of their own `_users` doc, as CouchDB allows it: to change the password, never
 * the name, the type or the roles. The doc must exist: only server admins create users.
 */
export const ownUserDocUpdates = (users: PouchDB.Database): RequestHandler => async (req, res, next) => {
  const id = couchContextOf(res)?.ownUserDocUpdate;
  if (id === undefined) {
    return next();
  }
  const body = req.body as Record<string, unknown>;
  let stored: { name?: unknown; roles?: unknown; type?: unknown };
  try {
    stored = await users.get(id);
  } catch {
    return sendCouchError(res, 403, 'forbidden', 'Only server admins may create users.');
  }
  if (body['name'] !== stored.name || body['type'] !== 'user' || !sameRoles(body['roles'] ?? [], stored.roles ?? [])) {
    return sendCouchError(res, 403, 'forbidden', 'You may change your password, not your name, type or roles.');
  }
  return next();
};
