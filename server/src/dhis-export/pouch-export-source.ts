import type { AppSettings } from '../settings/app-settings';
import type { TranslationsDoc } from '../settings/translations';
import { lineageOf, type PlaceDoc, type TargetDoc } from './cht-docs';
import type { ExportSource } from './export-source';

export const ORG_UNIT_VIEW = 'medic-admin/contacts_by_dhis_orgunit';

const isNotFound = (error: unknown) => (error as { status?: number }).status === 404;

/** An export source over a PouchDB database object: LevelDB on disk, or a CouchDB through its HTTP adapter. */
export class PouchExportSource implements ExportSource {
  constructor(private readonly db: PouchDB.Database, private readonly pageSize = 2000) {}

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
    const result = await this.db.query<PlaceDoc>(ORG_UNIT_VIEW, {
      include_docs: true,
      ...(orgUnit === undefined ? {} : { key: orgUnit }),
    });
    const byId = new Map<string, PlaceDoc>();
    for (const row of result.rows) {
      if (row.doc) {
        byId.set(row.doc._id, row.doc);
      }
    }
    return [...byId.values()];
  }

  async *targetDocPages(month: string): AsyncIterable<TargetDoc[]> {
    const endkey = `target~${month}~\ufff0`;
    let startkey = `target~${month}~`;
    let skip = 0;
    for (;;) {
      const page = await this.db.allDocs<TargetDoc>({ startkey, endkey, skip, limit: this.pageSize, include_docs: true });
      const docs = page.rows.flatMap(row => (row.doc ? [row.doc as TargetDoc] : []));
      if (docs.length > 0) {
        yield docs;
      }
      if (page.rows.length < this.pageSize) {
        return;
      }
      startkey = page.rows[page.rows.length - 1].id;
      skip = 1;
    }
  }

  async ownerLineages(ownerIds: string[]): Promise<Map<string, string[]>> {
    const lineages = new Map<string, string[]>();
    if (ownerIds.length === 0) {
      return lineages;
    }
    const result = await this.db.allDocs<{ parent?: unknown }>({ keys: ownerIds, include_docs: true });
    for (const row of result.rows) {
      if ('doc' in row && row.doc) {
        lineages.set(row.id, lineageOf(row.doc));
      }
    }
    for (const id of ownerIds) {
      if (!lineages.has(id)) {
        lineages.set(id, [id]);
      }
    }
    return lineages;
  }
}
