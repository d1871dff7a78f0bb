import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { catchError, concat, filter, map, merge, of, switchMap, withLatestFrom } from 'rxjs';
import { exportPreviewApiActions } from '../preview/export-preview.actions';
import { exportPreviewFeature } from '../preview/export-preview.feature';
import { dhis2SendPageActions } from '../send/state/dhis2-send.actions';
import { dhis2SendFeature } from '../send/state/dhis2-send.feature';
import { sameSelection, selectionOf } from './compare-selection';
import { dhis2CompareApiActions, dhis2ComparePageActions } from './dhis2-compare.actions';
import { dhis2CompareFeature } from './dhis2-compare.feature';
import { CompareError, CompareSelection, Dhis2CompareApi } from './dhis2-compare-api';

/**
 * Compares when asked, and by itself after each preview when this server sends to DHIS2 and the
 * user may check with it. A newer comparison, or another choice in the form, cancels the one in flight.
 */
export const compareWithDhis2 = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(Dhis2CompareApi)) => {
    const asked$ = actions$.pipe(
      ofType(dhis2ComparePageActions.compareRequested),
      map(({ selection }) => selection),
    );
    const afterPreview$ = actions$.pipe(
      ofType(exportPreviewApiActions.previewLoaded),
      withLatestFrom(store.select(exportPreviewFeature.selectPreviewFor), store.select(dhis2SendFeature.selectCapabilities)),
      filter(([, previewFor, capabilities]) => !!previewFor && !!capabilities?.configured && capabilities.mayDryRun),
      map(([, previewFor]) => selectionOf(previewFor!)),
    );
    const movedAway$ = actions$.pipe(
      ofType(dhis2SendPageActions.selectionChanged),
      withLatestFrom(store.select(dhis2CompareFeature.selectComparedFor)),
      filter(([{ selection }, comparedFor]) => !sameSelection(selection, comparedFor)),
      map(() => null),
    );
    return merge(asked$, afterPreview$, movedAway$).pipe(
      switchMap((selection: CompareSelection | null) =>
        selection === null
          ? of()
          : concat(
              of(dhis2CompareApiActions.comparisonStarted({ selection })),
              api.compare(selection).pipe(
                map((comparison) => dhis2CompareApiActions.comparisonLoaded({ selection, comparison })),
                catchError((error: unknown) =>
                  of(
                    dhis2CompareApiActions.comparisonFailed({
                      selection,
                      status: error instanceof CompareError ? error.status : 0,
                      error: error instanceof CompareError ? error.serverMessage : null,
                    }),
                  ),
                ),
              ),
            ),
      ),
    );
  },
  { functional: true },
);

export const dhis2CompareEffects = { compareWithDhis2 };
