import { createFeature, createReducer, on } from '@ngrx/store';
import { DhisExportRequest, ExportCounts } from '../domain/models';
import { ZeroRisk } from '../domain/zero-risk';
import { dhisExportPageActions } from '../state/dhis-export.actions';
import { heldDownloadActions } from './held-download.actions';

export interface HeldDownloadState {
  readonly held: { readonly request: DhisExportRequest; readonly counts: ExportCounts | null; readonly risks: readonly ZeroRisk[] } | null;
  /** The manager chose not to download it: said once, until the next choice. */
  readonly dropped: boolean;
}

const initialState: HeldDownloadState = { held: null, dropped: false };

export const heldDownloadFeature = createFeature({
  name: 'dhisExportHeldDownload',
  reducer: createReducer(
    initialState,
    on(heldDownloadActions.held, (_state, { request, counts, risks }): HeldDownloadState => ({ held: { request, counts, risks }, dropped: false })),
    on(heldDownloadActions.confirmed, (): HeldDownloadState => initialState),
    on(heldDownloadActions.dropped, (): HeldDownloadState => ({ held: null, dropped: true })),
    on(dhisExportPageActions.downloadRequested, dhisExportPageActions.selectionChanged, (): HeldDownloadState => initialState),
  ),
});
