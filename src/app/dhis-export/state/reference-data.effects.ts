import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { EMPTY, catchError, combineLatest, distinctUntilChanged, exhaustMap, filter, from, map, mergeMap, of, switchMap, withLatestFrom } from 'rxjs';
import { EXPORT_LANGUAGE, EXPORT_SESSION, NOW } from '../data-access/export-session';
import { MedicDb } from '../data-access/medic-db';
import { useMomentLocale } from '../domain/moment-locales';
import { periodChoicesIn } from '../domain/periods';
import { reportingCalendarOf } from '../domain/calendars/calendar-setting';
import { monthStartDateOf } from '../domain/settings';
import { dhisExportApiActions, dhisExportPageActions } from './dhis-export.actions';
import { dhisExportFeature } from './dhis-export.feature';
import { messageOf, statusOf } from './failure-of';
import { referenceDataReads, translationsIn } from './reference-data-reads';

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

export const referenceDataEffects = { loadReferenceData, refreshReferenceData, followLanguage };
