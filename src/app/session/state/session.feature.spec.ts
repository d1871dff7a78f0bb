import { authGuardActions, loginPageActions, sessionApiActions, sessionExpiryActions } from './session.actions';
import { SessionState, initialSessionState, sessionFeature } from './session.feature';

const { reducer } = sessionFeature;
const user = { name: 'pm', roles: ['national_admin'] };
const after = (...actions: Parameters<typeof reducer>[1][]): SessionState => actions.reduce(reducer, initialSessionState);

describe('sessionFeature', () => {
  it('checks the session once', () => {
    const checking = after(authGuardActions.sessionNeeded());
    expect(checking.status).toBe('checking');
    const known = reducer(checking, sessionApiActions.sessionLoaded({ user }));
    expect(known.status).toBe('authenticated');
    expect(reducer(known, authGuardActions.sessionNeeded())).toBe(known);
  });

  it('treats a session without name, or an unreadable one, as logged out', () => {
    expect(after(sessionApiActions.sessionLoaded({ user: { name: null, roles: [] } })).status).toBe('anonymous');
    expect(after(sessionApiActions.sessionLoadFailed({ error: 'offline' })).status).toBe('anonymous');
  });

  it('logs in and remembers who', () => {
    const pending = after(loginPageActions.loginSubmitted({ name: 'pm', password: 'x', returnUrl: '' }));
    expect(pending.loggingIn).toBeTrue();
    const state = reducer(pending, sessionApiActions.loginSucceeded({ user, returnUrl: '' }));
    expect(state.status).toBe('authenticated');
    expect(state.loggingIn).toBeFalse();
    expect(sessionFeature.selectUserName({ session: state })).toBe('pm');
    expect(sessionFeature.selectRoles({ session: state })).toEqual(['national_admin']);
  });

  it('tells a refused login from an unreachable server, and clears it on the next attempt', () => {
    const refused = after(sessionApiActions.loginFailed({ refused: true }));
    expect(refused.loginError).toBe('refused');
    expect(after(sessionApiActions.loginFailed({ refused: false })).loginError).toBe('unavailable');
    expect(reducer(refused, loginPageActions.loginSubmitted({ name: 'a', password: 'b', returnUrl: '' })).loginError).toBeNull();
  });

  it('forgets the user on logout and on an expired session', () => {
    const loggedIn = after(sessionApiActions.loginSucceeded({ user, returnUrl: '' }));
    for (const action of [sessionApiActions.loggedOut(), sessionExpiryActions.sessionExpired({ returnUrl: '/x' })]) {
      const state = reducer(loggedIn, action);
      expect(state.status).toBe('anonymous');
      expect(state.user).toBeNull();
    }
  });
});
