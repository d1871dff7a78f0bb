import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { catchError, defer, distinctUntilChanged, exhaustMap, filter, map, merge, of, switchMap, withLatestFrom } from 'rxjs';
import { Dhis2SendApi, SendError } from '../dhis2-send-api';
import { dhis2SendApiActions, dhis2SendPageActions } from './dhis2-send.actions';
import { dhis2SendFeature } from './dhis2-send.feature';

/** Whether this server sends to DHIS2, and what the user may do: read once when the page opens. */
export const loadCapabilities = createEffect(
  (actions$ = inject(Actions), api = inject(Dhis2SendApi)) =>
    actions$.pipe(
      ofType(dhis2SendPageActions.opened),
      exhaustMap(() =>
        defer(() => api.capabilities()).pipe(
          map((capabilities) => dhis2SendApiActions.capabilitiesLoaded({ capabilities })),
          catchError(() => of(dhis2SendApiActions.capabilitiesFailed())),
        ),
      ),
    ),
  { functional: true },
);

/**
 * A dry run or a confirmed send of the selection; one at a time. The send carries the digest of the
 * values the confirmation counted (the log's `current`): the server sends those or nothing.
 */
export const sendToDhis2 = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(Dhis2SendApi)) =>
    actions$.pipe(
      ofType(dhis2SendPageActions.dryRunRequested, dhis2SendPageActions.sendConfirmed),
      withLatestFrom(
        store.select(dhis2SendFeature.selectSelection),
        store.select(dhis2SendFeature.selectRunning),
        store.select(dhis2SendFeature.selectLog),
        store.select(dhis2SendFeature.selectCompleteDataSet),
      ),
      // the reducer has marked the run; anything else was refused there
      filter(([, selection, running]) => selection !== null && running !== 'idle'),
      exhaustMap(([action, selection, , log, completeDataSet]) => {
        const dryRun = action.type === dhis2SendPageActions.dryRunRequested.type;
        const confirmed = log?.current;
        return defer(() => api.send(selection!, dryRun, { confirm: dryRun ? undefined : confirmed?.digest, completeDataSet })).pipe(
          map((result) => dhis2SendApiActions.answerReceived({ result })),
          catchError((error: unknown) =>
            of(
              error instanceof SendError
                ? dhis2SendApiActions.answerFailed({
                    status: error.status,
                    error: error.serverMessage,
                    code: error.code,
                    // what the user confirmed, beside what the server now holds
                    details: error.code === 'send.changed' && confirmed ? { ...error.details, confirmedValues: confirmed.values, confirmedTotal: confirmed.total } : error.details,
                  })
                : dhis2SendApiActions.answerFailed({ status: 0, error: null }),
            ),
          ),
        );
      }),
    ),
  { functional: true },
);

/** The recent records of the selection: read when it changes, when sending is known, and after each answer. */
export const loadExportLog = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(Dhis2SendApi)) =>
    merge(
      // the reducer keeps the same selection object while the choice is the same (e.g. typing in the place search)
      store.select(dhis2SendFeature.selectSelection).pipe(distinctUntilChanged()),
      actions$.pipe(ofType(dhis2SendApiActions.capabilitiesLoaded, dhis2SendApiActions.answerReceived, dhis2SendApiActions.answerFailed)),
    ).pipe(
      withLatestFrom(store.select(dhis2SendFeature.selectSelection), store.select(dhis2SendFeature.selectCapabilities)),
      filter(([, selection, capabilities]) => !!selection?.dataSet && !!selection.period && !!capabilities?.mayDryRun),
      // a newer selection cancels reading the older one's
      switchMap(([, selection]) =>
        defer(() => api.log(selection!)).pipe(
          map((view) => dhis2SendApiActions.logLoaded({ selection: selection!, view })),
          catchError(() => of(dhis2SendApiActions.logFailed())),
        ),
      ),
    ),
  { functional: true },
);

export const dhis2SendEffects = { loadCapabilities, sendToDhis2, loadExportLog };
