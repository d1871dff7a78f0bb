import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { placesByDataSet } from '../domain/places';
import { PeriodChoices, PeriodType } from '../domain/periods';
import { periodsByDataSet } from '../domain/settings';
import { dataSetOptions, translator } from '../domain/translate';
import { DataSetConfig, DhisExportRequest, ExportFormat, ExportPreferences, Messages, OrgUnitPlace, SavedExport } from '../domain/models';
import { ExportFailure, exportFailureView, loadFailureView } from '../domain/export-errors';
import { dhisExportApiActions, dhisExportPageActions } from './dhis-export.actions';
import { heldDownloadActions } from '../held-download/held-download.actions';
import { SavedSummary, savedSummary } from './saved-summary';
import { IndexBuilding, indexBuildingText } from '../domain/index-building';

export type { ExportFailure } from '../domain/export-errors';
export type { SavedSummary } from './saved-summary';

export type LoadStatus = 'idle' | 'loading' | 'loaded' | 'failed';
export type ExportStatus = 'idle' | 'exporting' | 'saved' | 'failed';


export interface DhisExportState {
  /** Settings and translations: what the form needs before it shows. */
  readonly referenceData: LoadStatus;
  /** The places arrive on their own; the form shows without them and offers them when they come. */
  readonly placesLoad: LoadStatus;
  readonly loadError: string | null;
  readonly locale: string;
  readonly messages: Messages;
  /** The database's English texts, for keys the page's language lacks (a data set's name, say). */
  readonly englishMessages: Messages;
  /** This page's own texts in its language (loaded with it; none for English). */
  readonly shippedMessages: Messages;
  readonly dataSets: readonly DataSetConfig[];
  readonly places: readonly OrgUnitPlace[];
  readonly periodChoices: Readonly<Record<PeriodType, PeriodChoices>> | null;
  readonly permitted: boolean;
  /** The file format chosen, remembered for the session. */
  readonly format: ExportFormat;
  /** Whether to leave out zeros, remembered for the session. */
  readonly omitZeros: boolean;
  readonly exportStatus: ExportStatus;
  /** The database's build of an index the export under way waits on; null when it waits on none. */
  readonly indexBuilding: IndexBuilding | null;
  readonly lastError: ExportFailure | null;
  /** The last export asked for, for "Try again". */
  readonly lastRequest: DhisExportRequest | null;
  /** The last file saved, until the selection changes. */
  readonly lastSaved: SavedExport | null;
}

export const initialDhisExportState: DhisExportState = {
  referenceData: 'idle',
  placesLoad: 'idle',
  loadError: null,
  locale: 'en',
  messages: {},
  englishMessages: {},
  shippedMessages: {},
  dataSets: [],
  places: [],
  periodChoices: null,
  permitted: false,
  format: 'json',
  omitZeros: false,
  exportStatus: 'idle',
  indexBuilding: null,
  lastError: null,
  lastSaved: null,
  lastRequest: null,
};

