import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Action, Store } from '@ngrx/store';
import { Observable, catchError, exhaustMap, filter, map, of, takeUntil, withLatestFrom } from 'rxjs';
import { DhisExportApi, DhisExportError, DhisExportFile } from '../data-access/dhis-export-api';
import { IndexBuilding } from '../domain/index-building';
import { FileSave } from '../data-access/file-save';
import { zeroRisks } from '../domain/zero-risk';
import { heldDownloadActions } from '../held-download/held-download.actions';
import { HeldFile } from '../held-download/held-file';
import { DhisExportRequest } from '../domain/models';
import { dhisExportApiActions, dhisExportPageActions } from './dhis-export.actions';
import { dhisExportFeature } from './dhis-export.feature';
import { messageOf } from './failure-of';

/** "Try again": the last export asked for, once more. */
export const retryExport = createEffect(
  (actions$ = inject(Actions), store = inject(Store)) =>
    actions$.pipe(
      ofType(dhisExportPageActions.retryRequested),
      withLatestFrom(store.select(dhisExportFeature.selectLastRequest)),
      map(([, request]) => request),
      filter((request): request is DhisExportRequest => request !== null),
      map((request) => dhisExportPageActions.downloadRequested({ request })),
    ),
  { functional: true },
);

/**
 * Runs one export at a time (a second click while one runs is ignored) and saves the file it produces.
 * While the database builds an index the export needs, says how far it is; "Stop waiting" aborts it.
 */
export const exportDhis = createEffect(
  (actions$ = inject(Actions), api = inject(DhisExportApi), files = inject(FileSave), store = inject(Store), held = inject(HeldFile)) =>
    actions$.pipe(
      ofType(dhisExportPageActions.downloadRequested),
      withLatestFrom(store.select(dhisExportFeature.selectPeriodsByDataSet)),
      exhaustMap(([{ request }, periods]) =>
        fileOnceIndexed(api, request).pipe(
          takeUntil(actions$.pipe(ofType(dhisExportPageActions.indexWaitStopped))),
          map((file): Action => {
            if ('building' in file) return dhisExportApiActions.exportWaitingForIndex(file);
            // a file of zeros, or of a period under way, waits for a second choice
            const choices = periods.get(request.dataSet);
            const inProgress = !!choices && 'periods' in choices && choices.periods[0]?.value === request.period;
            const counts = file.counts;
            // a spreadsheet with names is read, not imported: nothing of DHIS2's to overwrite
            const risks = request.format === 'sheet' ? [] : zeroRisks({ values: counts?.values ?? 0, zeros: counts?.zeros ?? null, inProgress });
            if (risks.length > 0) {
              held.keep(file, request);
              return heldDownloadActions.held({ request, counts, risks });
            }
            files.save(file.blob, file.filename);
            return dhisExportApiActions.exportSaved({ saved: { filename: file.filename, request, counts: file.counts } });
          }),
          catchError((error: unknown) =>
            of(
              error instanceof DhisExportError
                ? dhisExportApiActions.exportFailed({ status: error.status, error: error.serverMessage })
                : dhisExportApiActions.exportFailed({ status: 0, error: messageOf(error) }),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

/** The file, after what the server says of the database's index build while it waits on it; unsubscribing aborts. */
function fileOnceIndexed(api: DhisExportApi, request: DhisExportRequest): Observable<DhisExportFile | { building: IndexBuilding }> {
  return new Observable((subscriber) => {
    const controller = new AbortController();
    api.export(request, (building) => subscriber.next({ building }), controller.signal).then(
      (file) => {
        subscriber.next(file);
        subscriber.complete();
      },
      (error: unknown) => subscriber.error(error),
    );
    return () => controller.abort();
  });
}

export const exportEffects = { retryExport, exportDhis };
