import type { RequestHandler } from 'express';
import type { Authenticate } from '../session/user-session';

const MEDIC = /^\/medic(\/|$)/;
const USERS = /^\/_users(\/|$)/;

const refuse = (status: 401 | 403, reason: string) =>
  ({ status, body: { error: status === 401 ? 'unauthorized' : 'forbidden', reason } });

/**
 * What CouchDB itself enforces and the embedded database does not: the CHT database is for
 * logged-in users (as with require_valid_user), and `_users` is for server admins, each user
 * reading only their own document. (express-pouchdb answers other users' reads with a 500.)
 */
export const embeddedCouchGuard = (authenticate: Authenticate): RequestHandler => async (req, res, next) => {
  const medic = MEDIC.test(req.path);
  const users = USERS.test(req.path);
  if (!medic && !users) {
    return next();
  }
  const user = await authenticate(req.headers);
  let refusal: ReturnType<typeof refuse> | undefined;
  if (!user) {
    refusal = refuse(401, 'Log in to use this database.');
  } else if (users && !user.roles.includes('_admin')) {
    const ownDoc = decodeURIComponent(req.path) === `/_users/org.couchdb.user:${user.name}`;
    if (!ownDoc || req.method !== 'GET') {
      refusal = refuse(403, 'Only server admins may read or change other users.');
    }
  }
  if (refusal) {
    return res.status(refusal.status).json(refusal.body);
  }
  return next();
};
