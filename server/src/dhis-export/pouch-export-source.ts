import type { AppSettings } from '../settings/app-settings';
import type { TranslationsDoc } from '../settings/translations';
import type { PlaceDoc, TargetDoc } from './cht-docs';
import type { ContactIndex } from './contact-index';
import type { ExportSource } from './export-source';

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
  ) {}

  /**
   * For one export, begun now: the settings are read once (for the permission check and the
   * export), and the contacts' catch-up, the org-unit view (over a CouchDB) and the settings are
   * asked for at once, so the export waits one round trip before its scan, not three in a row.
   */
  forExport(): ExportSource {
    const settings = this.settings();
    const contacts = this.contacts.current();
    // Rejections are seen by whoever awaits them; keep one nobody awaits from being reported as unhandled.
    settings.catch(() => undefined);
    return {
      settings: () => settings,
      translations: locale => this.translations(locale),
      placesWithOrgUnits: orgUnit => contacts.places(orgUnit),
      targetDocPages: month => this.targetDocPages(month),
      ownerLineages: ownerIds => this.contacts.lineages(ownerIds, contacts.caughtUp),
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
    return this.contacts.lineages(ownerIds);
  }
}
