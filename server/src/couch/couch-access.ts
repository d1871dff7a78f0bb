import { rolesWithPermission, type AppSettings } from '../settings/app-settings';
import type { UserContext } from '../session/user-session';

/**
 * Who a caller is to the embedded database:
 * - admin: a server admin, who loads and syncs data;
 * - reader: may export (`can_export_dhis`, `can_export_all`) or configure (`can_configure`): read-only on /medic;
 * - member: any other logged-in user, who may read only what tells them, in their language, that they lack the permission;
 * - anonymous: no credentials, or wrong ones.
 */
export type CouchCaller = 'admin' | 'reader' | 'member' | 'anonymous';

export const READER_PERMISSIONS = ['can_export_dhis', 'can_export_all', 'can_configure'];

export const callerOf = (user: UserContext | undefined, settings: AppSettings): CouchCaller => {
  if (!user) {
    return 'anonymous';
  }
  if (user.roles.includes('_admin')) {
    return 'admin';
  }
  const readers = new Set(READER_PERMISSIONS.flatMap(permission => rolesWithPermission(settings, permission)));
  return user.roles.some(role => readers.has(role)) ? 'reader' : 'member';
};

export type Access =
  | { allowed: true }
  | { allowed: false; status: 401 | 403 | 404 | 405; error: string; reason: string };

const ALLOWED: Access = { allowed: true };

const refused = (status: 401 | 403 | 404 | 405, reason: string): Access => ({
  allowed: false,
  status,
  error: { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 405: 'method_not_allowed' }[status],
  reason,
});

const LOG_IN = refused(401, 'Log in to use this database: send an AuthSession cookie from POST /_session, or basic auth.');

/**
 * A path below a database as CouchDB reads it: decoded segments, with `_design/x` and `_local/x`
 * kept together however the slash was written (`_design%2Fx` too).
 */
export const pathSegments = (rawPath: string): string[] => {
  const segments: string[] = [];
  for (const raw of rawPath.split('/').filter(segment => segment !== '')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      segment = raw;
    }
    segments.push(...segment.split('/'));
  }
  return segments;
};

const READ = new Set(['GET', 'HEAD']);

/** Requests under /medic that only read, as a CouchDB client or the page makes them. */
const isMedicRead = (method: string, rest: string[]): boolean => {
  const [first = '', second, third, fourth] = rest;
  const read = READ.has(method);
  if (rest.length === 0) {
    return read;
  }
  if (first === '_design') {
    if (rest.length === 2) return read;
    if (third === '_view' && fourth !== undefined && rest.length === 4) return read || method === 'POST';
    if (third === '_info' && rest.length === 3) return read;
    return false;
  }
  if (first === '_local') {
    return read && rest.length === 2 && second !== undefined;
  }
  if (first.startsWith('_')) {
    if (rest.length !== 1) return false;
    switch (first) {
      case '_all_docs':
      case '_changes':
        return read || method === 'POST';
      case '_bulk_get':
      case '_find':
      case '_explain':
      case '_revs_diff':
        return method === 'POST';
      case '_index':
      case '_security':
        return read;
      default:
        return false;
    }
  }
  // A document, or one of its attachments.
  return read;
};

/** What a non-admin without a reading permission needs: the settings, the translations, and their own user-settings (their language). */
const isPageBootstrap = (method: string, rest: string[], userName?: string): boolean =>
  READ.has(method) && rest.length === 1 &&
  (rest[0] === 'settings' || /^messages-[\w@-]+$/.test(rest[0] ?? '') || (userName !== undefined && rest[0] === `org.couchdb.user:${userName}`));

/** Access to `/medic/<rest>`. */
export const medicAccess = (caller: CouchCaller, method: string, rest: string[], userName?: string): Access => {
  if (rest.length === 0 && (method === 'PUT' || method === 'DELETE') && caller !== 'anonymous') {
    return refused(caller === 'admin' ? 405 : 403, 'The CHT database is the server\'s own: it cannot be created or deleted through the CouchDB API.');
  }
  switch (caller) {
    case 'admin':
      return ALLOWED;
    case 'anonymous':
      return LOG_IN;
    case 'reader':
      return isMedicRead(method, rest)
        ? ALLOWED
        : refused(403, 'The CHT database is read-only for program managers: only server admins write, compact, purge or change its security and indexes.');
    case 'member':
      return isPageBootstrap(method, rest, userName)
        ? ALLOWED
        : refused(403, 'Your roles do not allow reading the CHT database: a role with can_export_dhis, can_export_all or can_configure is needed.');
  }
};

/**
 * Access to `/_users/<rest>`. A user reads their own document and may change it (their password),
 * not their roles: `ownDocUpdate` tells the guard to compare the roles with the stored ones.
 */
export const usersAccess = (
  caller: CouchCaller,
  user: UserContext | undefined,
  method: string,
  rest: string[],
): Access | { allowed: 'own-doc-update' } => {
  if (rest.length === 0 && (method === 'PUT' || method === 'DELETE') && caller !== 'anonymous') {
    return refused(caller === 'admin' ? 405 : 403, 'The _users database is the server\'s own: it cannot be created or deleted through the CouchDB API.');
  }
  if (caller === 'admin') {
    return ALLOWED;
  }
  if (!user) {
    return LOG_IN;
  }
  const ownDoc = rest.length === 1 && rest[0] === `org.couchdb.user:${user.name}`;
  if (ownDoc && READ.has(method)) {
    return ALLOWED;
  }
  if (ownDoc && method === 'PUT') {
    return { allowed: 'own-doc-update' };
  }
  return refused(403, 'Only server admins may create users or read and change other users; you may read your own user and change your password.');
};

/** CouchDB's server-wide endpoints that the embedded server offers to server admins, with their methods. */
export const OFFERED_GLOBAL_ENDPOINTS: Record<string, readonly string[]> = {
  _all_dbs: ['GET', 'HEAD'],
  _uuids: ['GET', 'HEAD'],
  _active_tasks: ['GET', 'HEAD'],
  _config: ['GET', 'HEAD'],
};

/**
 * Any other path that is CouchDB's and not the app's: a server-wide endpoint (`/_all_dbs`,
 * `/_config`, `/_replicate`, …) or a database other than medic and _users.
 */
export const globalAccess = (caller: CouchCaller, method: string, segments: string[]): Access => {
  if (caller === 'anonymous') {
    return LOG_IN;
  }
  if (caller !== 'admin') {
    return refused(403, 'Only server admins may use CouchDB\'s server-wide endpoints and other databases.');
  }
  const [first = ''] = segments;
  const methods = OFFERED_GLOBAL_ENDPOINTS[first];
  if (methods === undefined) {
    return first.startsWith('_')
      ? refused(404, `The embedded database does not offer /${first}; it serves /medic, /_users, /_session, /_all_dbs, /_uuids, /_active_tasks and /_config (read-only).`)
      : refused(404, `No database "${first}": the embedded database holds only medic and _users.`);
  }
  if (!methods.includes(method)) {
    return refused(405, `/${first} answers ${methods.join(' and ')} only here${first === '_config' ? ': the configuration comes from the environment at start' : ''}.`);
  }
  return ALLOWED;
};

export interface SecurityObject {
  members?: { names?: unknown; roles?: unknown };
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

/** CouchDB's rule: with no member names or roles, every user is a member; otherwise only those listed. */
export const isMember = (user: UserContext, security: SecurityObject): boolean => {
  const names = strings(security.members?.names);
  const roles = strings(security.members?.roles);
  return (names.length === 0 && roles.length === 0) || names.includes(user.name) || user.roles.some(role => roles.includes(role));
};
