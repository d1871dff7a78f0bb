import { Provider, inject } from '@angular/core';
import { Store } from '@ngrx/store';
import { filter, firstValueFrom, map } from 'rxjs';
import { EXPORT_LANGUAGE, EXPORT_SESSION, ExportSession } from '../dhis-export/data-access/export-session';
import { languageFeature } from '../i18n/state/language.feature';
import { sessionExpiryActions } from './state/session.actions';
import { sessionFeature } from './state/session.feature';

/** Lets the DHIS2 export feature use this app's session instead of asking `/_session` again, and speak the user's language. */
export function provideDhisExportSession(): Provider[] {
  return [{
    provide: EXPORT_LANGUAGE,
    useFactory: () => inject(Store).select(languageFeature.selectKnownLanguage),
  }, {
    provide: EXPORT_SESSION,
    useFactory: (): ExportSession => {
      const store = inject(Store);
      return {
        roles: () =>
          firstValueFrom(
            store.select(sessionFeature.selectSessionState).pipe(
              filter(({ status }) => status === 'authenticated'),
              map(({ user }) => user?.roles ?? []),
            ),
          ),
        expired: (returnUrl) => store.dispatch(sessionExpiryActions.sessionExpired({ returnUrl })),
      };
    },
  }];
}
