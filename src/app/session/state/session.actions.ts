import { createActionGroup, emptyProps, props } from '@ngrx/store';
import { UserCtx } from '../session-api';

export const authGuardActions = createActionGroup({
  source: 'Auth Guard',
  events: { 'Session Needed': emptyProps() },
});

export const loginPageActions = createActionGroup({
  source: 'Login Page',
  events: { 'Login Submitted': props<{ name: string; password: string; returnUrl: string }>() },
});

export const headerActions = createActionGroup({
  source: 'Header',
  events: { 'Logout Clicked': emptyProps() },
});

export const sessionApiActions = createActionGroup({
  source: 'Session API',
  events: {
    'Session Loaded': props<{ user: UserCtx }>(),
    'Session Load Failed': props<{ error: string }>(),
    'Login Succeeded': props<{ user: UserCtx; returnUrl: string }>(),
    /** `refused`: wrong name or password; otherwise the server could not be reached. */
    'Login Failed': props<{ refused: boolean }>(),
    'Logged Out': emptyProps(),
  },
});

export const sessionExpiryActions = createActionGroup({
  source: 'Session Expiry',
  events: { 'Session Expired': props<{ returnUrl: string }>() },
});
