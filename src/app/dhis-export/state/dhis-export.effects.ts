import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Action, Store } from '@ngrx/store';
import {
  Observable,
  EMPTY,
  catchError,
  combineLatest,
  defer,
  distinctUntilChanged,
  mergeMap,
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
import { EXPORT_LANGUAGE, EXPORT_SESSION, ExportSession, NOW } from '../data-access/export-session';
import { FileSave } from '../data-access/file-save';
import { zeroRisks } from '../domain/zero-risk';
import { exportPreviewApiActions } from '../preview/export-preview.actions';
import { dhis2SendApiActions } from '../send/state/dhis2-send.actions';
import { heldDownloadActions } from '../held-download/held-download.actions';
import { HeldFile } from '../held-download/held-file';
import { MedicDb } from '../data-access/medic-db';
import { DhisExportRequest, ExportPreferences, Messages, OrgUnitPlace } from '../domain/models';
import { useMomentLocale } from '../domain/moment-locales';
import { periodChoicesIn } from '../domain/periods';
import { missingParentIds, orgUnitPlaces } from '../domain/places';
import { reportingCalendarOf } from '../domain/calendars/calendar-setting';
import { canExportDhis, configuredDataSets, monthStartDateOf, settingsLocale } from '../domain/settings';
import { baseLanguage, loadShippedMessages, messagesFromDoc } from '../domain/translate';
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
    language$ = inject(EXPORT_LANGUAGE),
  ) =>
    actions$.pipe(
      ofType(dhisExportPageActions.opened),
      // the reducer has run: 'loading' means this opening started a load
      withLatestFrom(store.select(dhisExportFeature.selectReferenceData), language$),
      filter(([, status]) => status === 'loading'),
      exhaustMap(([, , language]) =>
        referenceDataReads(db, session, now(), dhisExportApiActions.placesLoadFailed, language).pipe(
          catchError((error: unknown) =>
            of(dhisExportApiActions.referenceDataLoadFailed({ status: statusOf(error), error: messageOf(error) })),
          ),
        ),
      ),
    ),
  { functional: true },
);

/** Below this interval, returning to the tab reads nothing again. */
export const REFRESH_MIN_INTERVAL_MS = 30_000;

/**
 * When the manager returns to the tab, reads settings, translations and places again (at most
 * once per REFRESH_MIN_INTERVAL_MS), and the months from the clock, so a tab left open over the
 * end of a month offers the new one and preselects the month just ended. The form keeps its choices.
 */
export const refreshReferenceData = createEffect(
  (
    actions$ = inject(Actions),
    store = inject(Store),
    db = inject(MedicDb),
    session = inject(EXPORT_SESSION),
    now = inject(NOW),
    language$ = inject(EXPORT_LANGUAGE),
  ) => {
    let lastRead = now().getTime();
    return actions$.pipe(
      ofType(dhisExportPageActions.opened, dhisExportPageActions.returnedTo, dhisExportPageActions.reloadRequested),
      withLatestFrom(store.select(dhisExportFeature.selectReferenceData), language$),
      filter(([action, status]) => {
        const at = now().getTime();
        if (action.type === dhisExportPageActions.opened.type) {
          lastRead = at;
          return false;
        }
        if (action.type === dhisExportPageActions.reloadRequested.type && status === 'loaded') {
          lastRead = at;
          return true;
        }
        if (status !== 'loaded' || at - lastRead < REFRESH_MIN_INTERVAL_MS) return false;
        lastRead = at;
        return true;
      }),
      exhaustMap(([, , language]) =>
        // places that cannot be read again: those offered stay
        referenceDataReads(db, session, now(), dhisExportApiActions.referenceDataRefreshFailed, language).pipe(
          catchError((error: unknown) =>
            of(
              statusOf(error) === 401
                ? dhisExportApiActions.referenceDataLoadFailed({ status: 401, error: messageOf(error) })
                : dhisExportApiActions.referenceDataRefreshFailed({ status: statusOf(error), error: messageOf(error) }),
            ),
          ),
        ),
      ),
    );
  },
  { functional: true },
);

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

