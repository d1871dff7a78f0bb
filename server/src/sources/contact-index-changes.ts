import type { ContactDoc } from '../cht/cht-docs';
import type { OwnerLineages } from './contact-index-owners';
import type { MappedPlaces } from './contact-index-places';
import { USER_PREFIX, type IndexedUsers } from './contact-index-users';
import type { UserSettingsDoc } from './user-settings';

const BATCH_WITH_DOCS = 2000;
const BATCH_IDS_ONLY = 10_000;

/** Changes a read of the feed asks for: with their docs (`index` mode), or ids only, up to the backlog limit (`view` mode). */
export const changesBatch = (withDocs: boolean, backlogLimit: number) => (withDocs ? BATCH_WITH_DOCS : Math.min(BATCH_IDS_ONLY, backlogLimit));

/**
 * Applies a batch of the changes feed: a changed contact drops its owner's lineage; in `index`
 * mode (`withDocs`) the places and users are kept from the docs, in `view` mode a changed user
 * doc outdates the users read. True when any contact changed (target docs are not contacts).
 */
export const applyContactChanges = (
  results: readonly PouchDB.Core.ChangesResponseChange<ContactDoc>[],
  withDocs: boolean,
  { owners, places, users }: { owners: OwnerLineages; places: MappedPlaces; users: IndexedUsers },
): boolean => {
  let contactChanges = false;
  for (const change of results) {
    if (change.id.startsWith('target~')) {
      continue;
    }
    contactChanges = true;
    owners.forget(change.id);
    if (!withDocs) {
      if (change.id.startsWith(USER_PREFIX)) {
        users.outdated();
      }
      continue;
    }
    if (change.deleted || !change.doc) {
      places.remove(change.id);
      users.removed(change.id);
    } else if (change.id.startsWith(USER_PREFIX)) {
      users.changed(change.doc as UserSettingsDoc);
    } else {
      places.remember(change.doc as ContactDoc);
    }
  }
  return contactChanges;
};
