import type { PlaceDoc } from '../cht/cht-docs';

/**
 * A CouchDB view read that does not answer soon: its index is being built (first use of the view,
 * a CHT upgrade that changed `_design/medic-admin`, the server's own install of it). The export
 * answers 503 with `Retry-After` and how far the build is, never waits for CouchDB's 60 s timeout.
 */
export class IndexBuilding extends Error {
  constructor(
    /** The design doc whose index is being built. */
    readonly designDoc: string,
    /** 0–100 from CouchDB's `_active_tasks`, when the account may read it. */
    readonly percent: number | undefined,
    readonly retryAfterSeconds: number,
  ) {
    super(`CouchDB is building the index of ${designDoc}${percent === undefined ? '' : ` (${percent} %)`}; ask again in ${retryAfterSeconds} s`);
    this.name = 'IndexBuilding';
  }
}

/** How far CouchDB's build of a design doc's index is, 0–100; undefined when it cannot be told. */
export type IndexProgress = (designDoc: string) => Promise<number | undefined>;

export interface ViewReadOptions {
  /** How long an export waits for the view before answering 503 (default 8 s). */
  waitMs?: number;
  progress?: IndexProgress;
}

const RETRY_AFTER_SECONDS = 10;

/**
 * The org-unit view's places, read so that a cold index costs a 503, not a 500: one read at a time
 * goes to CouchDB (it starts the build there, and goes on in the background while exports answer
 * 503); an export waits for it at most `waitMs`. CouchDB's own timeout of a long build (its answer
 * 500 "timeout") is taken as "still building" too.
 */
export class ViewPlacesReader {
  private pending: Promise<PlaceDoc[]> | undefined;

  constructor(
    private readonly read: () => Promise<PlaceDoc[]>,
    private readonly designDoc: string,
    private readonly options: ViewReadOptions = {},
  ) {}

  /** The places, as the view has them once current with every write acknowledged so far. */
  async places(): Promise<PlaceDoc[]> {
    const fresh = !this.pending;
    const read = (this.pending ??= this.read().finally(() => {
      if (this.pending === read) {
        this.pending = undefined;
      }
    }));
    read.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<'waited'>(resolve => {
      timer = setTimeout(() => resolve('waited'), this.options.waitMs ?? 8000);
    });
    try {
      const result = await Promise.race([read, waited]);
      if (result !== 'waited') {
        // A read begun before this export's writes may miss them: read again, now that the index is warm.
        return fresh ? result : await this.read();
      }
    } catch (error) {
      if (!isCouchTimeout(error)) {
        throw error;
      }
    } finally {
      clearTimeout(timer);
    }
    const percent = await this.options.progress?.(this.designDoc).catch(() => undefined);
    throw new IndexBuilding(this.designDoc, percent, RETRY_AFTER_SECONDS);
  }
}

const isCouchTimeout = (error: unknown) => {
  const { status, name, error: code } = error as { status?: number; name?: string; error?: string };
  return (status === 500 || status === 504) && (name === 'timeout' || code === 'timeout');
};
