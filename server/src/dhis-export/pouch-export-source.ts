import type { AppSettings } from '../settings/app-settings';
import type { TranslationsDoc } from '../settings/translations';
import type { PlaceDoc, TargetDoc } from './cht-docs';
import type { ContactIndex } from './contact-index';
import type { ExportSource } from './export-source';
import type { UserSettingsDoc } from './user-settings';

const isNotFound = (error: unknown) => (error as { status?: number }).status === 404;

/**
 * An export source over a PouchDB database object (LevelDB on disk, or a CouchDB through its HTTP
 * adapter): settings, translations and the month's target docs from the database, contacts from
 * the in-memory index that follows it.
 */
export class PouchExportSource implements ExportSource {
  constructor(
    private readonly db: PouchDB.Database,
    private readonly contacts: ContactIndex,
    private readonly pageSize = 1000,
  ) {}

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

  async placesWithOrgUnits(orgUnit?: string): Promise<PlaceDoc[]> {
    await this.contacts.catchUp();
    return this.contacts.placesWithOrgUnits(orgUnit);
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

  async ownerLineages(ownerIds: string[]): Promise<Map<string, readonly string[]>> {
    return new Map(ownerIds.map(id => [id, this.contacts.lineage(id)]));
  }

  /** From the contact index, which follows them with the changes feed: one per user, they are as many as the health workers. */
  async userSettings(): Promise<UserSettingsDoc[]> {
    await this.contacts.catchUp();
    return this.contacts.userSettings();
  }
}
