import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { UserCtx } from '../session-api';
import { authGuardActions, loginPageActions, sessionApiActions, sessionExpiryActions } from './session.actions';

/** `unknown` until `/_session` answered once. */
export type SessionStatus = 'unknown' | 'checking' | 'authenticated' | 'anonymous';
export type LoginError = 'refused' | 'unavailable';

export interface SessionState {
  readonly status: SessionStatus;
  readonly user: UserCtx | null;
  readonly loggingIn: boolean;
  readonly loginError: LoginError | null;
}

export const initialSessionState: SessionState = { status: 'unknown', user: null, loggingIn: false, loginError: null };

const anonymous = (state: SessionState): SessionState => ({ ...state, status: 'anonymous', user: null, loggingIn: false });

export const sessionFeature = createFeature({
  name: 'session',
  reducer: createReducer(
    initialSessionState,
    on(authGuardActions.sessionNeeded, (state): SessionState =>
      state.status === 'unknown' ? { ...state, status: 'checking' } : state,
    ),
    on(sessionApiActions.sessionLoaded, (state, { user }): SessionState =>
      user.name ? { ...state, status: 'authenticated', user } : anonymous(state),
    ),
    on(sessionApiActions.sessionLoadFailed, anonymous),
    on(loginPageActions.loginSubmitted, (state): SessionState => ({ ...state, loggingIn: true, loginError: null })),
    on(sessionApiActions.loginSucceeded, (state, { user }): SessionState => ({
      ...state,
      status: 'authenticated',
      user,
      loggingIn: false,
      loginError: null,
    })),
    on(sessionApiActions.loginFailed, (state, { refused }): SessionState => ({
      ...anonymous(state),
      loginError: refused ? 'refused' : 'unavailable',
    })),
    on(sessionApiActions.loggedOut, sessionExpiryActions.sessionExpired, (state): SessionState => ({
      ...anonymous(state),
      loginError: null,
    })),
  ),
  extraSelectors: ({ selectStatus, selectUser }) => ({
    selectChecked: createSelector(selectStatus, (status) => status === 'authenticated' || status === 'anonymous'),
    selectUserName: createSelector(selectUser, (user) => user?.name ?? null),
    selectRoles: createSelector(selectUser, (user) => user?.roles ?? []),
  }),
});
