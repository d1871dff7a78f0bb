import type { PlaceDoc } from '../cht/cht-docs';
import type { Log } from '../logging/log';
import type { IndexProgress } from './contact-index-view';

/** Contacts as current as the moment it was taken: see `ContactIndex.current()`. */
export interface CurrentContacts {
  /** A catch-up with the changes feed, begun when this was taken. */
  caughtUp: Promise<void>;
  /** The places mapped to org units: all, or those mapped to one org unit. */
  places(orgUnit?: string): Promise<PlaceDoc[]>;
}

export interface ContactIndexOptions {
  log?: Log;
  /**
   * Where the places mapped to org units come from.
   * - `index` (embedded): kept here from the changes feed, with each doc, and saved with their sequence
   *   (`checkpoint`), so that a restart reads only the changes since.
   * - `view`: the view `contacts_by_dhis_orgunit`, which a CouchDB (a CHT's own) keeps current; the
   *   changes feed is then read without docs, only to know which owners changed.
   */
  places?: 'index' | 'view';
  /** In `index` mode: save the mapped places and their sequence in a `_local` doc. */
  checkpoint?: boolean;
  /** With `checkpoint`: a file where the owners' lineages are saved too, for the first export after a restart. */
  lineagesFile?: string;
  /**
   * In `view` mode: when more changes than this wait to be read, forget every owner and go on from
   * the current sequence rather than read them all (default 50,000).
   */
  backlogLimit?: number;
  /**
   * After the start, read the health workers' lineages (the contacts of the user-settings docs: they
   * own the target docs) in the background, so that the first export after a restart does not fetch
   * them all; an export that comes first stops it.
   */
  warmUp?: boolean;
  /** In `view` mode: how long an export waits for the view before it answers 503 (its index is being built). */
  viewWaitMs?: number;
  /** In `view` mode: how far CouchDB's build of a design doc's index is, for that 503. */
  indexProgress?: IndexProgress;
}
