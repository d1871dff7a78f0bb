import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Action, Store } from '@ngrx/store';
import {
  Observable,
  catchError,
  defer,
  exhaustMap,
  filter,
  from,
  map,
  merge,
  of,
  share,
  switchMap,
  tap,
  throwError,
  withLatestFrom,
} from 'rxjs';
import { DhisExportApi, DhisExportError } from '../data-access/dhis-export-api';
import { ExportPreferencesStore } from '../data-access/export-preferences';
import { EXPORT_SESSION, ExportSession, NOW } from '../data-access/export-session';
import { FileSave } from '../data-access/file-save';
import { MedicDb } from '../data-access/medic-db';
import { periodChoices } from '../domain/periods';
import { orgUnitPlaces } from '../domain/places';
import { canExportDhis, configuredDataSets, monthStartDateOf, settingsLocale } from '../domain/settings';
import { ExportPreferences } from '../domain/models';
import { messagesFromDoc } from '../domain/translate';
import { DhisSettingsData, dhisExportApiActions, dhisExportPageActions } from './dhis-export.actions';
import { dhisExportFeature } from './dhis-export.feature';

/**
 * Reads settings, translations, places and the user's roles when the page opens the first time,
 * all at once except the translations, which wait for the settings' locale.
 */
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
        referenceDataReads(db, session, now()).pipe(
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

/** The format and zeros choice made earlier in the browser session come back when the page opens. */
export const restorePreferences = createEffect(
  (actions$ = inject(Actions), preferences = inject(ExportPreferencesStore)) =>
    actions$.pipe(
      ofType(dhisExportPageActions.opened),
      map(() => preferences.read()),
      filter((saved): saved is ExportPreferences => saved !== null),
      map((saved) => dhisExportApiActions.preferencesRestored({ preferences: saved })),
    ),
  { functional: true },
);

/** Keeps the user's format and zeros choice for the browser session. */
export const rememberPreferences = createEffect(
  (actions$ = inject(Actions), preferences = inject(ExportPreferencesStore)) =>
    actions$.pipe(
      ofType(dhisExportPageActions.preferencesChanged),
      tap(({ preferences: chosen }) => preferences.save(chosen)),
    ),
  { functional: true, dispatch: false },
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

export const dhisExportEffects = {
  loadReferenceData,
  restorePreferences,
  rememberPreferences,
  exportDhis,
  returnToLoginWhenSessionExpired,
};

/**
 * The reads of one load, as actions in the order their answers arrive: the settings (with the
 * user's roles) and the places start together; the translations start as soon as the settings
 * name their locale. A failed read of settings or translations, or an expired session on any
 * read, errors the whole stream, which drops whatever is still pending.
 */
export function referenceDataReads(db: MedicDb, session: ExportSession, now: Date): Observable<Action> {
  const settings$ = defer(() => Promise.all([db.getSettings(), session.roles()])).pipe(
    map(([settings, roles]): DhisSettingsData => {
      return {
        locale: settingsLocale(settings),
        dataSets: configuredDataSets(settings),
        permitted: canExportDhis(roles, settings.permissions),
        periodChoices: periodChoices(now, monthStartDateOf(settings)),
      };
    }),
    share(),
  );
  const translations$ = settings$.pipe(
    switchMap(({ locale }) => db.getTranslations(locale)),
    map((doc) => dhisExportApiActions.translationsLoaded({ messages: messagesFromDoc(doc) })),
  );
  const places$ = defer(() => db.getPlacesWithOrgUnits()).pipe(
    map((docs) => dhisExportApiActions.placesLoaded({ places: orgUnitPlaces(docs) })),
    catchError((error: unknown) =>
      statusOf(error) === 401
        ? throwError(() => error)
        : of(dhisExportApiActions.placesLoadFailed({ status: statusOf(error), error: messageOf(error) })),
    ),
  );
  return merge(settings$.pipe(map((settings) => dhisExportApiActions.settingsLoaded({ settings }))), translations$, places$);
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
