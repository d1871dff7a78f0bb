import type { Request, RequestHandler, Response } from 'express';
import type { AppSettings } from '../settings/app-settings';
import type { Authenticate, UserContext } from '../session/user-session';
import {
  callerOf, globalAccess, isMember, medicAccess, pathSegments, usersAccess, type Access, type CouchCaller, type SecurityObject,
} from './couch-access';
import { ownerOfPath } from '../http/path-owner';

export interface CouchGuardDeps {
  authenticate: Authenticate;
  settings: () => Promise<AppSettings>;
  /** The CHT database's `_security` object, as CouchDB keeps it. */
  security: () => Promise<SecurityObject>;
}

/** What the guard learnt of a request, for the handlers after it. */
export interface CouchRequestContext {
  caller: CouchCaller;
  user?: UserContext;
  /** A user's PUT of their own `_users` doc: allowed once its roles are shown unchanged. */
  ownUserDocUpdate?: string;
}

export const couchContextOf = (res: Response): CouchRequestContext | undefined => res.locals['couch'] as CouchRequestContext | undefined;

export const sendCouchError = (res: Response, status: number, error: string, reason: string) =>
  res.status(status).json({ error, reason });

const refuse = (res: Response, access: Exclude<Access, { allowed: true }>) => {
  if (access.status === 401) {
    res.set('WWW-Authenticate', 'Basic realm="CHT"');
  }
  return sendCouchError(res, access.status, access.error, access.reason);
};

const SESSION_METHODS = new Set(['GET', 'HEAD', 'POST', 'DELETE']);

/**
 * Authenticates every request for CouchDB's paths and authorises it by role before anything of
 * the database sees it (the access table is in the README). Settings are read only for callers
 * whose role depends on them.
 */
export const embeddedCouchGuard = ({ authenticate, settings, security }: CouchGuardDeps): RequestHandler => async (req: Request, res, next) => {
  const owner = ownerOfPath(req.path);
  if (owner === 'app') {
    return next();
  }
  if (owner === 'session') {
    if (!SESSION_METHODS.has(req.method)) {
      res.set('Allow', 'GET, HEAD, POST, DELETE');
      return sendCouchError(res, 405, 'method_not_allowed', '/_session answers GET, POST and DELETE.');
    }
    return next();
  }
  const segments = pathSegments(req.path);
  if (segments.some(segment => segment === '.' || segment === '..')) {
    return sendCouchError(res, 400, 'bad_request', 'Paths may not contain "." or ".." segments.');
  }
  let user: UserContext | undefined;
  try {
    user = await authenticate(req.headers);
  } catch {
    return sendCouchError(res, 503, 'service_unavailable', 'The session could not be checked; try again.');
  }
  // A non-admin's read of the CHT database needs both its settings (their role) and its _security:
  // one round of reads, not two in a row, on the path every page and client read takes.
  const medicReads = user && owner === 'medic' && !user.roles.includes('_admin') ? Promise.all([settings(), security()]) : undefined;
  const [appSettings, securityObject] = medicReads ? await medicReads : [];
  const caller: CouchCaller = !user ? 'anonymous' : user.roles.includes('_admin') ? 'admin'
    : appSettings ? callerOf(user, appSettings) : 'member';
  const context: CouchRequestContext = { caller, user };
  let access: Access | { allowed: 'own-doc-update' };
  if (owner === 'medic') {
    access = medicAccess(caller, req.method, segments.slice(1), user?.name);
  } else if (owner === 'users') {
    access = usersAccess(caller, user, req.method, segments.slice(1));
  } else {
    access = globalAccess(caller, req.method, segments);
  }
  if (access.allowed === false) {
    return refuse(res, access);
  }
  if (user && securityObject && !isMember(user, securityObject)) {
    return sendCouchError(res, 403, 'forbidden', 'You are not a member of the CHT database: its _security lists who is.');
  }
  if (access.allowed === 'own-doc-update') {
    context.ownUserDocUpdate = segments[1];
  }
  res.locals['couch'] = context;
  return next();
};
