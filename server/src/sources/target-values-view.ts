import { TARGET_VALUES_VIEW } from './design-docs';
import type { Log } from '../logging/log';
import type { TargetDoc } from '../cht/cht-docs';

/** A row of the view, as a target doc with only what the export and the preview read of one. */
type Row = { id: string; doc?: TargetDoc };
type ViewValue = [string | null, string | null, number | string | null, Array<[string, number | null]> | null];

const RETRY_BUILD_MS = 30_000;

const docOf = (id: string, value: unknown): TargetDoc => {
  const [owner, user, updated, targets] = (Array.isArray(value) ? value : []) as Partial<ViewValue>;
  return {
    _id: id,
    ...(owner != null ? { owner } : {}),
    ...(user != null ? { user } : {}),
    ...(updated != null ? { updated_date: updated } : {}),
    ...(Array.isArray(targets) ? { targets: targets.map(([targetId, total]) => ({ id: targetId, value: { total: total ?? undefined } })) } : {}),
  } as TargetDoc;
};

/**
 * With COUCH_URL, the month's target docs read as rows of `dhis-export/target_values` (their
 * numbers, not the whole docs) once CouchDB has built that view; until then, and after a read of
 * it fails, the export reads the docs by `_all_docs` as before, and the build goes on in CouchDB.
 */
export class TargetValuesView {
  private ready = false;
  private building: Promise<void> | undefined;
  private retry: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly db: PouchDB.Database, private readonly log?: Log) {}

  /** Whether reads use the view now. */
  get usable(): boolean {
    return this.ready;
  }

  /** Asks CouchDB for the view, which builds its index; reads use it once it has answered. */
  build(): void {
    if (this.building || this.closed) {
      return;
    }
    const started = Date.now();
    this.building = this.db.query(TARGET_VALUES_VIEW, { limit: 0 }).then(() => {
      this.ready = true;
      this.log?.info(`The export reads target values from ${TARGET_VALUES_VIEW} (ready after ${Date.now() - started} ms)`);
    }, error => {
      this.log?.warn(`${TARGET_VALUES_VIEW} is not ready yet (${(error as Error).message}); the export reads whole target docs meanwhile`);
      this.retry = setTimeout(() => this.build(), RETRY_BUILD_MS);
      this.retry.unref();
    }).finally(() => {
      this.building = undefined;
    });
  }

  /** Rows from `startkey` to `endkey`, `limit` of them, each with its doc made from the view's value. */
  async page(startkey: string, endkey: string, limit: number): Promise<{ rows: Row[] }> {
    try {
      const result = await this.db.query(TARGET_VALUES_VIEW, { startkey, endkey, limit });
      return { rows: result.rows.map(row => ({ id: row.id as string, doc: docOf(row.id as string, row.value) })) };
    } catch (error) {
      this.ready = false;
      this.build();
      throw error;
    }
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retry);
  }
}
