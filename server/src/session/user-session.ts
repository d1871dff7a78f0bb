import type { IncomingHttpHeaders } from 'node:http';

export interface UserContext {
  name: string;
  roles: string[];
}

export type Authenticate = (headers: IncomingHttpHeaders) => Promise<UserContext | undefined>;

const CACHE_MS = 5_000;
const CACHE_LIMIT = 1_000;

/**
 * Who a request's credentials (AuthSession cookie or basic auth) belong to, asked of the
 * CouchDB-protocol `/_session`; undefined when none or wrong. Answers are kept a few seconds
 * so a page's burst of database reads costs one look-up.
 */
export const sessionAuthenticator = (sessionUrl: () => string): Authenticate => {
  const cache = new Map<string, { at: number; user: UserContext | undefined }>();
  return async headers => {
    const authorization = headers.authorization;
    const cookie = headers.cookie?.split(/;\s*/).find(part => part.startsWith('AuthSession='));
    if (!authorization && !cookie) {
      return undefined;
    }
    const key = `${authorization ?? ''}|${cookie ?? ''}`;
    const cached = cache.get(key);
    if (cached && Date.now() - cached.at < CACHE_MS) {
      return cached.user;
    }
    const response = await fetch(sessionUrl(), {
      headers: { accept: 'application/json', ...(authorization ? { authorization } : {}), ...(cookie ? { cookie } : {}) },
    });
    let user: UserContext | undefined;
    if (response.ok) {
      const body = await response.json() as { userCtx?: { name?: unknown; roles?: unknown } };
      const name = body.userCtx?.name;
      const roles = body.userCtx?.roles;
      if (typeof name === 'string' && name !== '') {
        user = { name, roles: Array.isArray(roles) ? roles.filter((role): role is string => typeof role === 'string') : [] };
      }
    } else {
      await response.body?.cancel();
      if (response.status >= 500) {
        throw new Error(`The session check answered ${response.status}`);
      }
    }
    if (cache.size >= CACHE_LIMIT) {
      cache.clear();
    }
    cache.set(key, { at: Date.now(), user });
    return user;
  };
};
