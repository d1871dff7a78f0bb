import type { CouchBackend } from '../couch/couch-backend';
import { TARGET_VALUES_VIEW, ensureTargetValuesView, targetValuesMap } from '../couch/design-docs';
import type { Log } from '../http/log';
import { TargetValuesView } from './target-values-view';

/**
 * With COUCH_URL: installs (or updates) the target values view and starts CouchDB's build of it.
 * An account that may not write design docs uses the view if a server admin installed it, else
 * reads whole target docs, as it says at start.
 */
export const targetValuesFor = async (couch: CouchBackend, log: Log): Promise<TargetValuesView | undefined> => {
  const [ddoc, view] = TARGET_VALUES_VIEW.split('/');
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
