import { isContact, lineageOf, type ContactDoc } from '../cht/cht-docs';
import type { Log } from '../logging/log';
import { readLineages, saveLineages } from './contact-index-lineages';
import type { UserSettingsDoc } from './user-settings';

/** Owners a read asks for by key. */
const OWNERS_PER_READ = 2000;
/** The owners' lineages are saved with the checkpoint at most this often (and when the index closes). */
export const LINEAGES_SAVE_EVERY_MS = 60_000;
/** Saved lineages this many changes older than the places are not read: replaying them would cost more. */
const LINEAGES_MAX_LAG = 50_000;

/**
 * The lineages of the target docs' owners (the health workers): fetched by key when an export
 * first meets them, as the CHT does, kept until the changes feed says the owner changed, and saved
 * to a file with the checkpoint for the first export after a restart.
 */
export class OwnerLineages {
  private readonly owners = new Map<string, readonly string[]>();
  /** Interned ids: the same ancestor id appears in many owners' lineages. */
  private readonly ids = new Map<string, string>();
  /** Counts the batches of changes to contacts read: a lookup by key that overlapped one caches nothing. */
  private contactChangesRead = 0;
  /** Owners were read or dropped since the lineages were last saved. */
  changed = false;
  savedAt = 0;
  /** The lineages were read from the file at start. */
  loaded = false;

  constructor(private readonly db: PouchDB.Database, private readonly file: string | undefined, private readonly log?: Log) {}

  get size() {
    return this.owners.size;
  }

  /** The lineages known of these owners, and the owners not known. */
  known(ownerIds: readonly string[]): { found: Map<string, readonly string[]>; missing: string[] } {
    const found = new Map<string, readonly string[]>();
    const missing: string[] = [];
    for (const id of ownerIds) {
      const lineage = this.owners.get(id);
      if (lineage) {
        found.set(id, lineage);
      } else {
        missing.push(id);
      }
    }
    return { found, missing };
  }

  /** The users' contacts (who own their target docs) whose lineages are not known. */
  unknownContactsOf(users: readonly UserSettingsDoc[]): Set<string> {
    return new Set(users.flatMap(({ contact_id: id }) => (typeof id === 'string' && id !== '' && !this.owners.has(id) ? [id] : [])));
  }

  forget(id: string) {
    this.owners.delete(id);
  }

  /** A batch of the changes feed changed contacts. */
  contactsChanged() {
    this.contactChangesRead += 1;
    this.changed = true;
  }

  /** Forgets every owner: the changes feed goes on from now. */
  clear() {
    this.owners.clear();
    this.contactChangesRead += 1;
  }

  /**
   * Reads these owners by key into `found`, a few thousand keys a read (the preview's coverage may
   * ask for 100,000 at once), while `goOn()` says so; keeps each lineage unless a catch-up ran meanwhile.
   */
  async fetch(ids: readonly string[], found: Map<string, readonly string[]>, closed: () => boolean, goOn = () => true): Promise<void> {
    for (let from = 0; from < ids.length && goOn(); from += OWNERS_PER_READ) {
      const changesReadBefore = this.contactChangesRead;
      const result = await this.db.allDocs<ContactDoc>({ keys: ids.slice(from, from + OWNERS_PER_READ), include_docs: true });
      // A catch-up that ran meanwhile may have seen a change this read missed: use the docs, keep none.
      const cache = changesReadBefore === this.contactChangesRead && !closed();
      for (const row of result.rows as Array<{ key: string; doc?: ContactDoc | null }>) {
        const doc = row.doc;
        const lineage = doc && isContact(doc) ? lineageOf(doc).map(id => this.intern(id)) : [this.intern(row.key)];
        found.set(row.key, lineage);
        if (cache) {
          this.owners.set(this.intern(row.key), lineage);
          this.changed = true;
        }
      }
    }
  }

  /** Whether the lineages are to be saved with a checkpoint at `since`. */
  saveDue(since: string | number, closing: boolean): boolean {
    return this.file !== undefined && this.changed && typeof since === 'number' &&
      (closing || Date.now() - this.savedAt >= LINEAGES_SAVE_EVERY_MS);
  }

  /** The lineages as they are now, to save with the places taken at the same moment. */
  snapshot(): (readonly string[])[] {
    return [...this.owners.values()];
  }

  async save(lineages: (readonly string[])[], since: number): Promise<void> {
    this.changed = false;
    this.savedAt = Date.now();
    await saveLineages(this.file!, lineages, since).catch(error => {
      this.changed = true;
      this.log?.error('Could not save the owners\' lineages', error);
    });
  }

  /**
   * The saved lineages, unless far behind the checkpoint: returns the sequence the changes feed goes
   * on from, the older of the two, dropping every owner changed since (places and users are read
   * again as they are now, which changes nothing); undefined when none were read.
   */
  async load(checkpointSince: string | number): Promise<number | undefined> {
    const started = Date.now();
    const saved = this.file === undefined ? undefined : await readLineages(this.file);
    if (!saved || typeof checkpointSince !== 'number' || checkpointSince - saved.since > LINEAGES_MAX_LAG) {
      return undefined;
    }
    for (const lineage of saved.lineages) {
      const ids = lineage.map(id => this.intern(id));
      this.owners.set(ids[0], ids);
    }
    this.loaded = true;
    this.savedAt = Date.now();
    this.log?.info(`Read the saved lineages of ${saved.lineages.length} owners in ${Date.now() - started} ms`);
    return Math.min(checkpointSince, saved.since);
  }

  private intern(id: string): string {
    const known = this.ids.get(id);
    if (known !== undefined) {
      return known;
    }
    this.ids.set(id, id);
    return id;
  }
}
