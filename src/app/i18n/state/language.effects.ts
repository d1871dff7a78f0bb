import { DOCUMENT, inject } from '@angular/core';
import { Actions, ROOT_EFFECTS_INIT, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { catchError, combineLatest, distinctUntilChanged, exhaustMap, filter, from, map, merge, of, switchMap, tap } from 'rxjs';
import { sessionApiActions } from '../../session/state/session.actions';
import { CHOSEN_LANGUAGE_KEY, isRightToLeft, languageTag } from '../language';
import { TextsApi } from '../texts-api';
import { languageApiActions, languagePickerActions } from './language.actions';
import { languageFeature } from './language.feature';

const storageOf = (document: Document): Storage | null => {
  try {
    return document.defaultView?.sessionStorage ?? null;
  } catch {
    return null; // storage refused by the browser's settings
  }
};

/** The language chosen earlier in this browser session, if any. */
export const restoreChoice = createEffect(
  (actions$ = inject(Actions), document = inject(DOCUMENT)) =>
    actions$.pipe(
      ofType(ROOT_EFFECTS_INIT),
      map(() =>
        languageApiActions.choiceRestored({
          language: storageOf(document)?.getItem(CHOSEN_LANGUAGE_KEY) || null,
          browserLanguages: document.defaultView?.navigator.languages ?? [],
        }),
      ),
    ),
  { functional: true },
);

export const keepChoice = createEffect(
  (actions$ = inject(Actions), document = inject(DOCUMENT)) =>
    actions$.pipe(
      ofType(languagePickerActions.languageChosen),
      tap(({ language }) => storageOf(document)?.setItem(CHOSEN_LANGUAGE_KEY, language)),
    ),
  { functional: true, dispatch: false },
);

/**
 * The login page's and frame's texts: first in the chosen language or else the deployment's (the
 * server knows which), then again whenever the language the user reads changes.
 */
export const loadTexts = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(TextsApi)) =>
    merge(
      actions$.pipe(
        ofType(languageApiActions.choiceRestored),
        map(({ language }) => language),
      ),
      combineLatest([store.select(languageFeature.selectLanguage), store.select(languageFeature.selectMessagesLocale)]).pipe(
        filter(([language, loaded]) => loaded !== null && language !== loaded),
        map(([language]) => language),
      ),
    ).pipe(
      distinctUntilChanged(),
      switchMap((language) =>
        from(api.publicTexts(language)).pipe(
          map((texts) => languageApiActions.textsLoaded({ texts })),
          catchError(() => of(languageApiActions.textsLoadFailed())),
        ),
      ),
    ),
  { functional: true },
);

/** The user's own language, from their user-settings doc, once we know who they are. */
export const loadUserLanguage = createEffect(
  (actions$ = inject(Actions), api = inject(TextsApi)) =>
    merge(actions$.pipe(ofType(sessionApiActions.sessionLoaded)), actions$.pipe(ofType(sessionApiActions.loginSucceeded))).pipe(
      map(({ user }) => user.name),
      filter((name): name is string => !!name),
      exhaustMap((name) =>
        from(api.userLanguage(name)).pipe(
          map((language) => languageApiActions.userLanguageLoaded({ language })),
          catchError(() => of(languageApiActions.userLanguageLoaded({ language: null }))),
        ),
      ),
    ),
  { functional: true },
);

/** The page's `lang` and `dir` follow the language. */
export const applyLanguage = createEffect(
  (store = inject(Store), document = inject(DOCUMENT)) =>
    store.select(languageFeature.selectLanguage).pipe(
      distinctUntilChanged(),
      tap((language) => {
        document.documentElement.lang = languageTag(language);
        document.documentElement.dir = isRightToLeft(language) ? 'rtl' : 'ltr';
      }),
    ),
  { functional: true, dispatch: false },
);

export const languageEffects = { restoreChoice, keepChoice, loadTexts, loadUserLanguage, applyLanguage };
