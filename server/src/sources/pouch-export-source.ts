import type { AppSettings } from '../settings/app-settings';
import type { TranslationsDoc } from '../settings/translations';
import { targetDocMonth, type CalendarMonth } from '../cht/calendar-month';
import type { PlaceDoc, TargetDoc } from '../cht/cht-docs';
import type { ContactIndex } from './contact-index';
import type { ExportSource } from './export-source';
import type { UserSettingsDoc } from './user-settings';
import type { TargetValuesView } from './target-values-view';

type Page = { rows: Array<{ id: string; doc?: TargetDoc | null }> };

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
  ) {}

  /**
   * For one export, begun now: the settings are read once (for the permission check and the
   * export), and the settings, the contacts' catch-up, the org-unit view (over a CouchDB) and the
   * month's first page of target docs are asked for at once, so the export waits about one round
   * trip and one scan, not five reads in a row.
   */
  forExport(request?: { month: CalendarMonth }): ExportSource {
    const settings = this.settings();
    const contacts = this.contacts.current();
    const month = request && targetDocMonth(request.month);
    const firstPage = month === undefined ? undefined : this.page(month, targetDocRange(month).startkey);
    // Rejections are seen by whoever awaits them; keep one nobody awaits from being reported as unhandled.
    settings.catch(() => undefined);
    firstPage?.catch(() => undefined);
    return {
      settings: () => settings,
      translations: locale => this.translations(locale),
      placesWithOrgUnits: orgUnit => contacts.places(orgUnit),
      targetDocPages: pagesOf => this.targetDocPages(pagesOf, pagesOf === month ? firstPage : undefined),
      ownerLineages: ownerIds => this.contacts.lineages(ownerIds, contacts.caughtUp),
      userSettings: () => this.userSettings(),
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
  async *targetDocPages(month: string, firstPage?: Promise<Page>): AsyncIterable<TargetDoc[]> {
    let next = firstPage ?? this.page(month, targetDocRange(month).startkey);
    for (;;) {
      const page = await next;
      const more = page.rows.length > this.pageSize;
      if (more) {
        // From the first id not yet read, never `skip` from the last one read: if that doc was
        // deleted meanwhile, a skip would pass over the next one.
        next = this.page(month, page.rows[this.pageSize].id);
        next.catch(() => undefined); // seen by the next turn; not unhandled if the reader stops first
      }
      const docs = (more ? page.rows.slice(0, this.pageSize) : page.rows).flatMap(row => (row.doc ? [row.doc as TargetDoc] : []));
      if (docs.length > 0) {
        yield docs;
      }
      if (!more) {
        return;
      }
    }
  }

  ownerLineages(ownerIds: string[]): Promise<Map<string, readonly string[]>> {
    return this.contacts.lineages(ownerIds);
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
