import { dhisMappingsOf, lineageOf, type PlaceDoc } from './cht-docs';
import type { Log } from '../http/log';
import type { UserSettingsDoc } from './user-settings';

/** The doc types the CHT treats as contacts (`contacts_by_dhis_orgunit` emits for these). */
const CONTACT_TYPES = new Set(['contact', 'person', 'clinic', 'health_center', 'district_hospital']);
const BATCH = 2000;

interface ContactDoc {
  _id: string;
  _deleted?: boolean;
  type?: unknown;
  name?: unknown;
  dhis?: unknown;
  parent?: unknown;
}

/**
 * What the export needs to know about contacts, kept in memory and current with the changes
 * feed: each contact's lineage (owner first) and the places mapped to DHIS2 org units.
 * It replaces the CHT's per-export view query and owner fetch, so the first export after a
 * large sync does not wait for a view index, and an export reads nothing but the month's
 * target docs. Before each export it catches up with every change acknowledged so far.
 */
export class ContactIndex {
  private readonly lineages = new Map<string, readonly string[]>();
  /** Mapped places, whole: they are few, and the org-unit view is served with their docs. */
  private readonly places = new Map<string, PlaceDoc>();
  /** `user-settings` docs, slimmed to what the preview's coverage reads: one per user, kept with the feed. */
  private readonly users = new Map<string, UserSettingsDoc>();
  /** Interned ids: the same ancestor id appears in thousands of lineages. */
  private readonly ids = new Map<string, string>();
  private since: string | number = 0;
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  private feed: PouchDB.Core.Changes<object> | undefined;
  private closed = false;

  constructor(private readonly db: PouchDB.Database, private readonly log?: Log) {}

  /** Reads what is there, then follows the changes feed so the index keeps up as data arrives. */
  async start(): Promise<void> {
    await this.catchUp();
    this.feed = this.db.changes({ since: 'now', live: true, return_docs: false });
    this.feed.on('change', () => this.nudge());
    this.feed.on('error', error => this.log?.error('The changes feed stopped', error));
  }

  /**
   * Catches up in the background. The live feed alone lags a large sync: PouchDB on LevelDB
   * delivers its events only once the writes stop, so the server also nudges after each write.
   */
  nudge(): void {
    if (!this.closed) {
      void this.catchUp().catch(error => this.log?.error('Could not index contact changes', error));
    }
  }

  close(): void {
    this.closed = true;
    this.feed?.cancel();
  }

  get size() {
    return { contacts: this.lineages.size, places: this.places.size };
  }

  /**
   * Applies every change made so far. Callers during a run share the one run queued after it
   * (which sees their writes); a burst of changes costs at most two runs, not one per change.
   */
  catchUp(): Promise<void> {
    if (!this.running) {
      this.running = this.readChanges().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    this.queued ??= this.running.then(() => {
      this.queued = undefined;
      return this.catchUp();
    });
    return this.queued;
  }

  lineage(contactId: string): readonly string[] {
    return this.lineages.get(contactId) ?? [contactId];
  }

  placesWithOrgUnits(orgUnit?: string): PlaceDoc[] {
    const all = [...this.places.values()];
    return orgUnit === undefined ? all : all.filter(place => dhisMappingsOf(place).some(mapping => mapping.orgUnit === orgUnit));
  }

  private async readChanges(): Promise<void> {
    for (;;) {
      if (this.closed) {
        return;
      }
      // Docs come with the feed: reading them in sequence costs a third of fetching them by id.
      // batch_size: over HTTP, PouchDB otherwise asks for 25 changes a request.
      const changes = await this.db.changes<ContactDoc>({ since: this.since, limit: BATCH, batch_size: BATCH, include_docs: true, return_docs: true });
      for (const change of changes.results) {
        if (change.deleted || !change.doc) {
          this.forget(change.id);
        } else if (change.id.startsWith('org.couchdb.user:')) {
          this.rememberUser(change.doc as UserSettingsDoc);
        } else if (!change.id.startsWith('target~')) {
          this.remember(change.doc as ContactDoc);
        }
      }
      this.since = changes.last_seq;
      if (changes.results.length < BATCH) {
        return;
      }
    }
  }

  private remember(doc: ContactDoc) {
    if (typeof doc.type !== 'string' || !CONTACT_TYPES.has(doc.type)) {
      this.forget(doc._id);
      return;
    }
    this.lineages.set(this.intern(doc._id), lineageOf(doc).map(id => this.intern(id)));
    if (doc.dhis !== undefined && dhisMappingsOf(doc).length > 0) {
      this.places.set(doc._id, doc);
    } else {
      this.places.delete(doc._id);
    }
  }

  /** The `user-settings` docs, as the changes feed had them at the last catch-up. */
  userSettings(): UserSettingsDoc[] {
    return [...this.users.values()];
  }

  private rememberUser(doc: UserSettingsDoc) {
    if (doc.type !== 'user-settings') {
      this.users.delete(doc._id);
      return;
    }
    const { _id, type, name, fullname, contact_id, facility_id, roles, inactive } = doc;
    this.users.set(_id, { _id, type, name, fullname, contact_id, facility_id, roles, inactive });
  }

  private forget(id: string) {
    this.users.delete(id);
    this.lineages.delete(id);
    this.places.delete(id);
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
