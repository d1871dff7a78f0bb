import type { AppSettings } from '../settings/app-settings';
import type { TranslationsDoc } from '../settings/translations';
import type { CalendarMonth } from '../cht/calendar-month';
import type { PlaceDoc, TargetDoc } from '../cht/cht-docs';
import type { UserSettingsDoc } from './user-settings';

/** Where the export reads from; the domain never knows whether it is LevelDB or a CouchDB over HTTP. */
export interface ExportSource {
  /**
   * A source for one export, begun now: it may read each thing once and ask for several at once
   * (given the request, the month's first page too). What it reads reflects every write
   * acknowledged before this call.
   */
  forExport?(request?: { month: CalendarMonth }): ExportSource;
  /** The export begun by `forExport` is over: what it asked for ahead and did not read is given back. */
  close?(): void;
  settings(): Promise<AppSettings>;
  translations(locale: string): Promise<TranslationsDoc | undefined>;
  /** The places `contacts_by_dhis_orgunit` would give, current with every acknowledged write: all, or those mapped to one org unit. */
  placesWithOrgUnits(orgUnit?: string): Promise<PlaceDoc[]>;
  /** The month's target docs (`target~YYYY-MM~…`), a page at a time. */
  targetDocPages(month: string): AsyncIterable<TargetDoc[]>;
  /** For each owner id: the owner and its ancestors' ids, owner first (just the id when the owner is gone). */
  ownerLineages(ownerIds: string[]): Promise<Map<string, readonly string[]>>;
  /** The `user-settings` docs (`org.couchdb.user:NAME` in the medic database); only the preview reads them. */
  userSettings?(): Promise<UserSettingsDoc[]>;
}
