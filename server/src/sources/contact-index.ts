import type { ContactDoc, PlaceDoc } from '../cht/cht-docs';
import type { Log } from '../logging/log';
import { PlacesCheckpoint } from './contact-index-checkpoint';
import type { ContactIndexOptions, CurrentContacts } from './contact-index-options';
import { OwnerLineages } from './contact-index-owners';
import { MappedPlaces, mappedTo, queryViewPlaces } from './contact-index-places';
import { applyContactChanges, changesBatch } from './contact-index-changes';
import { IndexedUsers } from './contact-index-users';
import { ViewPlacesReader } from './contact-index-view';
import { ORG_UNIT_VIEW } from './design-docs';

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
  private readonly owners: OwnerLineages;
  /** Mapped places, `index` mode only. */
  private readonly places = new MappedPlaces();
  private readonly users: IndexedUsers;
  private readonly checkpoint: PlacesCheckpoint;
  private since: string | number | undefined;
  private ready: Promise<void> | undefined;
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  private feed: PouchDB.Core.Changes<object> | undefined;
  private closed = false;
  private readonly viewReader: ViewPlacesReader;
  private readonly log?: Log;
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
    const checkpoint = this.mode === 'index' && (options.checkpoint ?? false);
    this.warmUpOnStart = options.warmUp ?? false;
    this.owners = new OwnerLineages(db, checkpoint ? options.lineagesFile : undefined, this.log);
    this.users = new IndexedUsers(db, this.mode);
    this.checkpoint = new PlacesCheckpoint(db, checkpoint, {
      since: () => this.since, closed: () => this.closed, places: this.places, owners: this.owners, log: this.log,
    });
    this.viewReader = new ViewPlacesReader(() => queryViewPlaces(this.db), `_design/${ORG_UNIT_VIEW.split('/')[0]}`,
      { waitMs: options.viewWaitMs, progress: options.indexProgress });
  }

  /**
   * Finds where to follow the changes feed from (the checkpoint, or in `view` mode the current
   * sequence), and in `index` mode catches up from there and follows the live feed.
   * Resolves once the starting point is known; the catch-up goes on in the background.
   */
  async start(): Promise<{ caughtUp: Promise<void> }> {
    await this.startingPoint();
    if (this.warmUpOnStart && !this.owners.loaded) {
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
    await this.checkpoint.close();
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
    return mappedTo(this.places.all(), orgUnit);
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
    const all = this.viewReader.places();
    // Rejections are seen by whoever awaits; keep an unused one from being reported as unhandled.
    caughtUp.catch(() => undefined);
    all.catch(() => undefined);
    return { caughtUp, places: async orgUnit => mappedTo(await all, orgUnit) };
  }

  /**
   * For each owner: its id and its ancestors' ids, owner first (just its id when it is gone or not
   * a contact). Owners not yet known are fetched by key with their docs, as the CHT does.
   * `caughtUp`: a catch-up begun after every write to reflect (by default, one begun now).
   */
  async lineages(ownerIds: readonly string[], caughtUp: Promise<void> = this.catchUp()): Promise<Map<string, readonly string[]>> {
    this.warming = false; // an export needs the database now
    await caughtUp;
    const { found, missing } = this.owners.known(ownerIds);
    if (missing.length === 0) {
      return found;
    }
    await this.fetchLineages(missing, found);
    return found;
  }

  /**
   * The `user-settings` docs, for the preview's coverage: in `index` mode as the changes feed had
   * them at the last catch-up; in `view` mode read from the database by key range (one per user),
   * and read again only once the changes feed shows a user doc changed.
   */
  userSettings() {
    return this.users.all(() => this.catchUp());
  }

  private async fetchLineages(ids: readonly string[], found: Map<string, readonly string[]>, goOn = () => true): Promise<void> {
    await this.owners.fetch(ids, found, () => this.closed, goOn);
    this.checkpoint.schedule();
  }

  private async warmUp(): Promise<void> {
    try {
      const users = await this.userSettings();
      const contacts = this.owners.unknownContactsOf(users);
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
      const saved = await this.checkpoint.read();
      if (saved) {
        this.places.load(saved.places);
        this.users.readWhenAsked();
        this.since = saved.since;
        this.since = (await this.owners.load(saved.since)) ?? this.since;
      } else {
        this.since = 0;
        this.log?.info('No saved places: reading the whole database once to find the places mapped to DHIS2');
      }
    })();
    return this.ready;
  }

  private async readChanges(): Promise<void> {
    await this.startingPoint();
    const withDocs = this.mode === 'index';
    const batch = changesBatch(withDocs, this.backlogLimit);
    for (let read = 0; ; read += batch) {
      if (this.closed) {
        return;
      }
      if (!withDocs && read >= this.backlogLimit) {
        // A long backlog (no export for a long time on a busy CouchDB): forgetting every owner and
        // starting from now costs one owner fetch at the next export, not the rest of the backlog.
        const now = (await this.db.info()).update_seq;
        this.owners.clear();
        this.users.outdated();
        this.since = now;
        break;
      }
      // Docs come with the feed: reading them in sequence costs a third of fetching them by id.
      // batch_size: over HTTP, PouchDB otherwise asks for 25 changes a request.
      const changes = await this.db.changes<ContactDoc>({
        since: this.since, limit: batch, batch_size: batch, include_docs: withDocs, return_docs: true,
      });
      if (applyContactChanges(changes.results, withDocs, { owners: this.owners, places: this.places, users: this.users })) {
        this.owners.contactsChanged();
      }
      this.since = changes.last_seq;
      if (changes.results.length < batch) {
        break;
      }
    }
    this.checkpoint.schedule();
  }
}
