import type { Response } from 'express';
import { sendCouchError } from './embedded-couch-guard';

/** Rows or changes read from the database at a time while an answer streams. */
export const STREAM_PAGE = 500;

/**
 * Writes a large answer of the embedded database (`_all_docs`, `_changes`) as it is read, a page at
 * a time, waiting for the client to take each: express-pouchdb builds the whole answer first, and
 * one `_all_docs` of a month's 100,000 target docs with their docs held hundreds of MB.
 */
export class StreamedAnswer {
  private started = false;
  private first = true;
  private gone = false;

  constructor(private readonly res: Response) {
    res.on('close', () => {
      this.gone = true;
    });
  }

  /** The client went away: stop reading. */
  get closed(): boolean {
    return this.gone || this.res.destroyed;
  }

  /** The answer's opening, e.g. `{"total_rows":3,"offset":0,"rows":[`. */
  head(text: string) {
    this.res.status(200).set({ 'Content-Type': 'application/json', 'Cache-Control': 'must-revalidate' });
    this.started = true;
    this.res.write(text);
  }

  /** Items of the answer's array, separated as CouchDB separates them. */
  async items(items: readonly unknown[]) {
    let text = '';
    for (const item of items) {
      text += `${this.first ? '\r\n' : ',\r\n'}${JSON.stringify(item)}`;
      this.first = false;
    }
    if (text !== '' && !this.res.write(text) && !this.closed) {
      await new Promise<void>(resolve => {
        const done = () => {
          this.res.off('drain', done);
          this.res.off('close', done);
          resolve();
        };
        this.res.on('drain', done);
        this.res.on('close', done);
      });
    }
  }

  end(tail: string) {
    if (!this.closed) {
      this.res.end(`${this.first ? '' : '\r\n'}${tail}`);
    }
  }

  /**
   * A read failed: a CouchDB error if nothing was sent yet (the database's own 4xx, else 503);
   * once rows went out, the answer is cut, as CouchDB cuts it, so no client takes it as whole.
   */
  fail(error: unknown) {
    if (this.closed) {
      return;
    }
    if (this.started) {
      this.res.destroy();
      return;
    }
    const { status, name, message } = error as { status?: number; name?: string; message?: string };
    const clientError = typeof status === 'number' && status >= 400 && status < 500;
    sendCouchError(res503(this.res, clientError), clientError ? status : 503, clientError ? name ?? 'bad_request' : 'service_unavailable',
      clientError ? message ?? 'The request was refused.' : 'The database could not be read; try again.');
  }
}

const res503 = (res: Response, clientError: boolean) => (clientError ? res : res.set('Retry-After', '5'));
