import { MESSAGES_FR } from '../domain/messages-fr';
import { DhisExportRequest } from '../domain/models';
import { periodChoices } from '../domain/periods';
import { dhisExportApiActions, dhisExportPageActions, DhisSettingsData } from './dhis-export.actions';
import { DhisExportState, dhisExportFeature, initialDhisExportState } from './dhis-export.feature';

const { reducer } = dhisExportFeature;

const settings: DhisSettingsData = {
  locale: 'fr',
  dataSets: [{ id: 'ds1', translation_key: 'ds.monthly' }, { id: 'ds2' }, { id: 'ds3', periodType: 'Quarterly' }, { id: 'ds4', periodType: 'Weekly' }],
  periodChoices: periodChoices(new Date(2024, 2, 10)),
  permitted: true,
};
const settingsLoaded = dhisExportApiActions.settingsLoaded({ settings });
const translationsLoaded = dhisExportApiActions.translationsLoaded({
  messages: { 'ds.monthly': 'Mensuel', 'export.dhis.status.saved': 'Enregistré : {{filename}}' },
  englishMessages: {},
  shippedMessages: MESSAGES_FR,
});
const placesLoaded = dhisExportApiActions.placesLoaded({
  places: [
    { orgUnit: 'ou-b', name: 'Beta' },
    { orgUnit: 'ou-a', name: 'Alpha', dataSet: 'ds1' },
  ],
});
const allLoaded = [dhisExportPageActions.opened(), settingsLoaded, translationsLoaded, placesLoaded];
const request: DhisExportRequest = { dataSet: 'ds1', orgUnit: '', period: '202401', format: 'json', omitZeros: false };

function stateAfter(...actions: Parameters<typeof reducer>[1][]): DhisExportState {
  return actions.reduce(reducer, initialDhisExportState);
}

const root = (state: DhisExportState) => ({ dhisExport: state });

