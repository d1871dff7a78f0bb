/** DHIS2's metadata changes rarely: kept a few minutes, so that comparing again costs DHIS2 only the values. */
export const METADATA_CACHE_MS = 3 * 60_000;

/** At most this many data sets are kept; the oldest goes first. */
const MAX_ENTRIES = 50;

export class MetadataCache<T> {
  private readonly entries = new Map<string, { at: number; value: T }>();

  constructor(private readonly ttlMs = METADATA_CACHE_MS, private readonly clock: () => number = Date.now) {}

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry || this.clock() - entry.at >= this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: T): void {
    if (this.ttlMs <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { at: this.clock(), value });
    if (this.entries.size > MAX_ENTRIES) {
      this.entries.delete(this.entries.keys().next().value!);
    }
  }
}
