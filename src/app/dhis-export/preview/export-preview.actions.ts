import { createActionGroup, emptyProps, props } from '@ngrx/store';
import { DhisExportRequest } from '../domain/models';
import { ExportPreview, PreviewProgress } from './preview-models';

export const exportPreviewPageActions = createActionGroup({
  source: 'DHIS Export Preview',
  events: {
    /** A second request replaces the first, which is aborted. */
    'Preview Requested': props<{ request: DhisExportRequest }>(),
    'Preview Closed': emptyProps(),
  },
});

export const exportPreviewApiActions = createActionGroup({
  source: 'DHIS Export Preview API',
  events: {
    'Preview Progressed': props<{ progress: PreviewProgress }>(),
    'Preview Loaded': props<{ preview: ExportPreview }>(),
    /** `status` 0: network failure. `error`: the server's message, when it gave one. */
    'Preview Failed': props<{ status: number; error: string | null }>(),
  },
});
