import { createActionGroup, emptyProps, props } from '@ngrx/store';
import { DataSetConfig, DhisExportRequest, Messages, OrgUnitPlace, Period } from '../domain/models';

export const dhisExportPageActions = createActionGroup({
  source: 'DHIS Export Page',
  events: {
    Opened: emptyProps(),
    'Download Requested': props<{ request: DhisExportRequest }>(),
  },
});

/** Everything the page reads once: settings, translations, places, the user's permission. */
export interface DhisReferenceData {
  readonly locale: string;
  readonly messages: Messages;
  readonly dataSets: readonly DataSetConfig[];
  readonly places: readonly OrgUnitPlace[];
  readonly periods: readonly Period[];
  readonly preselectedPeriod: number | null;
  readonly permitted: boolean;
}

export const dhisExportApiActions = createActionGroup({
  source: 'DHIS Export API',
  events: {
    'Reference Data Loaded': props<{ data: DhisReferenceData }>(),
    /** `status`: HTTP status of the failed read, 0 when unknown. */
    'Reference Data Load Failed': props<{ status: number; error: string }>(),
    'Export Saved': props<{ filename: string }>(),
    /** `status` 0: network failure. `error`: the server's message, when it gave one. */
    'Export Failed': props<{ status: number; error: string | null }>(),
  },
});
