import type { IndexProgress } from '../sources/contact-index-view';

interface ActiveTask {
  type?: unknown;
  database?: unknown;
  design_document?: unknown;
  progress?: unknown;
  changes_done?: unknown;
  total_changes?: unknown;
}

/**
 * How far CouchDB has built a design doc's index in the database COUCH_URL names, from
 * `_active_tasks` (which only a server admin may read): 0–100, the mean over the shards a cluster
 * builds at once; 100 when no build runs; undefined when it cannot be read.
 */
export const viewBuildProgress = (couchUrl: URL, admin: { user: string; password: string }): IndexProgress => {
  const dbName = decodeURIComponent(couchUrl.pathname.replace(/^\/+|\/+$/g, ''));
  const authorization = `Basic ${Buffer.from(`${admin.user}:${admin.password}`).toString('base64')}`;
  return async designDoc => {
    const response = await fetch(`${couchUrl.origin}/_active_tasks`, { headers: { accept: 'application/json', authorization }, signal: AbortSignal.timeout(5000) });
    if (!response.ok) {
      return undefined;
    }
    const tasks = await response.json() as ActiveTask[];
    // A single node names the database; a cluster names each shard: shards/00000000-1fffffff/medic.1700000000
    const building = (Array.isArray(tasks) ? tasks : []).filter(task => task.type === 'indexer' && task.design_document === designDoc &&
      typeof task.database === 'string' && (task.database === dbName || task.database.endsWith(`/${dbName}`) || task.database.includes(`/${dbName}.`)));
    if (building.length === 0) {
      return 100;
    }
    const percents = building.map(task => (typeof task.progress === 'number' ? task.progress
      : typeof task.changes_done === 'number' && typeof task.total_changes === 'number' && task.total_changes > 0 ? 100 * task.changes_done / task.total_changes : 0));
    return Math.min(99, Math.round(percents.reduce((sum, percent) => sum + percent, 0) / percents.length));
  };
};
