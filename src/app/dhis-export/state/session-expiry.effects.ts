import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { filter, merge, tap } from 'rxjs';
import { EXPORT_SESSION } from '../data-access/export-session';
import { exportPreviewApiActions } from '../preview/export-preview.actions';
import { dhis2SendApiActions } from '../send/state/dhis2-send.actions';
import { dhisExportApiActions } from './dhis-export.actions';

/** A 401 means the session expired, whichever step met it (download, preview, dry run, send): back to login, then to this page. */
export const returnToLoginWhenSessionExpired = createEffect(
  (actions$ = inject(Actions), session = inject(EXPORT_SESSION), router = inject(Router)) =>
    merge(
      actions$.pipe(ofType(dhisExportApiActions.exportFailed)),
      actions$.pipe(ofType(dhisExportApiActions.referenceDataLoadFailed)),
      actions$.pipe(ofType(exportPreviewApiActions.previewFailed)),
      actions$.pipe(ofType(dhis2SendApiActions.answerFailed)),
    ).pipe(
      filter(({ status }) => status === 401),
      tap(() => session.expired(router.url)),
    ),
  { functional: true, dispatch: false },
);