/** Runs one export at a time (a second click while one runs is ignored) and saves the file it produces. */
export const exportDhis = createEffect(
  (actions$ = inject(Actions), api = inject(DhisExportApi), files = inject(FileSave), store = inject(Store), held = inject(HeldFile)) =>
    actions$.pipe(
      ofType(dhisExportPageActions.downloadRequested),
      withLatestFrom(store.select(dhisExportFeature.selectPeriodsByDataSet)),
      exhaustMap(([{ request }, periods]) =>
        from(api.export(request)).pipe(
          map((file): Action => {
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


/**
 * The reads of one load, as actions in the order their answers arrive: the settings (with the
 * user's roles) and the places start together; the translations start as soon as the settings
 * name their locale. A failed read of settings or translations, or an expired session on any
 * read, errors the whole stream, which drops whatever is still pending.
 */
export function referenceDataReads(
  db: MedicDb,
  session: ExportSession,
  now: Date,
  placesFailed: (failure: { status: number; error: string }) => Action = dhisExportApiActions.placesLoadFailed,
  language: string | null = null,
): Observable<Action> {
  const settings$ = defer(() => Promise.all([db.getSettings(), session.roles()])).pipe(
    switchMap(([settings, roles]) => {
      const locale = language ?? settingsLocale(settings);
      // the months are named once moment speaks the language
      const choices = useMomentLocale(locale).then(() => periodChoicesIn(reportingCalendarOf(settings), now, monthStartDateOf(settings)));
      return from(choices).pipe(map((periodChoices) => ({ settings, roles, locale, periodChoices })));
    }),
    map(({ settings, roles, locale, periodChoices }): DhisSettingsData => {
      return {
        locale,
        dataSets: configuredDataSets(settings),
        permitted: canExportDhis(roles, settings.permissions),
        periodChoices,
      };
    }),
    share(),
  );
  const translations$ = settings$.pipe(
    switchMap(({ locale }) => translationsIn(db, locale)),
    map((texts) => dhisExportApiActions.translationsLoaded(texts)),
  );
  const places$ = defer(() => placesWithParents(db)).pipe(
    map((places) => dhisExportApiActions.placesLoaded({ places })),
    catchError((error: unknown) =>
      statusOf(error) === 401
        ? throwError(() => error)
        : of(placesFailed({ status: statusOf(error), error: messageOf(error) })),
    ),
  );
  return merge(settings$.pipe(map((settings) => dhisExportApiActions.settingsLoaded({ settings }))), translations$, places$);
}

/** The mapped places, with their parents' names; without them when the parents cannot be read. */
async function placesWithParents(db: MedicDb): Promise<OrgUnitPlace[]> {
  const docs = await db.getPlacesWithOrgUnits();
  const parents = await db.getDocs(missingParentIds(docs)).catch(() => []);
  return orgUnitPlaces(docs, parents);
}

/** The database's texts in the language, and in English for what it lacks. */
async function translationsIn(db: MedicDb, locale: string): Promise<{ messages: Messages; englishMessages: Messages; shippedMessages: Messages }> {
  const english = baseLanguage(locale) === 'en';
  const [doc, englishDoc, shippedMessages] = await Promise.all([
    db.getTranslations(locale),
    english ? null : db.getTranslations('en'),
    loadShippedMessages(locale),
  ]);
  return { messages: messagesFromDoc(doc), englishMessages: english ? {} : messagesFromDoc(englishDoc), shippedMessages };
}

/**
 * When the host's user changes language, the page speaks it: the database's texts and the month
 * names in it. Before the page has loaded, the load itself takes the language.
 */
export const followLanguage = createEffect(
  (store = inject(Store), db = inject(MedicDb), language$ = inject(EXPORT_LANGUAGE), now = inject(NOW)) =>
    combineLatest([language$, store.select(dhisExportFeature.selectReferenceData), store.select(dhisExportFeature.selectLocale)]).pipe(
      filter(([language, status, locale]) => !!language && status === 'loaded' && language !== locale),
      map(([language]) => language as string),
      distinctUntilChanged(),
      switchMap((language) =>
        from(
          Promise.all([translationsIn(db, language), db.getSettings(), useMomentLocale(language)]).then(async ([texts, settings]) => ({
            texts,
            choices: await periodChoicesIn(reportingCalendarOf(settings), now(), monthStartDateOf(settings)),
          })),
        ).pipe(
          mergeMap(({ texts, choices }) => [
            dhisExportApiActions.languageChanged({ locale: language, ...texts }),
            dhisExportApiActions.periodsRelabelled({ periodChoices: choices }),
          ]),
          catchError(() => EMPTY),
        ),
      ),
    ),
  { functional: true },
);

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

export const dhisExportEffects = {
  loadReferenceData,
  refreshReferenceData,
  followLanguage,
  retryExport,
  restorePreferences,
  rememberPreferences,
  exportDhis,
  returnToLoginWhenSessionExpired,
};
