import { eventPrefixOf } from './log-query';

const OLD_PREFIX = 'log~';
const BATCH = 500;

/**
 * Records were once kept as `log~<data set>~<period>~<instant>~<random>`, which lists a data set's
 * records only period by period; they move to `event~<data set>~<instant>~<random>` (the log lists
 * them newest first, any period), once, when the log opens.
 */
export const moveRecordsByPeriod = async (db: PouchDB.Database): Promise<number> => {
  let moved = 0;
  for (;;) {
    const { rows } = await db.allDocs<{ dataSet?: string; at?: string }>({ startkey: OLD_PREFIX, endkey: `${OLD_PREFIX}\uffff`, limit: BATCH, include_docs: true });
    if (rows.length === 0) {
      return moved;
    }
    const docs = rows.flatMap(({ doc }) => {
      if (!doc || typeof doc.dataSet !== 'string' || typeof doc.at !== 'string') {
        return doc ? [{ _id: doc._id, _rev: doc._rev, _deleted: true }] : [];
      }
      const { _id, _rev, ...entry } = doc;
      return [{ ...entry, _id: `${eventPrefixOf(doc.dataSet)}${doc.at}~${_id.slice(_id.lastIndexOf('~') + 1)}` }, { _id, _rev, _deleted: true }];
    });
    await db.bulkDocs(docs as PouchDB.Core.PutDocument<object>[]);
    moved += rows.length;
  }
};