describe('dhisExportFeature reducer', () => {
  it('starts loading when first opened, and not again once loaded', () => {
    const opened = stateAfter(dhisExportPageActions.opened());
    expect(opened.referenceData).toBe('loading');
    expect(opened.placesLoad).toBe('loading');
    const loaded = stateAfter(...allLoaded);
    expect(loaded.referenceData).toBe('loaded');
    expect(loaded.placesLoad).toBe('loaded');
    expect(loaded.dataSets).toBe(settings.dataSets);
    expect(loaded.places).toBe(placesLoaded.places);
    expect(reducer(loaded, dhisExportPageActions.opened())).toBe(loaded);
  });

  it('is ready for the form once settings and translations are in, whatever the order of the places', () => {
    const settingsOnly = stateAfter(dhisExportPageActions.opened(), settingsLoaded);
    expect(settingsOnly.referenceData).toBe('loading');
    const formReady = reducer(settingsOnly, translationsLoaded);
    expect(formReady.referenceData).toBe('loaded');
    expect(formReady.placesLoad).toBe('loading');
    const placesFirst = stateAfter(dhisExportPageActions.opened(), placesLoaded, settingsLoaded, translationsLoaded);
    expect(placesFirst).toEqual(stateAfter(...allLoaded));
  });

  it('fails for a permitted user whose places could not be read, and retries on the next opening', () => {
    const failed = stateAfter(
      dhisExportPageActions.opened(),
      settingsLoaded,
      translationsLoaded,
      dhisExportApiActions.placesLoadFailed({ status: 500, error: 'view' }),
    );
    expect(dhisExportFeature.selectLoadStatus(root(failed))).toBe('failed');
    expect(failed.loadError).toBe('view');
    const again = reducer(failed, dhisExportPageActions.opened());
    expect(again.referenceData).toBe('loading');
    expect(again.placesLoad).toBe('loading');
  });

  it('does not fail for a user without permission whose places could not be read', () => {
    const state = stateAfter(
      dhisExportPageActions.opened(),
      dhisExportApiActions.settingsLoaded({ settings: { ...settings, permitted: false } }),
      translationsLoaded,
      dhisExportApiActions.placesLoadFailed({ status: 403, error: 'forbidden' }),
    );
    expect(dhisExportFeature.selectLoadStatus(root(state))).toBe('loaded');
    expect(dhisExportFeature.selectStatusText(root(state))).toBe('');
    expect(reducer(state, dhisExportPageActions.opened())).toBe(state);
  });

  it('retries after a failed load', () => {
    const failed = stateAfter(
      dhisExportPageActions.opened(),
      dhisExportApiActions.referenceDataLoadFailed({ status: 500, error: 'boom' }),
    );
    expect(failed.referenceData).toBe('failed');
    expect(dhisExportFeature.selectLoadStatus(root(failed))).toBe('failed');
    expect(failed.loadError).toBe('boom');
    expect(reducer(failed, dhisExportPageActions.opened()).referenceData).toBe('loading');
  });

  it('tracks an export from request to saved file', () => {
    const exporting = stateAfter(
      ...allLoaded,
      dhisExportPageActions.downloadRequested({ request }),
    );
    expect(exporting.exportStatus).toBe('exporting');
    const saved = reducer(exporting, dhisExportApiActions.exportSaved({ saved: { filename: 'dhis-ds1-202401.json', request, counts: null } }));
    expect(saved.exportStatus).toBe('saved');
    expect(saved.lastSaved?.filename).toBe('dhis-ds1-202401.json');
    expect(saved.lastError).toBeNull();
  });

  it('says how far the database\'s index is while the export waits on it, in French and English, until the file comes or the wait is given up', () => {
    const exporting = stateAfter(...allLoaded, dhisExportPageActions.downloadRequested({ request }));
    const waiting = reducer(exporting, dhisExportApiActions.exportWaitingForIndex({ building: { progress: 42 } }));
    expect(waiting.indexBuilding).toEqual({ progress: 42 });
    expect(waiting.exportStatus).toBe('exporting');
    expect(dhisExportFeature.selectStatusText(root(waiting))).toBe('Préparation de la base de données\u202f: 42\u202f%');
    const english = { ...waiting, locale: 'en', shippedMessages: {}, messages: {} };
    expect(dhisExportFeature.selectStatusText(root(english))).toBe('Preparing the database: 42%');
    const unknown = reducer(english, dhisExportApiActions.exportWaitingForIndex({ building: { progress: null } }));
    expect(dhisExportFeature.selectStatusText(root(unknown))).toBe('Preparing the database…');
    const saved = reducer(waiting, dhisExportApiActions.exportSaved({ saved: { filename: 'f.json', request, counts: null } }));
    expect(saved.indexBuilding).toBeNull();
    const stopped = reducer(waiting, dhisExportPageActions.indexWaitStopped());
    expect([stopped.exportStatus, stopped.indexBuilding, dhisExportFeature.selectStatusText(root(stopped))]).toEqual(['idle', null, '']);
    // a report that comes after the export ended changes nothing
    expect(reducer(saved, dhisExportApiActions.exportWaitingForIndex({ building: { progress: 50 } }))).toBe(saved);
  });

  it('describes the saved file by names and counts, until the selection changes', () => {
    const saved = stateAfter(
      ...allLoaded,
      dhisExportPageActions.downloadRequested({ request }),
      dhisExportApiActions.exportSaved({
        saved: { filename: 'dhis-ds1-202401-ou-b.json', request: { ...request, orgUnit: 'ou-b', period: '202401' }, counts: { values: 1200, orgUnits: 1, zeros: 3 } },
      }),
    );
    const summary = dhisExportFeature.selectSavedSummary(root(saved))!;
    expect(summary.what).toContain('Mensuel');
    expect(summary.what).toContain('Beta');
    expect(summary.counts).toBe("Valeurs\u202f: 1\u202f200 · Unités d'organisation\u202f: 1 · Valeurs nulles\u202f: 3");
    const changed = reducer(saved, dhisExportPageActions.selectionChanged());
    expect(dhisExportFeature.selectSavedSummary(root(changed))).toBeNull();
    expect(dhisExportFeature.selectStatusText(root(changed))).toBe('');
    expect(reducer(changed, dhisExportPageActions.selectionChanged())).toBe(changed);
  });

  it('keeps the last error until the next request', () => {
    const failed = stateAfter(
      dhisExportPageActions.downloadRequested({ request }),
      dhisExportApiActions.exportFailed({ status: 400, error: 'bad' }),
    );
    expect(failed.exportStatus).toBe('failed');
    expect(failed.lastError).toEqual({ status: 400, error: 'bad' });
    const retry = reducer(failed, dhisExportPageActions.downloadRequested({ request }));
    expect(retry.lastError).toBeNull();
    expect(retry.exportStatus).toBe('exporting');
  });

  it('forgets everything when the session expired', () => {
    const expired = stateAfter(
      ...allLoaded,
      dhisExportPageActions.downloadRequested({ request }),
      dhisExportApiActions.exportFailed({ status: 401, error: 'You are not authenticated' }),
    );
    expect(expired).toEqual(initialDhisExportState);
  });
});

