import { pointLastSend, type ExportLogEntry } from './export-log';
import { eventPrefixOf, keptSendOf } from './log-query';

const OLD_PREFIX = 'log~';
const BATCH = 500;

type OldRecord = ExportLogEntry & { _id: string; _rev: string };

/** A send recorded before `sent` existed counted as sent when DHIS2 answered anything but ERROR. */
const withSent = (entry: ExportLogEntry): ExportLogEntry =>
  (entry.action === 'send' && entry.sent === undefined && entry.dhis2 !== undefined ? { ...entry, sent: entry.dhis2.status !== 'ERROR' } : entry);

/**
 * Records were once kept as `log~<data set>~<period>~<instant>~<random>`, which lists a data set's
 * records only period by period; they move to `event~<data set>~<instant>~<random>` (the log lists
 * them newest first, any period), once, when the log opens.
 */
export const moveRecordsByPeriod = async (db: PouchDB.Database): Promise<number> => {
  let moved = 0;
  for (;;) {
    const { rows } = await db.allDocs<Partial<OldRecord>>({ startkey: OLD_PREFIX, endkey: `${OLD_PREFIX}\uffff`, limit: BATCH, include_docs: true });
    if (rows.length === 0) {
      return moved;
    }
    const kept: [ExportLogEntry, { recordId: string; at: string }][] = [];
    const docs = rows.flatMap(({ doc }) => {
      if (!doc || typeof doc.dataSet !== 'string' || typeof doc.at !== 'string') {
        return doc ? [{ _id: doc._id, _rev: doc._rev, _deleted: true }] : [];
      }
      const { _id, _rev, ...old } = doc as OldRecord;
      const entry = withSent(old);
      const id = `${eventPrefixOf(entry.dataSet)}${entry.at}~${_id.slice(_id.lastIndexOf('~') + 1)}`;
      const send = keptSendOf(id, entry);
      if (send) {
        kept.push([entry, send]);
      }
      return [{ ...entry, _id: id }, { _id, _rev, _deleted: true }];
    });
    await db.bulkDocs(docs as PouchDB.Core.PutDocument<object>[]);
    for (const [entry, send] of kept) {
      await pointLastSend(db, entry, send);
    }
    moved += rows.length;
  }
};
