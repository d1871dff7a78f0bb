import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { placesByDataSet } from '../domain/places';
import { dataSetOptions, translator } from '../domain/translate';
import { DataSetConfig, Messages, OrgUnitPlace, Period } from '../domain/models';
import { dhisExportApiActions, dhisExportPageActions } from './dhis-export.actions';

export type LoadStatus = 'idle' | 'loading' | 'loaded' | 'failed';
export type ExportStatus = 'idle' | 'exporting' | 'saved' | 'failed';

export interface ExportFailure {
  readonly status: number;
  readonly error: string | null;
}

export interface DhisExportState {
  readonly referenceData: LoadStatus;
  readonly loadError: string | null;
  readonly locale: string;
  readonly messages: Messages;
  readonly dataSets: readonly DataSetConfig[];
  readonly places: readonly OrgUnitPlace[];
  readonly periods: readonly Period[];
  readonly preselectedPeriod: number | null;
  readonly permitted: boolean;
  readonly exportStatus: ExportStatus;
  readonly lastError: ExportFailure | null;
  readonly lastFilename: string | null;
}

export const initialDhisExportState: DhisExportState = {
  referenceData: 'idle',
  loadError: null,
  locale: 'en',
  messages: {},
  dataSets: [],
  places: [],
  periods: [],
  preselectedPeriod: null,
  permitted: false,
  exportStatus: 'idle',
  lastError: null,
  lastFilename: null,
};

export const dhisExportFeature = createFeature({
  name: 'dhisExport',
  reducer: createReducer(
    initialDhisExportState,
    on(dhisExportPageActions.opened, (state): DhisExportState =>
      state.referenceData === 'idle' || state.referenceData === 'failed'
        ? { ...state, referenceData: 'loading', loadError: null }
        : state,
    ),
    on(dhisExportApiActions.referenceDataLoaded, (state, { data }): DhisExportState => ({
      ...state,
      ...data,
      referenceData: 'loaded',
      loadError: null,
    })),
    on(dhisExportApiActions.referenceDataLoadFailed, (state, { status, error }): DhisExportState =>
      status === 401 ? initialDhisExportState : { ...state, referenceData: 'failed', loadError: error },
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
  extraSelectors: ({ selectMessages, selectDataSets, selectPlaces, selectExportStatus, selectLastFilename, selectLastError, selectReferenceData }) => {
    const selectTranslate = createSelector(selectMessages, translator);
    return {
      selectTranslate,
      selectDataSetOptions: createSelector(selectDataSets, selectMessages, dataSetOptions),
      /** Places to offer per data set id; computed once per load, not per change of the form. */
      selectPlacesByDataSet: createSelector(selectPlaces, selectDataSets, placesByDataSet),
      selectConfigured: createSelector(selectDataSets, (dataSets) => dataSets.length > 0),
      selectExporting: createSelector(selectExportStatus, (status) => status === 'exporting'),
      /** What the page's one live region says. */
      selectStatusText: createSelector(
        selectReferenceData,
        selectExportStatus,
        selectLastFilename,
        selectTranslate,
        (referenceData, exportStatus, filename, t) => {
          if (referenceData === 'loading') return t('export.dhis.status.loading');
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
