import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, map, of, switchMap } from 'rxjs';
import { DhisExportError } from '../data-access/dhis-export-api';
import { exportPreviewApiActions, exportPreviewPageActions } from './export-preview.actions';
import { ExportPreviewApi } from './export-preview-api';

/** Each request replaces the one in flight (switchMap unsubscribes, which aborts its fetch). */
export const previewExport = createEffect(
  (actions$ = inject(Actions), api = inject(ExportPreviewApi)) =>
    actions$.pipe(
      ofType(exportPreviewPageActions.previewRequested, exportPreviewPageActions.previewClosed),
      switchMap((action) =>
        action.type === exportPreviewPageActions.previewClosed.type
          ? of()
          : api.preview(action.request).pipe(
              map((event) => {
                if ('preview' in event) return exportPreviewApiActions.previewLoaded({ preview: event.preview });
                if ('indexBuilding' in event) return exportPreviewApiActions.previewWaitingForIndex({ building: event.indexBuilding });
                return exportPreviewApiActions.previewProgressed({ progress: event.progress });
              }),
              catchError((error: unknown) =>
                of(
                  error instanceof DhisExportError
                    ? exportPreviewApiActions.previewFailed({ status: error.status, error: error.serverMessage })
                    : exportPreviewApiActions.previewFailed({ status: 0, error: null }),
                ),
              ),
            ),
      ),
    ),
  { functional: true },
);

export const exportPreviewEffects = { previewExport };
