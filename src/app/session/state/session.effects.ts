import { DOCUMENT, inject } from '@angular/core';
import { Router } from '@angular/router';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { catchError, exhaustMap, filter, from, map, of, tap, withLatestFrom } from 'rxjs';
import { safeReturnUrl } from '../return-url';
import { LoginRefusedError, SessionApi } from '../session-api';
import {
  authGuardActions,
  headerActions,
  loginPageActions,
  sessionApiActions,
  sessionExpiryActions,
} from './session.actions';
import { sessionFeature } from './session.feature';

export const HOME_URL = '/admin/export/dhis';

/** Asks `/_session` who is logged in, once per page load. */
export const checkSession = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(SessionApi)) =>
    actions$.pipe(
      ofType(authGuardActions.sessionNeeded),
      withLatestFrom(store.select(sessionFeature.selectStatus)),
      filter(([, status]) => status === 'checking'),
      exhaustMap(() =>
        from(api.current()).pipe(
          map((user) => sessionApiActions.sessionLoaded({ user })),
          catchError((error: unknown) => of(sessionApiActions.sessionLoadFailed({ error: String(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const login = createEffect(
  (actions$ = inject(Actions), api = inject(SessionApi)) =>
    actions$.pipe(
      ofType(loginPageActions.loginSubmitted),
      exhaustMap(({ name, password, returnUrl }) =>
        from(api.login(name, password)).pipe(
          map((user) => sessionApiActions.loginSucceeded({ user, returnUrl })),
          catchError((error: unknown) =>
            of(sessionApiActions.loginFailed({ refused: error instanceof LoginRefusedError })),
          ),
        ),
      ),
    ),
  { functional: true },
);

export const returnAfterLogin = createEffect(
  (actions$ = inject(Actions), router = inject(Router)) =>
    actions$.pipe(
      ofType(sessionApiActions.loginSucceeded),
      // the page's heading takes focus there, so a screen reader user hears where they are
      tap(({ returnUrl }) => void router.navigateByUrl(safeReturnUrl(returnUrl, HOME_URL), { state: { focusHeading: true } })),
    ),
  { functional: true, dispatch: false },
);

export const logout = createEffect(
  (actions$ = inject(Actions), api = inject(SessionApi)) =>
    actions$.pipe(
      ofType(headerActions.logoutClicked),
      exhaustMap(() =>
        from(api.logout()).pipe(
          map(() => sessionApiActions.loggedOut()),
          // the cookie may be gone already; the login page asks the server again anyway
          catchError(() => of(sessionApiActions.loggedOut())),
        ),
      ),
    ),
  { functional: true },
);

/** A full page load clears every feature's state: the next user sees nothing of the last one's. */
export const reloadAfterLogout = createEffect(
  (actions$ = inject(Actions), document = inject(DOCUMENT)) =>
    actions$.pipe(
      ofType(sessionApiActions.loggedOut),
      tap(() => document.location.assign('/login')),
    ),
  { functional: true, dispatch: false },
);

export const loginAgainWhenExpired = createEffect(
  (actions$ = inject(Actions), router = inject(Router)) =>
    actions$.pipe(
      ofType(sessionExpiryActions.sessionExpired),
      tap(({ returnUrl }) => void router.navigate(['/login'], { queryParams: { returnUrl, reason: 'expired' } })),
    ),
  { functional: true, dispatch: false },
);

export const sessionEffects = { checkSession, login, returnAfterLogin, logout, reloadAfterLogout, loginAgainWhenExpired };
