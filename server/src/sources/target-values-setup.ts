import { TARGET_VALUES_VIEW, ensureTargetValuesView, targetValuesMap } from './design-docs';
import type { Log } from '../logging/log';
import { TargetValuesView } from './target-values-view';

/**
 * Whether COUCH_URL names Apache CouchDB, which builds views in processes of their own and keeps
 * them current. Another server speaking the protocol (this project's own embedded mode, PouchDB
 * Server) would build a view over the whole database in its one thread: not asked to.
 */
const isApacheCouchDb = async (couchUrl: URL): Promise<boolean> => {
  try {
    // CouchDB's welcome is public unless it requires a valid user everywhere: send COUCH_URL's credentials.
    const authorization = `Basic ${Buffer.from(`${decodeURIComponent(couchUrl.username)}:${decodeURIComponent(couchUrl.password)}`).toString('base64')}`;
    const response = await fetch(`${couchUrl.origin}/`, { headers: { accept: 'application/json', authorization }, signal: AbortSignal.timeout(5000) });
    const welcome = await response.json() as Record<string, unknown>;
    return welcome['couchdb'] === 'Welcome' && !('express-pouchdb' in welcome) && !('pouchdb-server' in welcome);
  } catch {
    return false;
  }
};

/**
 * With COUCH_URL (Apache CouchDB): installs (or updates) the target values view and starts CouchDB's build of it.
 * An account that may not write design docs uses the view if a server admin installed it, else
 * reads whole target docs, as it says at start.
 */
export const targetValuesFor = async (couch: { readOnly?: boolean; medic: PouchDB.Database }, couchUrl: URL, log: Log): Promise<TargetValuesView | undefined> => {
  const [ddoc, view] = TARGET_VALUES_VIEW.split('/');
  if (!await isApacheCouchDb(couchUrl)) {
    log.info(`COUCH_URL: ${couchUrl.origin} is not Apache CouchDB: the export reads whole target docs, without _design/${ddoc}`);
    return undefined;
  }
  if (couch.readOnly) {
    const doc = await couch.medic.get<{ views?: Record<string, { map?: string }> }>(`_design/${ddoc}`).catch(() => undefined);
    if (doc?.views?.[view]?.map !== targetValuesMap) {
      log.warn(`COUCH_URL: this account may not install _design/${ddoc}, so the export reads whole target docs ` +
        '(slower on a large database); start the server once with a server admin\'s credentials to install it');
      return undefined;
    }
  } else {
    const installed = await ensureTargetValuesView(couch.medic).catch(error => {
      log.warn(`COUCH_URL: could not install _design/${ddoc} (${(error as Error).message}); the export reads whole target docs`);
      return undefined;
    });
    if (installed === undefined) {
      return undefined;
    }
    if (installed !== 'present') {
      log.info(`COUCH_URL: ${installed} ${TARGET_VALUES_VIEW}; CouchDB builds it in the background, the export reads whole target docs meanwhile`);
    }
  }
  const targetValues = new TargetValuesView(couch.medic, log);
  targetValues.build();
  return targetValues;
};
