import type { PlaceDoc } from '../cht/cht-docs';
import type { Log } from '../logging/log';
import { LINEAGES_SAVE_EVERY_MS, type OwnerLineages } from './contact-index-owners';
import type { MappedPlaces } from './contact-index-places';

/** Where the mapped places are saved with the sequence they are current at. */
export const PLACES_CHECKPOINT_ID = '_local/dhis-export-mapped-places';
/** 3: places only. 2 also held the user-settings docs: its places are still read, its users not. */
const CHECKPOINT_VERSION = 3;
const READABLE_CHECKPOINTS = new Set([2, CHECKPOINT_VERSION]);
const CHECKPOINT_DELAY_MS = 1000;

interface SavedPlaces {
  _id: string;
  _rev?: string;
  version: number;
  since: string | number;
  places: PlaceDoc[];
}

/** What the checkpoint saves, and whether the index still runs. */
export interface CheckpointedIndex {
  since(): string | number | undefined;
  closed(): boolean;
  places: MappedPlaces;
  owners: OwnerLineages;
  log?: Log;
}

/**
 * The embedded mode's checkpoint: the mapped places saved in a `_local` doc with the sequence they
 * are current at, so that a restart reads only the changes since; and with them, at most once a
 * minute, the owners' lineages (in their file).
 */
export class PlacesCheckpoint {
  private rev: string | undefined;
  private savedSince: string | number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();

  /** `enabled`: save the checkpoint; a saved one is read either way. */
  constructor(private readonly db: PouchDB.Database, private readonly enabled: boolean, private readonly index: CheckpointedIndex) {}

  /** The saved places and their sequence, when there is a checkpoint this version reads. */
  async read(): Promise<{ since: string | number; places: PlaceDoc[] } | undefined> {
    const saved = await this.db.get<SavedPlaces>(PLACES_CHECKPOINT_ID).catch(() => undefined);
    this.rev = saved?._rev;
    if (saved && READABLE_CHECKPOINTS.has(saved.version) && Array.isArray(saved.places) && saved.since !== undefined) {
      this.savedSince = saved.since;
      return { since: saved.since, places: saved.places };
    }
    return undefined;
  }

  schedule() {
    const { since, closed, owners } = this.index;
    const placesDue = since() !== this.savedSince;
    if (!this.enabled || closed() || this.timer || (!placesDue && !owners.changed)) {
      return;
    }
    const delay = placesDue ? CHECKPOINT_DELAY_MS : Math.max(CHECKPOINT_DELAY_MS, LINEAGES_SAVE_EVERY_MS - (Date.now() - owners.savedAt));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.save().then(() => this.schedule());
    }, delay);
    this.timer.unref();
  }

  /** Stops a save waiting for its time, and saves now. */
  close(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    return this.save(true);
  }

  /**
   * Saves the places with the sequence they are current at, one save at a time; and with them the
   * owners' lineages, when they changed, at most once a minute or when the index closes.
   */
  private save(closing = false): Promise<void> {
    this.saving = this.saving.then(async () => {
      const { places, owners, log } = this.index;
      const since = this.index.since();
      const lineagesDue = since !== undefined && owners.saveDue(since, closing);
      if (!this.enabled || since === undefined || (since === this.savedSince && !lineagesDue)) {
        return;
      }
      // Taken at once, between two batches: the places and the lineages are those as of `since`.
      const saved = places.all();
      const lineages = lineagesDue ? owners.snapshot() : undefined;
      if (lineages) {
        await owners.save(lineages, since as number);
      }
      if (since === this.savedSince) {
        return;
      }
      const doc: SavedPlaces = {
        _id: PLACES_CHECKPOINT_ID, version: CHECKPOINT_VERSION, since, places: saved,
        ...(this.rev ? { _rev: this.rev } : {}),
      };
      try {
        this.rev = (await this.db.put(doc)).rev;
        this.savedSince = since;
      } catch (error) {
        // A conflict (another process saved): take its revision; the next catch-up saves again.
        this.rev = await this.db.get<SavedPlaces>(PLACES_CHECKPOINT_ID).then(kept => kept._rev, () => undefined);
        log?.error('Could not save the mapped places', error);
      }
    });
    return this.saving;
  }
}
