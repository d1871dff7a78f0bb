import type { AppSettings } from '../settings/app-settings';
import type { TranslationsDoc } from '../settings/translations';
import type { PlaceDoc, TargetDoc } from './cht-docs';
import type { ContactIndex, CurrentContacts } from './contact-index';
import type { ExportSource } from './export-source';

const isNotFound = (error: unknown) => (error as { status?: number }).status === 404;

/**
 * An export source over a PouchDB database object (LevelDB on disk, or a CouchDB through its HTTP
 * adapter): settings, translations and the month's target docs from the database; owners' lineages
 * and mapped places through the contact index that follows its changes.
 */
export class PouchExportSource implements ExportSource {
  /**
   * Over a CouchDB: taken when the latest export began, so also after every earlier one began, and
   * current enough for all of them. Embedded, each read catches up itself (in process, no round trip).
   */
  private latest: CurrentContacts | undefined;

  constructor(
    private readonly db: PouchDB.Database,
    private readonly contacts: ContactIndex,
    private readonly pageSize = 1000,
  ) {}

  /** Begins an export: the contacts' catch-up (and over a CouchDB the org-unit view) start with the settings read. */
  async settings(): Promise<AppSettings> {
    if (this.contacts.readsOverHttp) {
      this.latest = this.contacts.current();
    }
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
    return (this.latest ?? this.contacts.current()).places(orgUnit);
  }

  async *targetDocPages(month: string): AsyncIterable<TargetDoc[]> {
    const endkey = `target~${month}~\ufff0`;
    let startkey = `target~${month}~`;
    for (;;) {
      const page = await this.db.allDocs<TargetDoc>({ startkey, endkey, limit: this.pageSize, include_docs: true });
      const docs = page.rows.flatMap(row => (row.doc ? [row.doc as TargetDoc] : []));
      if (docs.length > 0) {
        yield docs;
      }
      if (page.rows.length < this.pageSize) {
        return;
      }
      // Just after the last id, never `skip: 1` from it: if that doc was deleted meanwhile, the skip would
      // pass over the next one. `_all_docs` orders ids by their bytes, not by collation: nothing sorts between id and id + '\u0000'.
      startkey = `${page.rows[page.rows.length - 1].id}\u0000`;
    }
  }

  ownerLineages(ownerIds: string[]): Promise<Map<string, readonly string[]>> {
    return this.contacts.lineages(ownerIds, this.latest?.caughtUp);
  }
}
