import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { Store } from '@ngrx/store';
import { first, map } from 'rxjs';
import { safeReturnUrl } from './return-url';
import { authGuardActions } from './state/session.actions';
import { HOME_URL } from './state/session.effects';
import { sessionFeature } from './state/session.feature';

function checkedSession() {
  const store = inject(Store);
  store.dispatch(authGuardActions.sessionNeeded());
  return store.select(sessionFeature.selectSessionState).pipe(
    first(({ status }) => status === 'authenticated' || status === 'anonymous'),
  );
}

/** Logged-out users go to `/login?returnUrl=<where they wanted to go>`. */
export const authGuard: CanActivateFn = (_route, state) => {
  const router = inject(Router);
  return checkedSession().pipe(
    map(({ status }) =>
      status === 'authenticated' ? true : router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } }),
    ),
  );
};

/** The login page is for logged-out users; the others go where they were headed. */
export const guestGuard: CanActivateFn = (route) => {
  const router = inject(Router);
  return checkedSession().pipe(
    map(({ status }) =>
      status === 'authenticated'
        ? router.parseUrl(safeReturnUrl(route.queryParamMap.get('returnUrl'), HOME_URL))
        : true,
    ),
  );
};
