import { dhisMappingsOf, lineageOf, type PlaceDoc } from '../cht/cht-docs';
import { ORG_UNIT_VIEW } from './design-docs';
import type { Log } from '../logging/log';
import type { UserSettingsDoc } from './user-settings';
import { readLineages, saveLineages } from './contact-index-lineages';
import { ViewPlacesReader, type IndexProgress } from './contact-index-view';

/** The doc types the CHT treats as contacts (`contacts_by_dhis_orgunit` emits for these). */
const CONTACT_TYPES = new Set(['contact', 'person', 'clinic', 'health_center', 'district_hospital']);
const BATCH_WITH_DOCS = 2000;
const BATCH_IDS_ONLY = 10_000;
/** Where the mapped places are saved with the sequence they are current at. */
export const PLACES_CHECKPOINT_ID = '_local/dhis-export-mapped-places';
/** 3: places only. 2 also held the user-settings docs: its places are still read, its users not. */
const CHECKPOINT_VERSION = 3;
const READABLE_CHECKPOINTS = new Set([2, CHECKPOINT_VERSION]);
const CHECKPOINT_DELAY_MS = 1000;
/** The owners' lineages are saved with the checkpoint at most this often (and when the index closes). */
const LINEAGES_SAVE_EVERY_MS = 60_000;
/** Saved lineages this many changes older than the places are not read: replaying them would cost more. */
const LINEAGES_MAX_LAG = 50_000;
const USER_PREFIX = 'org.couchdb.user:';
/** User-settings docs a read asks for. */
const USERS_PAGE = 2000;
/** Owners a read asks for by key. */
const OWNERS_PER_READ = 2000;

interface ContactDoc {
  _id: string;
  _deleted?: boolean;
  type?: unknown;
  name?: unknown;
  dhis?: unknown;
  parent?: unknown;
}

interface PlacesCheckpoint {
  _id: string;
  _rev?: string;
  version: number;
  since: string | number;
  places: PlaceDoc[];
}

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

/**
 * What the export needs to know about contacts, none of it per patient or per report:
 * - the lineages of the target docs' owners (the health workers), fetched by key when an export
 *   first meets them, as the CHT does, and kept until the changes feed says the owner changed;
 * - the places mapped to DHIS2 org units (few): from the view, or in embedded mode kept here
 *   from the changes feed and saved with a checkpoint.
 * Nothing at start reads the whole database: the feed is followed from the checkpoint, or from
 * the current sequence. Before an export reads owners, it catches up with every change
 * acknowledged so far, so an export always reflects them.
 */
export class ContactIndex {
  private readonly mode: 'index' | 'view';
  private readonly owners = new Map<string, readonly string[]>();
  /** Mapped places, whole (the org-unit view is served with their docs); `index` mode only. */
  private readonly places = new Map<string, PlaceDoc>();
  /** `user-settings` docs, slimmed to what the preview's coverage reads (one per user); `index` mode only. */
  private readonly users = new Map<string, UserSettingsDoc>();
  /**
   * After a start from a checkpoint, the users are read by key range (one read, in the background);
   * the ids the changes feed updates meanwhile are noted so the read does not put back older versions.
   */
  private usersRead: Promise<void> | undefined = Promise.resolve();
  private usersChangedWhileRead: Set<string> | undefined;
  /**
   * `view` mode: the users as last read by key range, kept until the changes feed (read without
   * docs) shows a user doc changed; `usersGeneration` counts those changes, so a read that overlapped
   * one is not kept.
   */
  private viewUsers: Promise<UserSettingsDoc[]> | undefined;
  private usersGeneration = 0;
  /** Interned ids: the same ancestor id appears in many owners' lineages. */
  private readonly ids = new Map<string, string>();
  /** Counts the batches of changes to contacts read: a lookup by key that overlapped one caches nothing. */
  private contactChangesRead = 0;
  private since: string | number | undefined;
  private ready: Promise<void> | undefined;
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  private feed: PouchDB.Core.Changes<object> | undefined;
  private closed = false;
  private checkpointRev: string | undefined;
  private checkpointedSince: string | number | undefined;
  private checkpointTimer: NodeJS.Timeout | undefined;
  private checkpointing: Promise<void> = Promise.resolve();
  private readonly lineagesFile?: string;
  private readonly viewReader: ViewPlacesReader;
  private lineagesLoaded = false;
  /** Owners were read or dropped since the lineages were last saved. */
  private lineagesChanged = false;
  private lineagesSavedAt = 0;
  private readonly log?: Log;
  private readonly checkpoint: boolean;
  private readonly backlogLimit: number;
  private readonly warmUpOnStart: boolean;
  /** The background read of the health workers' lineages runs; an export's `lineages` stops it. */
  private warming = false;
  /** Settles when the warm-up has ended (read everything, or stopped). */
  warmedUp: Promise<void> = Promise.resolve();

