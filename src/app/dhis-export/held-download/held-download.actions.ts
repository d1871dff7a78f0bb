import { createActionGroup, emptyProps, props } from '@ngrx/store';
import { DhisExportRequest, ExportCounts } from '../domain/models';
import { ZeroRisk } from '../domain/zero-risk';

export const heldDownloadActions = createActionGroup({
  source: 'DHIS Export/Held Download',
  events: {
    /** The file is made but not saved: it would overwrite DHIS2's figures with zeros. */
    Held: props<{ request: DhisExportRequest; counts: ExportCounts | null; risks: readonly ZeroRisk[] }>(),
    /** "Download anyway": the second, explicit choice. */
    Confirmed: emptyProps(),
    /** "Do not download". */
    Dropped: emptyProps(),
  },
});
