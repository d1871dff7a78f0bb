import { createActionGroup, emptyProps, props } from '@ngrx/store';
import { DhisExportRequest } from '../domain/models';
import { IndexBuilding } from '../domain/index-building';
import { ExportPreview, PreviewProgress } from './preview-models';

export const exportPreviewPageActions = createActionGroup({
  source: 'DHIS Export Preview',
  events: {
    /** A second request replaces the first, which is aborted. */
    'Preview Requested': props<{ request: DhisExportRequest }>(),
    /** The preview is given up ("Stop waiting" while the database builds its index): its request is aborted. */
    'Preview Closed': emptyProps(),
  },
});

export const exportPreviewApiActions = createActionGroup({
  source: 'DHIS Export Preview API',
  events: {
    /** The server waits on the database's build of an index the preview needs; the page asks again. */
    'Preview Waiting For Index': props<{ building: IndexBuilding }>(),
    'Preview Progressed': props<{ progress: PreviewProgress }>(),
    'Preview Loaded': props<{ preview: ExportPreview }>(),
    /** `status` 0: network failure. `error`: the server's message, when it gave one. */
    'Preview Failed': props<{ status: number; error: string | null }>(),
  },
});
