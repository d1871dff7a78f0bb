/** What the contact index's tests share: a mapped centre, a worker under it, and a watch on `allDocs`. */
export const centre = { _id: 'hc', type: 'health_center', name: 'Centre', dhis: { orgUnit: 'ouCentre' }, parent: { _id: 'district' } };
export const worker = { _id: 'chw', type: 'person', name: 'Worker', parent: { _id: 'area', parent: { _id: 'hc', parent: { _id: 'district' } } } };

export type AllDocsOptions = PouchDB.Core.AllDocsWithinRangeOptions & { keys?: string[] };
export type AllDocs = (options: AllDocsOptions) => Promise<PouchDB.Core.AllDocsResponse<object>>;
/** Puts `wrap` in front of the database's `allDocs` (given the real one); returns the real one, to put back. */
export const wrapAllDocs = (db: PouchDB.Database, wrap: (options: AllDocsOptions, allDocs: AllDocs) => unknown): AllDocs => {
  const allDocs = db.allDocs.bind(db) as AllDocs;
  (db as unknown as { allDocs: unknown }).allDocs = (options: AllDocsOptions) => wrap(options, allDocs);
  return allDocs;
};
