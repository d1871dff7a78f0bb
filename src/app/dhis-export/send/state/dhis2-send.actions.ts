import { createActionGroup, emptyProps, props } from '@ngrx/store';
import { DhisExportRequest } from '../../domain/models';
import { ExportLogView, SendCapabilities, SendResult } from '../dhis2-send-api';

export const dhis2SendPageActions = createActionGroup({
  source: 'DHIS2 Send/Page',
  events: {
    Opened: emptyProps(),
    'Selection Changed': props<{ selection: DhisExportRequest }>(),
    'Dry Run Requested': emptyProps(),
    'Send Requested': emptyProps(),
    'Send Confirmed': emptyProps(),
    'Send Cancelled': emptyProps(),
    /** Whether a dry run or send also registers the data set as complete for each place sent. */
    'Complete Data Set Changed': props<{ completeDataSet: boolean }>(),
  },
});

export const dhis2SendApiActions = createActionGroup({
  source: 'DHIS2 Send/API',
  events: {
    'Capabilities Loaded': props<{ capabilities: SendCapabilities }>(),
    'Capabilities Failed': emptyProps(),
    'Log Loaded': props<{ selection: DhisExportRequest; view: ExportLogView }>(),
    'Log Failed': emptyProps(),
    'Answer Received': props<{ result: SendResult }>(),
    /**
     * `status` 0: the server could not be reached; `error`: its own message, when it gave one;
     * `code` and `details`: its refusal's name and values (e.g. `send.changed` with the new numbers).
     */
    'Answer Failed': props<{ status: number; error: string | null; code?: string | null; details?: Readonly<Record<string, unknown>> }>(),
  },
});
