import { createActionGroup, emptyProps, props } from '@ngrx/store';
import { DataSetConfig, DhisExportRequest, ExportPreferences, Messages, OrgUnitPlace, SavedExport } from '../domain/models';
import { PeriodChoices, PeriodType } from '../domain/periods';
import { IndexBuilding } from '../domain/index-building';

export const dhisExportPageActions = createActionGroup({
  source: 'DHIS Export Page',
  events: {
    Opened: emptyProps(),
    /** The manager came back to the tab: the months follow the clock, and settings and places may have changed. */
    'Returned To': emptyProps(),
    /** "Try again" after a failed export: the same request once more. */
    'Retry Requested': emptyProps(),
    /** "Reload the settings": settings, translations and places read again now. */
    'Reload Requested': emptyProps(),
    /** The manager changed the data set, place, period or file options: the last result no longer describes them. */
    'Selection Changed': emptyProps(),
    'Download Requested': props<{ request: DhisExportRequest }>(),
    /** The form cannot make a request (the data set's period type is not supported): `error` says why. */
    'Download Refused': props<{ error: string }>(),
    'Preferences Changed': props<{ preferences: ExportPreferences }>(),
    /** "Stop waiting" while the database builds its index: the export is given up, nothing is saved. */
    'Index Wait Stopped': emptyProps(),
  },
});

/**
 * What the settings and the user's roles decide: the language, the data sets, the permission;
 * with the periods to offer per period type, from the settings' month start day (the effect reads
 * the clock, so the reducer stays pure).
 */
export interface DhisSettingsData {
  readonly locale: string;
  readonly dataSets: readonly DataSetConfig[];
  readonly permitted: boolean;
  readonly periodChoices: Readonly<Record<PeriodType, PeriodChoices>> | null;
}

/** Each read lands as it arrives: settings, then their locale's translations; places alongside. */
export const dhisExportApiActions = createActionGroup({
  source: 'DHIS Export API',
  events: {
    'Settings Loaded': props<{ settings: DhisSettingsData }>(),
    /** The texts in the page's language, and in English for those it lacks. */
    'Translations Loaded': props<{ messages: Messages; englishMessages: Messages; shippedMessages: Messages }>(),
    /** The host changed the user's language: the page speaks it from now on. */
    'Language Changed': props<{ locale: string; messages: Messages; englishMessages: Messages; shippedMessages: Messages }>(),
    /** The same months, named in the new language. */
    'Periods Relabelled': props<{ periodChoices: Readonly<Record<PeriodType, PeriodChoices>> }>(),
    'Places Loaded': props<{ places: readonly OrgUnitPlace[] }>(),
    /** The choices the user made earlier in this browser session. */
    'Preferences Restored': props<{ preferences: ExportPreferences }>(),
    /** Settings or translations could not be read, or the session expired: the load ends. `status`: 0 when unknown. */
    'Reference Data Load Failed': props<{ status: number; error: string }>(),
    /** Only the places could not be read; it matters to a user who may export, not to others. */
    'Places Load Failed': props<{ status: number; error: string }>(),
    /** A read after returning to the tab failed: the page keeps what it has (an expired session still leads to login). */
    'Reference Data Refresh Failed': props<{ status: number; error: string }>(),
    /** The server waits on the database's build of an index the export needs; the page asks again. */
    'Export Waiting For Index': props<{ building: IndexBuilding }>(),
    'Export Saved': props<{ saved: SavedExport }>(),
    /** `status` 0: network failure. `error`: the server's message, when it gave one. */
    'Export Failed': props<{ status: number; error: string | null }>(),
  },
});
