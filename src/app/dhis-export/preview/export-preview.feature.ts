import { createFeature, createReducer, on } from '@ngrx/store';
import { DhisExportRequest } from '../domain/models';
import { ExportFailure } from '../state/dhis-export.feature';
import { exportPreviewApiActions, exportPreviewPageActions } from './export-preview.actions';
import { ExportPreview, PreviewProgress } from './preview-models';
import { IndexBuilding } from '../domain/index-building';

export type PreviewStatus = 'idle' | 'loading' | 'loaded' | 'failed';

export interface ExportPreviewState {
  readonly status: PreviewStatus;
  /** The request the preview shown (or loading) is of. */
  readonly previewFor: DhisExportRequest | null;
  readonly progress: PreviewProgress | null;
  /** The database's build of an index the preview waits on; null once the server reads. */
  readonly indexBuilding: IndexBuilding | null;
  readonly preview: ExportPreview | null;
  readonly error: ExportFailure | null;
}

export const initialExportPreviewState: ExportPreviewState = {
  status: 'idle',
  previewFor: null,
  progress: null,
  indexBuilding: null,
  preview: null,
  error: null,
};

export const exportPreviewFeature = createFeature({
  name: 'dhisExportPreview',
  reducer: createReducer(
    initialExportPreviewState,
    on(exportPreviewPageActions.previewRequested, (state, { request }): ExportPreviewState => ({
      ...state,
      status: 'loading',
      previewFor: request,
      progress: null,
      indexBuilding: null,
      error: null,
    })),
    on(exportPreviewPageActions.previewClosed, (): ExportPreviewState => initialExportPreviewState),
    on(exportPreviewApiActions.previewWaitingForIndex, (state, { building }): ExportPreviewState =>
      state.status === 'loading' ? { ...state, indexBuilding: building } : state,
    ),
    on(exportPreviewApiActions.previewProgressed, (state, { progress }): ExportPreviewState =>
      state.status === 'loading' ? { ...state, progress, indexBuilding: null } : state,
    ),
    on(exportPreviewApiActions.previewLoaded, (state, { preview }): ExportPreviewState => ({
      ...state,
      status: 'loaded',
      preview,
      progress: null,
      indexBuilding: null,
    })),
    on(exportPreviewApiActions.previewFailed, (state, { status, error }): ExportPreviewState => ({
      ...state,
      status: 'failed',
      preview: null,
      progress: null,
      indexBuilding: null,
      error: { status, error },
    })),
  ),
});
