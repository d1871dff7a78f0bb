import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { placesByDataSet } from '../domain/places';
import { DataSetPeriods, PeriodChoices, PeriodType } from '../domain/periods';
import { periodTypeOf } from '../domain/settings';
import { dataSetOptions, translator } from '../domain/translate';
import { DataSetConfig, ExportFormat, ExportPreferences, Messages, OrgUnitPlace } from '../domain/models';
import { dhisExportApiActions, dhisExportPageActions } from './dhis-export.actions';

export type LoadStatus = 'idle' | 'loading' | 'loaded' | 'failed';
export type ExportStatus = 'idle' | 'exporting' | 'saved' | 'failed';

export interface ExportFailure {
  readonly status: number;
  readonly error: string | null;
}

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
  readonly dataSets: readonly DataSetConfig[];
  readonly places: readonly OrgUnitPlace[];
  readonly periodChoices: Readonly<Record<PeriodType, PeriodChoices>> | null;
  readonly permitted: boolean;
  /** The file format chosen, remembered for the session. */
  readonly format: ExportFormat;
  /** Whether to leave out zeros, remembered for the session. */
  readonly omitZeros: boolean;
  readonly exportStatus: ExportStatus;
  readonly lastError: ExportFailure | null;
  readonly lastFilename: string | null;
}

export const initialDhisExportState: DhisExportState = {
  referenceData: 'idle',
  placesLoad: 'idle',
  loadError: null,
  locale: 'en',
  messages: {},
  englishMessages: {},
  dataSets: [],
  places: [],
  periodChoices: null,
  permitted: false,
  format: 'json',
  omitZeros: false,
  exportStatus: 'idle',
  lastError: null,
  lastFilename: null,
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
    on(dhisExportApiActions.languageChanged, (state, { locale, messages, englishMessages }): DhisExportState => ({
      ...state,
      locale,
      messages,
      englishMessages,
    })),
    on(dhisExportApiActions.periodsRelabelled, (state, { periodChoices }): DhisExportState => ({ ...state, periodChoices })),
    on(dhisExportApiActions.translationsLoaded, (state, { messages, englishMessages }): DhisExportState => ({
      ...state,
      messages,
      englishMessages,
      referenceData: 'loaded',
    })),
    on(dhisExportApiActions.placesLoaded, (state, { places }): DhisExportState => ({ ...state, places, placesLoad: 'loaded' })),
    on(
      dhisExportApiActions.preferencesRestored,
      dhisExportPageActions.preferencesChanged,
      (state, { preferences: { format, omitZeros } }): DhisExportState => ({ ...state, format, omitZeros }),
    ),
    on(dhisExportPageActions.downloadRefused, (state, { error }): DhisExportState =>
      state.exportStatus === 'exporting' ? state : { ...state, exportStatus: 'failed', lastError: { status: 400, error }, lastFilename: null },
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
    on(dhisExportPageActions.downloadRequested, (state): DhisExportState =>
      state.exportStatus === 'exporting' ? state : { ...state, exportStatus: 'exporting', lastError: null, lastFilename: null },
    ),
    on(dhisExportApiActions.exportSaved, (state, { filename }): DhisExportState => ({
      ...state,
      exportStatus: 'saved',
      lastFilename: filename,
      lastError: null,
    })),
    // An expired session forgets everything: the next user may be someone else.
    on(dhisExportApiActions.exportFailed, (state, { status, error }): DhisExportState =>
      status === 401
        ? initialDhisExportState
        : { ...state, exportStatus: 'failed', lastError: { status, error }, lastFilename: null },
    ),
  ),
  extraSelectors: ({
    selectLocale,
    selectEnglishMessages,
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
    selectLastFilename,
    selectLastError,
  }) => {
    const selectTranslate = createSelector(selectMessages, selectLocale, selectEnglishMessages, translator);
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
      /** What the page's one live region says. */
      selectStatusText: createSelector(
        selectLoadStatus,
        selectPlacesLoading,
        selectExportStatus,
        selectLastFilename,
        selectTranslate,
        (load, placesLoading, exportStatus, filename, t) => {
          if (load === 'loading' || placesLoading) return t('export.dhis.status.loading');
          if (exportStatus === 'exporting') return t('export.dhis.status.exporting');
          if (exportStatus === 'saved' && filename) return t('export.dhis.status.saved', { filename });
          if (exportStatus === 'failed') return t('export.dhis.status.failed');
          return '';
        },
      ),
      /** The message the error summary shows: the server's own when it gave one. */
      selectErrorText: createSelector(selectLastError, selectTranslate, (failure, t) => {
        if (!failure) return null;
        if (failure.error) return failure.error;
        if (failure.status === 0) return t('export.dhis.error.network');
        return t('export.dhis.error.server', { status: failure.status });
      }),
    };
  },
});

function periodsByDataSet(
  dataSets: readonly DataSetConfig[],
  choices: Readonly<Record<PeriodType, PeriodChoices>> | null,
): ReadonlyMap<string, DataSetPeriods> {
  return new Map(
    dataSets.map(({ id, periodType }): [string, DataSetPeriods] => {
      const type = periodTypeOf({ id, periodType });
      return [id, type ? (choices?.[type] ?? { type, periods: [], preselected: '' }) : { unsupportedPeriodType: typeof periodType === 'string' ? periodType : JSON.stringify(periodType) }];
    }),
  );
}

/** Failed places matter only to a user who may export and has data sets to export. */
function loadStatus(referenceData: LoadStatus, placesLoad: LoadStatus, permitted: boolean, configured: boolean): LoadStatus {
  return referenceData === 'loaded' && placesLoad === 'failed' && permitted && configured ? 'failed' : referenceData;
}
