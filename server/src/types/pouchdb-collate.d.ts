declare module 'pouchdb-collate' {
  /** CouchDB/PouchDB view collation: negative, zero or positive, like a sort comparator. */
  export function collate(a: unknown, b: unknown): number;
}
