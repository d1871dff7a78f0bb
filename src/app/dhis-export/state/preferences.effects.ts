import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { filter, map, tap } from 'rxjs';
import { ExportPreferencesStore } from '../data-access/export-preferences';
import { ExportPreferences } from '../domain/models';
import { dhisExportApiActions, dhisExportPageActions } from './dhis-export.actions';

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

export const preferencesEffects = { restorePreferences, rememberPreferences };
