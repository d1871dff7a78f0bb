import { TestBed } from '@angular/core/testing';
import { ActivatedRouteSnapshot, Router, RouterStateSnapshot, UrlTree, convertToParamMap, provideRouter } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Observable, firstValueFrom } from 'rxjs';
import { authGuard, guestGuard } from './auth-guard';
import { authGuardActions } from './state/session.actions';
import { SessionState, initialSessionState, sessionFeature } from './state/session.feature';

describe('session guards', () => {
  let store: MockStore;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideMockStore({ initialState: { session: initialSessionState } })],
    });
    store = TestBed.inject(MockStore);
    spyOn(store, 'dispatch').and.callThrough();
  });

  // overridden selectors are memoized module-wide: undo them for the next spec
  afterEach(() => store.resetSelectors());

  const setSession = (state: Partial<SessionState>) =>
    store.setState({ session: { ...initialSessionState, ...state } });
  const serialize = (result: unknown) => TestBed.inject(Router).serializeUrl(result as UrlTree);

  function runAuthGuard(url: string) {
    return TestBed.runInInjectionContext(
      () => authGuard({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot) as Observable<boolean | UrlTree>,
    );
  }

  it('waits for the session check, then lets a logged-in user through', async () => {
    const result = firstValueFrom(runAuthGuard('/admin/export/dhis'));
    expect(store.dispatch).toHaveBeenCalledWith(authGuardActions.sessionNeeded());
    setSession({ status: 'checking' });
    setSession({ status: 'authenticated', user: { name: 'pm', roles: [] } });
    expect(await result).toBeTrue();
  });

  it('sends a logged-out user to login with the page to return to', async () => {
    setSession({ status: 'anonymous' });
    const result = await firstValueFrom(runAuthGuard('/admin/export/dhis'));
    expect(serialize(result)).toBe('/login?returnUrl=%2Fadmin%2Fexport%2Fdhis');
  });

  it('sends a logged-in user away from the login page', async () => {
    setSession({ status: 'authenticated', user: { name: 'pm', roles: [] } });
    const route = { queryParamMap: convertToParamMap({ returnUrl: '/admin/export' }) } as ActivatedRouteSnapshot;
    const result = await firstValueFrom(
      TestBed.runInInjectionContext(() => guestGuard(route, {} as RouterStateSnapshot) as Observable<boolean | UrlTree>),
    );
    expect(serialize(result)).toBe('/admin/export');
    expect(sessionFeature.selectChecked({ session: { ...initialSessionState, status: 'authenticated' } })).toBeTrue();
  });
});
