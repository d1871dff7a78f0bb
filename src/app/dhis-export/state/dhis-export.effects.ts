import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { catchError, exhaustMap, filter, from, map, merge, of, tap, withLatestFrom } from 'rxjs';
import { DhisExportApi, DhisExportError } from '../data-access/dhis-export-api';
import { EXPORT_SESSION, ExportSession, NOW } from '../data-access/export-session';
import { FileSave } from '../data-access/file-save';
import { MedicDb } from '../data-access/medic-db';
import { monthlyPeriods } from '../domain/periods';
import { orgUnitPlaces } from '../domain/places';
import { canExportDhis, configuredDataSets, settingsLocale } from '../domain/settings';
import { messagesFromDoc } from '../domain/translate';
import { DhisReferenceData, dhisExportApiActions, dhisExportPageActions } from './dhis-export.actions';
import { dhisExportFeature } from './dhis-export.feature';

/** Reads settings, translations, places and the user's roles when the page opens the first time. */
export const loadReferenceData = createEffect(
  (
    actions$ = inject(Actions),
    store = inject(Store),
    db = inject(MedicDb),
    session = inject(EXPORT_SESSION),
    now = inject(NOW),
  ) =>
    actions$.pipe(
      ofType(dhisExportPageActions.opened),
      // the reducer has run: 'loading' means this opening started a load
      withLatestFrom(store.select(dhisExportFeature.selectReferenceData)),
      filter(([, status]) => status === 'loading'),
      exhaustMap(() =>
        from(readReferenceData(db, session, now())).pipe(
          map((data) => dhisExportApiActions.referenceDataLoaded({ data })),
          catchError((error: unknown) =>
            of(dhisExportApiActions.referenceDataLoadFailed({ status: statusOf(error), error: messageOf(error) })),
          ),
        ),
      ),
    ),
  { functional: true },
);

/** Runs one export at a time (a second click while one runs is ignored) and saves the file it produces. */
export const exportDhis = createEffect(
  (actions$ = inject(Actions), api = inject(DhisExportApi), files = inject(FileSave)) =>
    actions$.pipe(
      ofType(dhisExportPageActions.downloadRequested),
      exhaustMap(({ request }) =>
        from(api.export(request)).pipe(
          map((file) => {
            files.save(file.blob, file.filename);
            return dhisExportApiActions.exportSaved({ filename: file.filename });
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

/** A 401 means the session expired: back to login, then to this page. */
export const returnToLoginWhenSessionExpired = createEffect(
  (actions$ = inject(Actions), session = inject(EXPORT_SESSION), router = inject(Router)) =>
    merge(
      actions$.pipe(ofType(dhisExportApiActions.exportFailed)),
      actions$.pipe(ofType(dhisExportApiActions.referenceDataLoadFailed)),
    ).pipe(
      filter(({ status }) => status === 401),
      tap(() => session.expired(router.url)),
    ),
  { functional: true, dispatch: false },
);

export const dhisExportEffects = { loadReferenceData, exportDhis, returnToLoginWhenSessionExpired };

export async function readReferenceData(db: MedicDb, session: ExportSession, now: Date): Promise<DhisReferenceData> {
  // places are read alongside, but only a permitted user with data sets needs them to succeed
  const placesRead = db.getPlacesWithOrgUnits().then(
    (docs) => ({ docs }),
    (error: unknown) => ({ error }),
  );
  const [settings, roles] = await Promise.all([db.getSettings(), session.roles()]);
  const locale = settingsLocale(settings);
  const dataSets = configuredDataSets(settings);
  const permitted = canExportDhis(roles, settings.permissions);
  const [translations, places] = await Promise.all([db.getTranslations(locale), placesRead]);
  if ('error' in places && permitted && dataSets.length) throw places.error;
  const { periods, preselected } = monthlyPeriods(now);
  return {
    locale,
    messages: messagesFromDoc(translations),
    dataSets,
    places: permitted && 'docs' in places ? orgUnitPlaces(places.docs) : [],
    periods,
    preselectedPeriod: preselected,
    permitted,
  };
}

function statusOf(error: unknown): number {
  const status = error && typeof error === 'object' ? (error as { status?: unknown }).status : undefined;
  return typeof status === 'number' ? status : 0;
}

function messageOf(error: unknown): string {
  if (error && typeof error === 'object') {
    const { message, reason } = error as { message?: unknown; reason?: unknown };
    if (typeof reason === 'string' && reason) return reason;
    if (typeof message === 'string' && message) return message;
  }
  return String(error);
}