describe('dhisExportFeature selectors', () => {
  const loaded = stateAfter(...allLoaded);

  it('names data sets by translation', () => {
    expect(dhisExportFeature.selectDataSetOptions(root(loaded))).toEqual([
      { id: 'ds1', name: 'Mensuel' },
      { id: 'ds2', name: 'ds2' },
      { id: 'ds3', name: 'ds3' },
      { id: 'ds4', name: 'ds4' },
    ]);
  });

  it('derives places per data set, memoized across unrelated changes', () => {
    const byDataSet = dhisExportFeature.selectPlacesByDataSet(root(loaded));
    expect(byDataSet.get('ds1')!.map((p) => p.name)).toEqual(['Alpha', 'Beta']);
    expect(byDataSet.get('ds2')!.map((p) => p.name)).toEqual(['Beta']);
    const exporting = reducer(loaded, dhisExportPageActions.downloadRequested({ request }));
    expect(dhisExportFeature.selectPlacesByDataSet(root(exporting))).toBe(byDataSet);
  });

  it('knows whether data sets are configured', () => {
    expect(dhisExportFeature.selectConfigured(root(loaded))).toBeTrue();
    expect(dhisExportFeature.selectConfigured(root(initialDhisExportState))).toBeFalse();
  });

  it('says what is happening in the status text', () => {
    expect(dhisExportFeature.selectLoadingText(root(stateAfter(dhisExportPageActions.opened())))).toBe(
      'Loading data sets and places…',
    );
    const placesPending = stateAfter(dhisExportPageActions.opened(), settingsLoaded, translationsLoaded);
    expect(dhisExportFeature.selectPlacesLoading(root(placesPending))).toBeTrue();
    expect(dhisExportFeature.selectLoadingText(root(placesPending))).toBe('Chargement des ensembles de données et des lieux…', 'in the page\'s French');
    expect(dhisExportFeature.selectPlacesLoading(root(loaded))).toBeFalse();
    const exporting = reducer(loaded, dhisExportPageActions.downloadRequested({ request }));
    expect(dhisExportFeature.selectStatusText(root(exporting))).toBe("Préparation de l'export DHIS2…");
    const saved = reducer(exporting, dhisExportApiActions.exportSaved({ saved: { filename: 'f.json', request, counts: null } }));
    expect(dhisExportFeature.selectStatusText(root(saved))).toBe('Enregistré\u202f: f.json');
    expect(dhisExportFeature.selectStatusText(root(loaded))).toBe('');
  });

  it('puts every failure in plain words with a way out, the server\'s message as the detail', () => {
    const failedWith = (status: number, error: string | null) =>
      dhisExportFeature.selectExportFailure(root(reducer(loaded, dhisExportApiActions.exportFailed({ status, error }))))!;
    const unknown = failedWith(400, 'dataSet "x" is not defined: add it to "dhis_data_sets"');
    expect(unknown.message).toContain('Rechargez les paramètres');
    expect(unknown.action).toBe('reload-settings');
    expect(unknown.detail).toBe('dataSet "x" is not defined: add it to "dhis_data_sets"');
    expect(failedWith(0, null)).toEqual({
      message: 'Le serveur est injoignable. Vérifiez votre connexion et réessayez.',
      action: 'retry-export',
      detail: null,
    });
    expect(failedWith(500, null).message).toContain('HTTP 500');
    expect(failedWith(500, null).action).toBe('retry-export');
    expect(failedWith(503, null).message).toContain('prépare encore un index');
    expect(failedWith(503, null).action).toBe('retry-export');
    expect(failedWith(403, 'User "m" may not export').action).toBeNull();
    expect(failedWith(403, 'User "m" may not export').message).toContain('can_export_dhis');
    expect(dhisExportFeature.selectExportFailure(root(loaded))).toBeNull();
  });

  it('offers to try the load again when it failed', () => {
    const failed = stateAfter(dhisExportPageActions.opened(), dhisExportApiActions.referenceDataLoadFailed({ status: 500, error: 'down' }));
    expect(dhisExportFeature.selectLoadFailure(root(failed))).toEqual({
      message: 'The DHIS2 settings or places could not be loaded.',
      action: 'retry-load',
      detail: 'down',
    });
    expect(reducer(failed, dhisExportPageActions.opened()).referenceData).toBe('loading');
  });

  it('offers each data set the periods of its period type, or says which type is not supported', () => {
    const byDataSet = dhisExportFeature.selectPeriodsByDataSet(root(stateAfter(...allLoaded)));
    expect(byDataSet.get('ds1')).toBe(settings.periodChoices!.Monthly);
    expect(byDataSet.get('ds2')).toBe(settings.periodChoices!.Monthly);
    expect(byDataSet.get('ds3')).toBe(settings.periodChoices!.Quarterly);
    expect(byDataSet.get('ds4')).toEqual({ unsupportedPeriodType: 'Weekly' });
  });

  it('keeps the file format and zeros choice, restored or changed, across a download', () => {
    const loaded = stateAfter(...allLoaded);
    expect(dhisExportFeature.selectPreferences(root(loaded))).toEqual({ format: 'json', omitZeros: false });
    const restored = reducer(loaded, dhisExportApiActions.preferencesRestored({ preferences: { format: 'xml', omitZeros: true } }));
    expect(dhisExportFeature.selectPreferences(root(restored))).toEqual({ format: 'xml', omitZeros: true });
    const changed = reducer(restored, dhisExportPageActions.preferencesChanged({ preferences: { format: 'csv', omitZeros: true } }));
    const afterDownload = reducer(reducer(changed, dhisExportPageActions.downloadRequested({ request })), dhisExportApiActions.exportSaved({ saved: { filename: 'f.csv', request, counts: null } }));
    expect(dhisExportFeature.selectPreferences(root(afterDownload))).toEqual({ format: 'csv', omitZeros: true });
  });

  it('shows a refused download as a failure with its message', () => {
    const refused = reducer(stateAfter(...allLoaded), dhisExportPageActions.downloadRefused({ error: 'period type "Weekly"' }));
    expect(refused.exportStatus).toBe('failed');
    expect(dhisExportFeature.selectExportFailure(root(refused))).toEqual({ message: 'period type "Weekly"', action: null, detail: null });
    const exporting = reducer(stateAfter(...allLoaded), dhisExportPageActions.downloadRequested({ request }));
    expect(reducer(exporting, dhisExportPageActions.downloadRefused({ error: 'x' }))).toBe(exporting);
  });
});
