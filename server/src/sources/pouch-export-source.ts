import type { AppSettings } from '../settings/app-settings';
import type { TranslationsDoc } from '../settings/translations';
import { targetDocMonth, type CalendarMonth } from '../cht/calendar-month';
import type { PlaceDoc, TargetDoc } from '../cht/cht-docs';
import type { ContactIndex } from './contact-index';
import type { ExportSource } from './export-source';
import type { UserSettingsDoc } from './user-settings';
import type { TargetValuesView } from './target-values-view';
import { PagePermits } from './page-permits';

type Page = { rows: Array<{ id: string; doc?: TargetDoc | null }> };
/** A page read under a permit, given back when its reader is done with it. */
type PermittedPage = { page: Page; release: () => void };

/** Pages of target docs in memory at once, all exports together: two exports reading ahead on two cores. */
export const PAGES_IN_MEMORY = 4;

/** The ids of a month's target docs (`target~YYYY-MM~<owner>~<user>`): the one place a month becomes a range of docs. */
export const targetDocRange = (month: string) => ({ startkey: `target~${month}~`, endkey: `target~${month}~\ufff0` });

const isNotFound = (error: unknown) => (error as { status?: number }).status === 404;

/**
 * An export source over a PouchDB database object (LevelDB on disk, or a CouchDB through its HTTP
 * adapter): settings, translations and the month's target docs from the database; owners' lineages
 * and mapped places through the contact index that follows its changes.
 */
export class PouchExportSource implements ExportSource {
  constructor(
    private readonly db: PouchDB.Database,
    private readonly contacts: ContactIndex,
    private readonly pageSize = 1000,
    /** With COUCH_URL: the month's target values as rows of a view, once CouchDB has built it. */
    private readonly targetValues?: TargetValuesView,
    private readonly permits = new PagePermits(PAGES_IN_MEMORY),
  ) {}

  /**
   * For one export, begun now: the settings are read once (for the permission check and the
   * export), and the settings, the contacts' catch-up, the org-unit view (over a CouchDB) and the
   * month's first page of target docs are asked for at once, so the export waits about one round
   * trip and one scan, not five reads in a row. The first page is asked for only when a page
   * permit is free (else the export waits its turn like any other); `close` gives it back if the
   * export ends without reading it (refused, or failed before).
   */
  forExport(request?: { month: CalendarMonth }): ExportSource {
    const settings = this.settings();
    const contacts = this.contacts.current();
    const month = request && targetDocMonth(request.month);
    let firstPage = month === undefined ? undefined : this.pageNow(month, targetDocRange(month).startkey);
    // Rejections are seen by whoever awaits them; keep one nobody awaits from being reported as unhandled.
    settings.catch(() => undefined);
    firstPage?.catch(() => undefined);
    const unread = firstPage;
    return {
      settings: () => settings,
      translations: locale => this.translations(locale),
      placesWithOrgUnits: orgUnit => contacts.places(orgUnit),
      targetDocPages: pagesOf => {
        const first = pagesOf === month ? firstPage : undefined;
        if (first) firstPage = undefined;
        return this.targetDocPages(pagesOf, first);
      },
      ownerLineages: ownerIds => this.contacts.lineages(ownerIds, contacts.caughtUp),
      userSettings: () => this.userSettings(),
      close: () => {
        unread?.then(({ release }) => release(), () => undefined);
      },
    };
  }

  async settings(): Promise<AppSettings> {
    try {
      const doc = await this.db.get<{ settings?: unknown }>('settings');
      return typeof doc.settings === 'object' && doc.settings !== null ? doc.settings as AppSettings : {};
    } catch (error) {
      if (isNotFound(error)) {
        return {};
      }
      throw error;
    }
  }

  async translations(locale: string): Promise<TranslationsDoc | undefined> {
    try {
      return await this.db.get<TranslationsDoc>(`messages-${locale}`);
    } catch (error) {
      if (isNotFound(error)) {
        return undefined;
      }
      throw error;
    }
  }

  placesWithOrgUnits(orgUnit?: string): Promise<PlaceDoc[]> {
    return this.contacts.mappedPlaces(orgUnit);
  }

  /**
   * The month's target docs a page at a time; `firstPage`: the first page, already asked for.
   * Each read asks for one doc more than a page: that doc starts the next page, so the last page
   * needs no empty read after it, and the next page is asked for before this one is summed.
   */
  async *targetDocPages(month: string, firstPage?: Promise<PermittedPage>): AsyncIterable<TargetDoc[]> {
    let next: Promise<PermittedPage> | undefined = firstPage ?? this.permittedPage(month, targetDocRange(month).startkey);
    let held: (() => void) | undefined;
    try {
      for (;;) {
        const { page, release } = await next!;
        next = undefined;
        held = release;
        const more = page.rows.length > this.pageSize;
        if (more) {
          // From the first id not yet read, never `skip` from the last one read: if that doc was
          // deleted meanwhile, a skip would pass over the next one.
          next = this.permittedPage(month, page.rows[this.pageSize].id);
          next.catch(() => undefined); // seen by the next turn; not unhandled if the reader stops first
        }
        const docs = (more ? page.rows.slice(0, this.pageSize) : page.rows).flatMap(row => (row.doc ? [row.doc as TargetDoc] : []));
        if (docs.length > 0) {
          yield docs;
        }
        release();
        held = undefined;
        if (!more) {
          return;
        }
      }
    } finally {
      held?.();
      // A next page asked for that the reader stopped before: its permit goes back once it is read.
      next?.then(({ release }) => release(), () => undefined);
    }
  }

  ownerLineages(ownerIds: string[]): Promise<Map<string, readonly string[]>> {
    return this.contacts.lineages(ownerIds);
  }

  /** A page read once a permit is free. */
  private async permittedPage(month: string, startkey: string): Promise<PermittedPage> {
    return this.readUnder(await this.permits.acquire(), month, startkey);
  }

  /** A page read at once if a permit is free, else undefined. */
  private pageNow(month: string, startkey: string): Promise<PermittedPage> | undefined {
    const release = this.permits.tryAcquire();
    return release && this.readUnder(release, month, startkey);
  }

  private async readUnder(release: () => void, month: string, startkey: string): Promise<PermittedPage> {
    try {
      return { page: await this.page(month, startkey), release };
    } catch (error) {
      release();
      throw error;
    }
  }

  private page(month: string, startkey: string): Promise<Page> {
    const { endkey } = targetDocRange(month);
    const docs = () => this.db.allDocs<TargetDoc>({ startkey, endkey, limit: this.pageSize + 1, include_docs: true });
    // The view's keys are the docs' ids: a page read from either starts the next from the other.
    return this.targetValues?.usable ? this.targetValues.page(startkey, endkey, this.pageSize + 1).catch(docs) : docs();
  }

  /** From the contact index: embedded, it follows them with the changes feed (one per user, as many as the health workers). */
  userSettings(): Promise<UserSettingsDoc[]> {
    return this.contacts.userSettings();
  }
}
