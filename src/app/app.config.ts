import { ApplicationConfig, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { PreloadAllModules, provideRouter, withPreloading } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState, provideStore } from '@ngrx/store';

import { routes } from './app.routes';
import { provideDhisExportSession } from './session/dhis-export-session';
import { sessionEffects } from './session/state/session.effects';
import { sessionFeature } from './session/state/session.feature';
import { languageEffects } from './i18n/state/language.effects';
import { languageFeature } from './i18n/state/language.feature';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    // the export page's code loads while the login page waits for the user, not after the login
    provideRouter(routes, withPreloading(PreloadAllModules)),
    provideStore(),
    provideState(sessionFeature),
    provideState(languageFeature),
    provideEffects(sessionEffects, languageEffects),
    provideDhisExportSession(),
  ],
};
