import { DOCUMENT, Injectable, InjectionToken, inject } from '@angular/core';
import PouchDB from 'pouchdb-browser';
import { DhisAppSettings, PlaceDoc, TranslationsDoc } from '../domain/models';

/** The few database calls this feature makes; a PouchDB database satisfies it. */
export interface MedicDatabase {
  get<T extends object>(id: string): Promise<T & { _id: string }>;
  query<T extends object>(
    view: string,
    options: { include_docs: true },
  ): Promise<{ rows: readonly { id: string; key?: unknown; doc?: T | null }[] }>;
  allDocs<T extends object>(options: {
    keys: string[];
    include_docs: true;
  }): Promise<{ rows: readonly { key: string; doc?: (T & { _id: string }) | null }[] }>;
}

export const CONTACTS_BY_DHIS_ORGUNIT = 'medic-admin/contacts_by_dhis_orgunit';

/** The CHT database `medic` on this server, read with the user's CouchDB session cookie. */
export const MEDIC_DATABASE = new InjectionToken<MedicDatabase>('CHT medic database', {
  providedIn: 'root',
  factory: () =>
    new PouchDB(`${inject(DOCUMENT).location.origin}/medic`, {
      skip_setup: true,
      fetch: (url, opts) => fetch(url, { ...opts, credentials: 'include' }),
    }) as unknown as MedicDatabase,
});

/** Reads the settings, translations and org-unit places the DHIS2 export page needs. */
@Injectable({ providedIn: 'root' })
export class MedicDb {
  private readonly db = inject(MEDIC_DATABASE);

  /** The CHT app settings: the `settings` field of the doc `settings`. */
  async getSettings(): Promise<DhisAppSettings> {
    const doc = await this.db.get<{ settings?: unknown }>('settings');
    return doc.settings && typeof doc.settings === 'object' && !Array.isArray(doc.settings) ? (doc.settings as DhisAppSettings) : {};
  }

  /** The doc `messages-<locale>`, or null when the database has none. */
  async getTranslations(locale: string): Promise<TranslationsDoc | null> {
    try {
      return await this.db.get<TranslationsDoc>(`messages-${locale}`);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /** Every contact the view `contacts_by_dhis_orgunit` lists (one row per org unit), with its doc. */
  async getPlacesWithOrgUnits(): Promise<PlaceDoc[]> {
    const result = await this.db.query<PlaceDoc>(CONTACTS_BY_DHIS_ORGUNIT, { include_docs: true });
    return result.rows.flatMap((row) => (row.doc ? [row.doc] : []));
  }

  /** The docs of these ids that exist, read by key as the CHT reads a lineage (the places' parents). */
  async getDocs(ids: readonly string[]): Promise<PlaceDoc[]> {
    if (!ids.length) return [];
    const result = await this.db.allDocs<PlaceDoc>({ keys: [...ids], include_docs: true });
    return result.rows.flatMap((row) => (row.doc ? [row.doc] : []));
  }
}

function isNotFound(error: unknown): boolean {
  return !!error && typeof error === 'object' && (error as { status?: number }).status === 404;
}