  constructor(private readonly db: PouchDB.Database, options: ContactIndexOptions = {}) {
    this.mode = options.places ?? 'index';
    this.backlogLimit = Math.max(1, options.backlogLimit ?? 50_000);
    this.log = options.log;
    this.checkpoint = this.mode === 'index' && (options.checkpoint ?? false);
    this.warmUpOnStart = options.warmUp ?? false;
    this.lineagesFile = this.checkpoint ? options.lineagesFile : undefined;
    this.viewReader = new ViewPlacesReader(() => this.queryViewPlaces(), `_design/${ORG_UNIT_VIEW.split('/')[0]}`,
      { waitMs: options.viewWaitMs, progress: options.indexProgress });
  }

  /**
   * Finds where to follow the changes feed from (the checkpoint, or in `view` mode the current
   * sequence), and in `index` mode catches up from there and follows the live feed.
   * Resolves once the starting point is known; the catch-up goes on in the background.
   */
  async start(): Promise<{ caughtUp: Promise<void> }> {
    await this.startingPoint();
    if (this.warmUpOnStart && !this.lineagesLoaded) {
      this.warming = true;
      this.warmedUp = this.warmUp();
    }
    if (this.mode === 'view') {
      // A view CouchDB has not built yet starts building now, not at the first export.
      this.viewReader.places().catch(() => undefined);
      return { caughtUp: Promise.resolve() };
    }
    const caughtUp = this.catchUp();
    this.feed = this.db.changes({ since: 'now', live: true, return_docs: false });
    this.feed.on('change', () => this.nudge());
    this.feed.on('error', error => this.log?.error('The changes feed stopped', error));
    return { caughtUp };
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

  async close(): Promise<void> {
    this.closed = true;
    this.warming = false;
    this.feed?.cancel();
    await this.running?.catch(() => undefined);
    if (this.checkpointTimer) {
      clearTimeout(this.checkpointTimer);
      this.checkpointTimer = undefined;
    }
    await this.saveCheckpoint(true);
  }

  get size() {
    return { owners: this.owners.size, places: this.places.size };
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

  /** The mapped places as of the last catch-up (`index` mode): all, or those mapped to one org unit. */
  placesWithOrgUnits(orgUnit?: string): PlaceDoc[] {
    const all = [...this.places.values()];
    return orgUnit === undefined ? all : all.filter(place => dhisMappingsOf(place).some(mapping => mapping.orgUnit === orgUnit));
  }

  /** The mapped places, current with every write acknowledged so far. */
  mappedPlaces(orgUnit?: string): Promise<PlaceDoc[]> {
    return this.current().places(orgUnit);
  }

  /**
   * Starts what makes the contacts current with every write acknowledged until now, all at once:
   * the catch-up with the changes feed and, over a CouchDB, the org-unit view. An export takes one
   * when it begins, and reads its places and owners through it.
   */
  current(): CurrentContacts {
    const caughtUp = this.catchUp();
    if (this.mode === 'index') {
      return { caughtUp, places: async orgUnit => (await caughtUp, this.placesWithOrgUnits(orgUnit)) };
    }
    const all = this.viewPlaces();
    // Rejections are seen by whoever awaits; keep an unused one from being reported as unhandled.
    caughtUp.catch(() => undefined);
    all.catch(() => undefined);
    return {
      caughtUp,
      places: async orgUnit => {
        const places = await all;
        return orgUnit === undefined ? places : places.filter(place => dhisMappingsOf(place).some(mapping => mapping.orgUnit === orgUnit));
      },
    };
  }

  private viewPlaces(): Promise<PlaceDoc[]> {
    return this.viewReader.places();
  }

  private async queryViewPlaces(): Promise<PlaceDoc[]> {
    const result = await this.db.query<PlaceDoc>(ORG_UNIT_VIEW, { include_docs: true });
    const places = new Map<string, PlaceDoc>();
    for (const row of result.rows) {
      const doc = row.doc as PlaceDoc | undefined;
      if (doc && !places.has(doc._id)) {
        places.set(doc._id, doc);
      }
    }
    return [...places.values()];
  }

  /**
   * For each owner: its id and its ancestors' ids, owner first (just its id when it is gone or not
   * a contact). Owners not yet known are fetched by key with their docs, as the CHT does.
   * `caughtUp`: a catch-up begun after every write to reflect (by default, one begun now).
   */
  async lineages(ownerIds: readonly string[], caughtUp: Promise<void> = this.catchUp()): Promise<Map<string, readonly string[]>> {
    this.warming = false; // an export needs the database now
    await caughtUp;
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
    if (missing.length === 0) {
      return found;
    }
    await this.fetchLineages(missing, found);
    return found;
  }

  /**
   * Reads these owners by key into `found`, a few thousand keys a read (the preview's coverage may
   * ask for 100,000 at once), while `goOn()` says so; keeps each lineage unless a catch-up ran meanwhile.
   */
  private async fetchLineages(ids: readonly string[], found: Map<string, readonly string[]>, goOn = () => true): Promise<void> {
    for (let from = 0; from < ids.length && goOn(); from += OWNERS_PER_READ) {
      const changesReadBefore = this.contactChangesRead;
      const result = await this.db.allDocs<ContactDoc>({ keys: ids.slice(from, from + OWNERS_PER_READ), include_docs: true });
      // A catch-up that ran meanwhile may have seen a change this read missed: use the docs, keep none.
      const cache = changesReadBefore === this.contactChangesRead && !this.closed;
      for (const row of result.rows as Array<{ key: string; doc?: ContactDoc | null }>) {
        const doc = row.doc;
        const lineage = doc && isContact(doc) ? lineageOf(doc).map(id => this.intern(id)) : [this.intern(row.key)];
        found.set(row.key, lineage);
        if (cache) {
          this.owners.set(this.intern(row.key), lineage);
          this.lineagesChanged = true;
        }
      }
    }
    this.scheduleCheckpoint();
  }

  private async warmUp(): Promise<void> {
    try {
      const users = await this.userSettings();
      const contacts = new Set(users.flatMap(({ contact_id: id }) => (typeof id === 'string' && id !== '' && !this.owners.has(id) ? [id] : [])));
      const started = Date.now();
      await this.fetchLineages([...contacts], new Map(), () => this.warming && !this.closed);
      if (this.warming) {
        this.log?.info(`Read the lineages of ${contacts.size} health workers ahead of the first export in ${Date.now() - started} ms`);
      }
    } catch (error) {
      if (!this.closed) {
        this.log?.error('Could not read the health workers ahead of the first export', error);
      }
    } finally {
      this.warming = false;
    }
  }

  private async startingPoint(): Promise<void> {
    this.ready ??= (async () => {
      if (this.mode === 'view') {
        // Only changes from now on can make a lineage fetched from now on out of date.
        this.since = (await this.db.info()).update_seq;
        return;
      }
      const saved = await this.db.get<PlacesCheckpoint>(PLACES_CHECKPOINT_ID).catch(() => undefined);
      if (saved && READABLE_CHECKPOINTS.has(saved.version) && Array.isArray(saved.places) && saved.since !== undefined) {
        for (const place of saved.places) {
          this.places.set(place._id, place);
        }
        // The users are read by key range when the preview first asks for them, not at start.
        this.usersRead = undefined;
        this.since = saved.since;
        this.checkpointRev = saved._rev;
        this.checkpointedSince = saved.since;
        await this.loadLineages(saved.since);
      } else {
        this.since = 0;
        this.checkpointRev = saved?._rev;
        this.log?.info('No saved places: reading the whole database once to find the places mapped to DHIS2');
      }
    })();
    return this.ready;
  }

  private async readChanges(): Promise<void> {
    await this.startingPoint();
    const withDocs = this.mode === 'index';
    const batch = withDocs ? BATCH_WITH_DOCS : Math.min(BATCH_IDS_ONLY, this.backlogLimit);
    for (let read = 0; ; read += batch) {
      if (this.closed) {
        return;
      }
      if (!withDocs && read >= this.backlogLimit) {
        // A long backlog (no export for a long time on a busy CouchDB): forgetting every owner and
        // starting from now costs one owner fetch at the next export, not the rest of the backlog.
        const now = (await this.db.info()).update_seq;
        this.owners.clear();
        this.usersGeneration += 1;
        this.viewUsers = undefined;
        this.contactChangesRead += 1;
        this.since = now;
        break;
      }
      // Docs come with the feed: reading them in sequence costs a third of fetching them by id.
      // batch_size: over HTTP, PouchDB otherwise asks for 25 changes a request.
      const changes = await this.db.changes<ContactDoc>({
        since: this.since, limit: batch, batch_size: batch, include_docs: withDocs, return_docs: true,
      });
      let contactChanges = false;
      for (const change of changes.results) {
        if (change.id.startsWith('target~')) {
          continue;
        }
        contactChanges = true;
        this.owners.delete(change.id);
        if (!withDocs) {
          if (change.id.startsWith('org.couchdb.user:')) {
            this.usersGeneration += 1;
            this.viewUsers = undefined;
          }
          continue;
        }
        if (change.deleted || !change.doc) {
          this.places.delete(change.id);
          this.users.delete(change.id);
          this.usersChangedWhileRead?.add(change.id);
        } else if (change.id.startsWith('org.couchdb.user:')) {
          this.usersChangedWhileRead?.add(change.id);
          this.rememberUser(change.doc as UserSettingsDoc);
        } else {
          this.rememberPlace(change.doc as ContactDoc);
        }
      }
      if (contactChanges) {
        this.contactChangesRead += 1;
        this.lineagesChanged = true;
      }
      this.since = changes.last_seq;
      if (changes.results.length < batch) {
        break;
      }
    }
    this.scheduleCheckpoint();
  }

  private rememberPlace(doc: ContactDoc) {
    if (isContact(doc) && doc.dhis !== undefined && dhisMappingsOf(doc).length > 0) {
      this.places.set(doc._id, doc);
    } else {
      this.places.delete(doc._id);
    }
  }

  /**
   * The `user-settings` docs, for the preview's coverage: in `index` mode as the changes feed had
   * them at the last catch-up; in `view` mode read from the database by key range (one per user),
   * and read again only once the changes feed shows a user doc changed.
   */
  async userSettings(): Promise<UserSettingsDoc[]> {
    if (this.mode === 'index') {
      await this.catchUp();
      this.usersRead ??= this.readUsers();
      await this.usersRead.catch(() => (this.usersRead = this.readUsers()));
      return [...this.users.values()];
    }
    await this.catchUp();
    if (!this.viewUsers) {
      const generation = this.usersGeneration;
      const read = this.userSettingsDocs();
      this.viewUsers = read;
      read.then(
        () => this.usersGeneration !== generation && this.viewUsers === read && (this.viewUsers = undefined),
        () => this.viewUsers === read && (this.viewUsers = undefined),
      );
    }
    return this.viewUsers;
  }

  /**
   * Every `user-settings` doc, slimmed, read by key range a page at a time: one read of 100,000
   * whole docs would hold them all at once.
   */
  private async userSettingsDocs(): Promise<UserSettingsDoc[]> {
    const users: UserSettingsDoc[] = [];
    for (let startkey = USER_PREFIX; ;) {
      const { rows } = await this.db.allDocs<UserSettingsDoc>({ startkey, endkey: `${USER_PREFIX}\ufff0`, limit: USERS_PAGE + 1, include_docs: true });
      for (const row of rows.slice(0, USERS_PAGE)) {
        if (row.doc && row.doc.type === 'user-settings') {
          users.push(slimUser(row.doc));
        }
      }
      if (rows.length <= USERS_PAGE) {
        return users;
      }
      startkey = rows[USERS_PAGE].id;
    }
  }

  /**
   * The users as they are now, read by key range: the checkpoint does not hold them. Held there, they
   * made it megabytes rewritten every second of a sync, and with 30,000 users the server's native
   * memory (not its JavaScript heap) grew to 20 GB within a minute of loading.
   */
  private async readUsers(): Promise<void> {
    const changed = (this.usersChangedWhileRead = new Set());
    try {
      for (const doc of await this.userSettingsDocs()) {
        if (!changed.has(doc._id)) {
          this.rememberUser(doc);
        }
      }
    } finally {
      this.usersChangedWhileRead = undefined;
    }
  }

  private rememberUser(doc: UserSettingsDoc) {
    if (doc.type !== 'user-settings') {
      this.users.delete(doc._id);
      return;
    }
    this.users.set(doc._id, slimUser(doc));
  }

  private scheduleCheckpoint() {
    const placesDue = this.since !== this.checkpointedSince;
    if (!this.checkpoint || this.closed || this.checkpointTimer || (!placesDue && !this.lineagesChanged)) {
      return;
    }
    const delay = placesDue ? CHECKPOINT_DELAY_MS : Math.max(CHECKPOINT_DELAY_MS, LINEAGES_SAVE_EVERY_MS - (Date.now() - this.lineagesSavedAt));
    this.checkpointTimer = setTimeout(() => {
      this.checkpointTimer = undefined;
      void this.saveCheckpoint().then(() => this.scheduleCheckpoint());
    }, delay);
    this.checkpointTimer.unref();
  }

  /**
   * Saves the places with the sequence they are current at, one save at a time; and with them the
   * owners' lineages, when they changed, at most once a minute or when the index closes.
   */
  private saveCheckpoint(closing = false): Promise<void> {
    this.checkpointing = this.checkpointing.then(async () => {
      const since = this.since;
      const lineagesDue = this.lineagesFile !== undefined && this.lineagesChanged && typeof since === 'number' &&
        (closing || Date.now() - this.lineagesSavedAt >= LINEAGES_SAVE_EVERY_MS);
      if (!this.checkpoint || since === undefined || (since === this.checkpointedSince && !lineagesDue)) {
        return;
      }
      // Taken at once, between two batches: the places and the lineages are those as of `since`.
      const places = [...this.places.values()];
      const lineages = lineagesDue ? [...this.owners.values()] : undefined;
      if (lineages) {
        this.lineagesChanged = false;
        this.lineagesSavedAt = Date.now();
        await saveLineages(this.lineagesFile!, lineages, since as number).catch(error => {
          this.lineagesChanged = true;
          this.log?.error('Could not save the owners\' lineages', error);
        });
      }
      if (since === this.checkpointedSince) {
        return;
      }
      const doc: PlacesCheckpoint = {
        _id: PLACES_CHECKPOINT_ID, version: CHECKPOINT_VERSION, since, places,
        ...(this.checkpointRev ? { _rev: this.checkpointRev } : {}),
      };
      try {
        this.checkpointRev = (await this.db.put(doc)).rev;
        this.checkpointedSince = since;
      } catch (error) {
        // A conflict (another process saved): take its revision; the next catch-up saves again.
        this.checkpointRev = await this.db.get<PlacesCheckpoint>(PLACES_CHECKPOINT_ID).then(saved => saved._rev, () => undefined);
        this.log?.error('Could not save the mapped places', error);
      }
    });
    return this.checkpointing;
  }

  /**
   * The saved lineages, unless far behind the checkpoint: the changes feed then goes on from the
   * older of the two sequences, dropping every owner changed since (places and users are read
   * again as they are now, which changes nothing).
   */
  private async loadLineages(checkpointSince: string | number) {
    const started = Date.now();
    const saved = this.lineagesFile === undefined ? undefined : await readLineages(this.lineagesFile);
    if (!saved || typeof checkpointSince !== 'number' || checkpointSince - saved.since > LINEAGES_MAX_LAG) {
      return;
    }
    for (const lineage of saved.lineages) {
      const ids = lineage.map(id => this.intern(id));
      this.owners.set(ids[0], ids);
    }
    this.since = Math.min(checkpointSince, saved.since);
    this.lineagesLoaded = true;
    this.lineagesSavedAt = Date.now();
    this.log?.info(`Read the saved lineages of ${saved.lineages.length} owners in ${Date.now() - started} ms`);
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

const isContact = (doc: ContactDoc) => typeof doc.type === 'string' && CONTACT_TYPES.has(doc.type) && !doc._deleted;

/** What the preview's coverage reads of a `user-settings` doc. */
const slimUser = ({ _id, type, name, fullname, contact_id, facility_id, roles, inactive }: UserSettingsDoc): UserSettingsDoc =>
  ({ _id, type, name, fullname, contact_id, facility_id, roles, inactive });
