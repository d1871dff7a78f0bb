import { Actions } from '@ngrx/effects';
import { firstValueFrom, of, toArray } from 'rxjs';
import { ExportPreferencesStore } from '../data-access/export-preferences';
import { dhisExportApiActions, dhisExportPageActions } from './dhis-export.actions';
import { rememberPreferences, restorePreferences } from './preferences.effects';

describe('restorePreferences and rememberPreferences', () => {
  it('restores the session\'s choices when the page opens, and nothing when there are none', async () => {
    const store = jasmine.createSpyObj<ExportPreferencesStore>('preferences', ['read', 'save']);
    store.read.and.returnValue({ format: 'adx', omitZeros: true });
    const restored = await firstValueFrom(restorePreferences(of(dhisExportPageActions.opened()) as Actions, store).pipe(toArray()));
    expect(restored).toEqual([dhisExportApiActions.preferencesRestored({ preferences: { format: 'adx', omitZeros: true } })]);
    store.read.and.returnValue(null);
    expect(await firstValueFrom(restorePreferences(of(dhisExportPageActions.opened()) as Actions, store).pipe(toArray()))).toEqual([]);
  });

  it('saves the choices the user makes', async () => {
    const store = jasmine.createSpyObj<ExportPreferencesStore>('preferences', ['read', 'save']);
    const changed = dhisExportPageActions.preferencesChanged({ preferences: { format: 'csv', omitZeros: false } });
    await firstValueFrom(rememberPreferences(of(changed) as Actions, store).pipe(toArray()));
    expect(store.save).toHaveBeenCalledOnceWith({ format: 'csv', omitZeros: false });
  });
});
