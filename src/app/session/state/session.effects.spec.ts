import { Router } from '@angular/router';
import { Actions } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { firstValueFrom, of, toArray } from 'rxjs';
import { LoginRefusedError, SessionApi } from '../session-api';
import { authGuardActions, headerActions, loginPageActions, sessionApiActions, sessionExpiryActions } from './session.actions';
import { HOME_URL, checkSession, login, loginAgainWhenExpired, logout, reloadAfterLogout, returnAfterLogin } from './session.effects';

const user = { name: 'pm', roles: ['national_admin'] };

describe('session effects', () => {
  let api: jasmine.SpyObj<SessionApi>;
  let router: jasmine.SpyObj<Router>;

  beforeEach(() => {
    api = jasmine.createSpyObj<SessionApi>('api', ['current', 'login', 'logout']);
    router = jasmine.createSpyObj<Router>('router', ['navigate', 'navigateByUrl']);
  });

  it('reads /_session when the guard started a check', async () => {
    api.current.and.resolveTo(user);
    const store = { select: () => of('checking') } as unknown as Store;
    const action = await firstValueFrom(checkSession(of(authGuardActions.sessionNeeded()) as Actions, store, api));
    expect(action).toEqual(sessionApiActions.sessionLoaded({ user }));
  });

  it('does not read /_session again once known', async () => {
    const store = { select: () => of('authenticated') } as unknown as Store;
    const actions = await firstValueFrom(checkSession(of(authGuardActions.sessionNeeded()) as Actions, store, api).pipe(toArray()));
    expect(actions).toEqual([]);
    expect(api.current).not.toHaveBeenCalled();
  });

  it('logs in with name and password, keeping where to return', async () => {
    api.login.and.resolveTo(user);
    const action = await firstValueFrom(
      login(of(loginPageActions.loginSubmitted({ name: 'pm', password: 'secret', returnUrl: '/admin/export/dhis' })) as Actions, api),
    );
    expect(api.login).toHaveBeenCalledWith('pm', 'secret');
    expect(action).toEqual(sessionApiActions.loginSucceeded({ user, returnUrl: '/admin/export/dhis' }));
  });

  it('reports a refused login apart from other failures', async () => {
    api.login.and.rejectWith(new LoginRefusedError());
    const submitted = loginPageActions.loginSubmitted({ name: 'pm', password: 'bad', returnUrl: '' });
    expect(await firstValueFrom(login(of(submitted) as Actions, api))).toEqual(sessionApiActions.loginFailed({ refused: true }));
    api.login.and.rejectWith(new TypeError('Failed to fetch'));
    expect(await firstValueFrom(login(of(submitted) as Actions, api))).toEqual(sessionApiActions.loginFailed({ refused: false }));
  });

  it('returns to the page asked for after login, never off-site', async () => {
    await firstValueFrom(returnAfterLogin(of(sessionApiActions.loginSucceeded({ user, returnUrl: '/admin/export/dhis?x=1' })) as Actions, router));
    expect(router.navigateByUrl).toHaveBeenCalledWith('/admin/export/dhis?x=1', { state: { focusHeading: true } });
    await firstValueFrom(returnAfterLogin(of(sessionApiActions.loginSucceeded({ user, returnUrl: '//evil.example' })) as Actions, router));
    expect(router.navigateByUrl).toHaveBeenCalledWith(HOME_URL, { state: { focusHeading: true } });
  });

  it('logs out, then reloads on the login page', async () => {
    api.logout.and.resolveTo();
    expect(await firstValueFrom(logout(of(headerActions.logoutClicked()) as Actions, api))).toEqual(sessionApiActions.loggedOut());
    const document = { location: jasmine.createSpyObj<Location>('location', ['assign']) } as unknown as Document;
    await firstValueFrom(reloadAfterLogout(of(sessionApiActions.loggedOut()) as Actions, document));
    expect(document.location.assign).toHaveBeenCalledWith('/login');
  });

  it('sends an expired session to login with the page to return to', async () => {
    await firstValueFrom(loginAgainWhenExpired(of(sessionExpiryActions.sessionExpired({ returnUrl: '/admin/export/dhis' })) as Actions, router));
    expect(router.navigate).toHaveBeenCalledWith(['/login'], { queryParams: { returnUrl: '/admin/export/dhis', reason: 'expired' } });
  });
});
