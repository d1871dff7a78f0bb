import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { dhis2SendPageActions } from '../send/state/dhis2-send.actions';
import { CHANGE_KINDS_SHOWN, sameSelection } from './compare-selection';
import { dhis2CompareApiActions } from './dhis2-compare.actions';
import { CompareSelection, Comparison } from './dhis2-compare-api';

export type CompareStatus = 'idle' | 'loading' | 'loaded' | 'failed';

export interface Dhis2CompareState {
  readonly status: CompareStatus;
  /** What the comparison shown (or loading) is of. */
  readonly comparedFor: CompareSelection | null;
  readonly comparison: Comparison | null;
  readonly failure: { readonly status: number; readonly error: string | null } | null;
}

export const initialDhis2CompareState: Dhis2CompareState = { status: 'idle', comparedFor: null, comparison: null, failure: null };

export const dhis2CompareFeature = createFeature({
  name: 'dhis2Compare',
  reducer: createReducer(
    initialDhis2CompareState,
    on(dhis2CompareApiActions.comparisonStarted, (_state, { selection }): Dhis2CompareState => ({
      status: 'loading',
      comparedFor: selection,
      comparison: null,
      failure: null,
    })),
    on(dhis2CompareApiActions.comparisonLoaded, (state, { selection, comparison }): Dhis2CompareState =>
      sameSelection(state.comparedFor, selection) ? { ...state, status: 'loaded', comparison } : state,
    ),
    on(dhis2CompareApiActions.comparisonFailed, (state, { selection, status, error }): Dhis2CompareState =>
      sameSelection(state.comparedFor, selection) ? { ...state, status: 'failed', failure: { status, error } } : state,
    ),
    // another choice in the form: the comparison shown would be of something else
    on(dhis2SendPageActions.selectionChanged, (state, { selection }): Dhis2CompareState =>
      sameSelection(state.comparedFor, selection) ? state : initialDhis2CompareState,
    ),
  ),
  extraSelectors: ({ selectComparison }) => ({
    /** The values a manager reads first: what the send would destroy or replace, before → after. */
    selectChangedValues: createSelector(selectComparison, (comparison) =>
      (comparison?.values ?? []).filter(({ change }) => (CHANGE_KINDS_SHOWN as readonly string[]).includes(change)),
    ),
  }),
});
