import { InjectionToken, inject } from '@angular/core';
import { Observable, of } from 'rxjs';
import { Router } from '@angular/router';

/**
 * What the feature needs from the host app's login: the user's roles, and a way back to login
 * when the session expired. The default works on any CouchDB-session host with a `/login` route;
 * a host provides its own to share its session state.
 */
export interface ExportSession {
  roles(): Promise<readonly string[]>;
  expired(returnUrl: string): void;
}

export const EXPORT_SESSION = new InjectionToken<ExportSession>('DHIS export session', {
  providedIn: 'root',
  factory: () => {
    const router = inject(Router);
    return {
      async roles() {
        const response = await fetch('/_session', { credentials: 'include', headers: { Accept: 'application/json' } });
        if (!response.ok) throw new Error(`GET /_session: HTTP ${response.status}`);
        const body = (await response.json()) as { userCtx?: { roles?: string[] } };
        return body.userCtx?.roles ?? [];
      },
      expired(returnUrl) {
        void router.navigate(['/login'], { queryParams: { returnUrl } });
      },
    };
  },
});

/** The current time; tests give a fixed one. */
export const NOW = new InjectionToken<() => Date>('now', { providedIn: 'root', factory: () => () => new Date() });

/**
 * The language the host app's user reads, once it knows it (null until then, and on hosts that do
 * not choose one): the page then speaks it instead of the settings' `locale`.
 */
export const EXPORT_LANGUAGE = new InjectionToken<Observable<string | null>>('DHIS export language', {
  providedIn: 'root',
  factory: () => of(null),
});