export const dhisExportFeature = createFeature({
  name: 'dhisExport',
  reducer: createReducer(
    initialDhisExportState,
    on(dhisExportPageActions.opened, (state): DhisExportState => {
      const { referenceData, placesLoad, permitted, dataSets } = state;
      const load = loadStatus(referenceData, placesLoad, permitted, dataSets.length > 0);
      return referenceData === 'idle' || load === 'failed'
        ? { ...state, referenceData: 'loading', placesLoad: 'loading', loadError: null }
        : state;
    }),
    on(dhisExportApiActions.settingsLoaded, (state, { settings }): DhisExportState => ({ ...state, ...settings })),
    on(dhisExportApiActions.languageChanged, (state, { locale, messages, englishMessages, shippedMessages }): DhisExportState => ({
      ...state,
      locale,
      messages,
      englishMessages,
      shippedMessages,
    })),
    on(dhisExportApiActions.periodsRelabelled, (state, { periodChoices }): DhisExportState => ({ ...state, periodChoices })),
    on(dhisExportApiActions.translationsLoaded, (state, { messages, englishMessages, shippedMessages }): DhisExportState => ({
      ...state,
      messages,
      englishMessages,
      shippedMessages,
      referenceData: 'loaded',
    })),
    on(dhisExportApiActions.placesLoaded, (state, { places }): DhisExportState => ({ ...state, places, placesLoad: 'loaded' })),
    on(
      dhisExportApiActions.preferencesRestored,
      dhisExportPageActions.preferencesChanged,
      (state, { preferences: { format, omitZeros } }): DhisExportState => ({ ...state, format, omitZeros }),
    ),
    on(dhisExportPageActions.downloadRefused, (state, { error }): DhisExportState =>
      state.exportStatus === 'exporting' ? state : { ...state, exportStatus: 'failed', lastError: { status: 400, error, refusedByPage: true }, lastSaved: null },
    ),
    on(dhisExportApiActions.placesLoadFailed, (state, { error }): DhisExportState => ({
      ...state,
      places: [],
      placesLoad: 'failed',
      loadError: error,
    })),
    // the places read still pending was dropped with the load
    on(dhisExportApiActions.referenceDataLoadFailed, (state, { status, error }): DhisExportState =>
      status === 401 ? initialDhisExportState : { ...state, referenceData: 'failed', placesLoad: 'idle', loadError: error },
    ),
    on(dhisExportPageActions.downloadRequested, (state, { request }): DhisExportState =>
      state.exportStatus === 'exporting' ? state : { ...state, exportStatus: 'exporting', lastError: null, lastSaved: null, lastRequest: request },
    ),
    on(dhisExportApiActions.exportWaitingForIndex, (state, { building }): DhisExportState =>
      state.exportStatus === 'exporting' ? { ...state, indexBuilding: building } : state,
    ),
    on(dhisExportPageActions.indexWaitStopped, (state): DhisExportState =>
      state.exportStatus === 'exporting' ? { ...state, exportStatus: 'idle', indexBuilding: null } : state,
    ),
    on(heldDownloadActions.held, heldDownloadActions.dropped, (state): DhisExportState => ({ ...state, exportStatus: 'idle', indexBuilding: null })),
    on(dhisExportApiActions.exportSaved, (state, { saved }): DhisExportState => ({
      ...state,
      exportStatus: 'saved',
      indexBuilding: null,
      lastSaved: saved,
      lastError: null,
    })),
    on(dhisExportPageActions.selectionChanged, (state): DhisExportState =>
      state.exportStatus === 'saved' || state.exportStatus === 'failed'
        ? { ...state, exportStatus: 'idle', lastSaved: null, lastError: null }
        : state,
    ),
    // An expired session forgets everything: the next user may be someone else.
    on(dhisExportApiActions.exportFailed, (state, { status, error }): DhisExportState =>
      status === 401
        ? initialDhisExportState
        : { ...state, exportStatus: 'failed', indexBuilding: null, lastError: { status, error }, lastSaved: null },
    ),
  ),
  extraSelectors: ({
    selectLocale,
    selectEnglishMessages,
    selectShippedMessages,
    selectPeriodChoices,
    selectFormat,
    selectOmitZeros,
    selectReferenceData,
    selectMessages,
    selectDataSets,
    selectPlaces,
    selectPlacesLoad,
    selectPermitted,
    selectExportStatus,
    selectIndexBuilding,
    selectLastSaved,
    selectLastError,
    selectLoadError,
  }) => {
    const selectTranslate = createSelector(selectMessages, selectLocale, selectEnglishMessages, selectShippedMessages, translator);
    const selectConfigured = createSelector(selectDataSets, (dataSets) => dataSets.length > 0);
    /** Places still on their way to a user who will be offered them. */
    const selectPlacesLoading = createSelector(
      selectPlacesLoad,
      selectPermitted,
      selectConfigured,
      (load, permitted, configured) => load === 'loading' && permitted && configured,
    );
    /** What the page shows: the form once settings and translations are in; an error when a read it needs failed. */
    const selectLoadStatus = createSelector(
      selectReferenceData,
      selectPlacesLoad,
      selectPermitted,
      selectConfigured,
      loadStatus,
    );
    return {
      selectLoadStatus,
      selectPlacesLoading,
      selectTranslate,
      selectDataSetOptions: createSelector(selectDataSets, selectTranslate, dataSetOptions),
      /** Places to offer per data set id; computed once per load, not per change of the form. */
      selectPlacesByDataSet: createSelector(selectPlaces, selectDataSets, placesByDataSet),
      /** Per data set id: the periods to offer, from its period type. */
      selectPeriodsByDataSet: createSelector(selectDataSets, selectPeriodChoices, periodsByDataSet),
      selectPreferences: createSelector(selectFormat, selectOmitZeros, (format, omitZeros): ExportPreferences => ({ format, omitZeros })),
      selectConfigured,
      selectExporting: createSelector(selectExportStatus, (status) => status === 'exporting'),
      /** Said while the page reads what it needs. */
      selectLoadingText: createSelector(selectLoadStatus, selectPlacesLoading, selectTranslate, (load, placesLoading, t) =>
        load === 'loading' || placesLoading ? t('export.dhis.status.loading') : '',
      ),
      /**
       * What the live region by the Download button says: the export under way, or the file saved.
       * A failure says nothing here: the error summary says it, once.
       */
      selectStatusText: createSelector(selectExportStatus, selectIndexBuilding, selectLastSaved, selectTranslate, selectLocale, (exportStatus, building, saved, t, locale) => {
        if (exportStatus === 'exporting') return building ? indexBuildingText(building, t, locale) : t('export.dhis.status.exporting');
        if (exportStatus === 'saved' && saved) return t('export.dhis.status.saved', { filename: saved.filename });
        return '';
      }),
      /** What the saved file holds, in the page's words, for the result panel. */
      selectSavedSummary: createSelector(
        selectLastSaved,
        selectDataSets,
        selectPlaces,
        selectPeriodChoices,
        selectTranslate,
        selectLocale,
        (saved, dataSets, places, choices, t, locale): SavedSummary | null =>
          saved ? savedSummary(saved, dataSetOptions(dataSets, t), places, choices, t, locale) : null,
      ),
      /** What the error summary says of a failed export: plain words, a way out, the detail apart. */
      selectExportFailure: createSelector(selectLastError, selectTranslate, (failure, t) => (failure ? exportFailureView(failure, t) : null)),
      /** What the error summary says when the page's settings or places could not be read. */
      selectLoadFailure: createSelector(selectLoadStatus, selectLoadError, selectTranslate, (load, error, t) =>
        load === 'failed' ? loadFailureView(error, t) : null,
      ),
    };
  },
});

/** Failed places matter only to a user who may export and has data sets to export. */
function loadStatus(referenceData: LoadStatus, placesLoad: LoadStatus, permitted: boolean, configured: boolean): LoadStatus {
  return referenceData === 'loaded' && placesLoad === 'failed' && permitted && configured ? 'failed' : referenceData;
}
