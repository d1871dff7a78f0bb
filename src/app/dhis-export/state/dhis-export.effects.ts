import { exportEffects } from './export.effects';
import { preferencesEffects } from './preferences.effects';
import { referenceDataEffects } from './reference-data.effects';
import { returnToLoginWhenSessionExpired } from './session-expiry.effects';

/** Every effect of the export page's own state, registered with the page's route. */
export const dhisExportEffects = {
  ...referenceDataEffects,
  ...exportEffects,
  ...preferencesEffects,
  returnToLoginWhenSessionExpired,
};
