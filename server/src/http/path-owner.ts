/**
 * Which part of the server a path belongs to. The app owns `/`, `/login`, `/admin/…`, `/api/…`
 * and its files (a name with an extension); every other path is CouchDB's: a database or a
 * server-wide endpoint such as `/_all_dbs`, answered in JSON, never with the app's page.
 */
export type PathOwner = 'medic' | 'users' | 'session' | 'app' | 'couch';

export const ownerOfPath = (path: string): PathOwner => {
  if (/^\/medic(\/|$)/.test(path)) return 'medic';
  if (/^\/_users(\/|$)/.test(path)) return 'users';
  if (/^\/_session\/?$/.test(path)) return 'session';
  if (path === '/' || /^\/(login|admin|api)(\/|$)/.test(path)) return 'app';
  const first = path.split('/')[1] ?? '';
  const last = path.split('/').pop() ?? '';
  if (!first.startsWith('_') && !first.startsWith('%5F') && /^[^.]+\.[\w.]+$/.test(last)) return 'app';
  return 'couch';
};
