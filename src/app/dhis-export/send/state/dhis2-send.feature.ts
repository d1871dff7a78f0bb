import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { DhisExportRequest } from '../../domain/models';
import { ExportLogView, SendCapabilities, SendResult } from '../dhis2-send-api';
import { dhis2SendApiActions, dhis2SendPageActions } from './dhis2-send.actions';

export type SendRunning = 'idle' | 'dry-run' | 'send';

export interface SendFailure {
  readonly status: number;
  readonly error: string | null;
  /** The server's name for the refusal, when it gave one, and its values. */
  readonly code?: string | null;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface Dhis2SendState {
  /** Null until known, or when it could not be read: the page then offers no sending. */
  readonly capabilities: SendCapabilities | null;
  readonly selection: DhisExportRequest | null;
  readonly running: SendRunning;
  readonly confirming: boolean;
  readonly result: SendResult | null;
  readonly failure: SendFailure | null;
  /** Counts failures, so the error summary takes focus at each one. */
  readonly failures: number;
  readonly log: ExportLogView | null;
  /** Also register the data set as complete for each place sent (DHIS2's reporting rates count these). */
  readonly completeDataSet: boolean;
}

export const initialDhis2SendState: Dhis2SendState = {
  capabilities: null,
  selection: null,
  running: 'idle',
  confirming: false,
  result: null,
  failure: null,
  failures: 0,
  log: null,
  completeDataSet: false,
};

/** The same values would be sent: the file format aside, every choice of the download counts. */
const sameSelection = (a: DhisExportRequest | null, b: DhisExportRequest | null) =>
  a?.dataSet === b?.dataSet && a?.period === b?.period && a?.orgUnit === b?.orgUnit && a?.omitZeros === b?.omitZeros;

export const dhis2SendFeature = createFeature({
  name: 'dhis2Send',
  reducer: createReducer(
    initialDhis2SendState,
    on(dhis2SendApiActions.capabilitiesLoaded, (state, { capabilities }): Dhis2SendState => ({ ...state, capabilities })),
    on(dhis2SendApiActions.capabilitiesFailed, (state): Dhis2SendState => ({ ...state, capabilities: null })),
    on(dhis2SendPageActions.selectionChanged, (state, { selection }): Dhis2SendState =>
      sameSelection(state.selection, selection)
        ? state
        : { ...state, selection, confirming: false, result: null, failure: null, log: null },
    ),
    on(dhis2SendPageActions.dryRunRequested, (state): Dhis2SendState =>
      state.running !== 'idle' || !state.selection ? state : { ...state, running: 'dry-run', confirming: false, result: null, failure: null },
    ),
    on(dhis2SendPageActions.sendRequested, (state): Dhis2SendState =>
      state.running !== 'idle' || !state.selection ? state : { ...state, confirming: true, failure: null },
    ),
    on(dhis2SendPageActions.sendCancelled, (state): Dhis2SendState => ({ ...state, confirming: false })),
    on(dhis2SendPageActions.completeDataSetChanged, (state, { completeDataSet }): Dhis2SendState => ({ ...state, completeDataSet })),
    on(dhis2SendPageActions.sendConfirmed, (state): Dhis2SendState =>
      state.running !== 'idle' || !state.confirming ? state : { ...state, running: 'send', confirming: false, result: null, failure: null },
    ),
    on(dhis2SendApiActions.answerReceived, (state, { result }): Dhis2SendState => ({ ...state, running: 'idle', result })),
    on(dhis2SendApiActions.answerFailed, (state, { status, error, code, details }): Dhis2SendState => ({
      ...state,
      running: 'idle',
      failure: { status, error, ...(code ? { code } : {}), ...(details ? { details } : {}) },
      failures: state.failures + 1,
    })),
    on(dhis2SendApiActions.logLoaded, (state, { selection, view }): Dhis2SendState =>
      sameSelection(state.selection, selection) ? { ...state, log: view } : state,
    ),
    on(dhis2SendApiActions.logFailed, (state): Dhis2SendState => ({ ...state, log: null })),
  ),
  extraSelectors: ({ selectRunning }) => ({
    selectBusy: createSelector(selectRunning, (running) => running !== 'idle'),
  }),
});
