import { dhis2SendPageActions } from '../send/state/dhis2-send.actions';
import { dhis2CompareApiActions } from './dhis2-compare.actions';
import { dhis2CompareFeature, initialDhis2CompareState } from './dhis2-compare.feature';
import { Comparison } from './dhis2-compare-api';
import { COMPARISON } from './compare-fixtures';

const selection = { dataSet: 'ds1', period: '202405', orgUnit: '' };
const reduce = dhis2CompareFeature.reducer;

describe('DHIS2 compare state', () => {
  it('loads a comparison, and keeps the replaced figures (zeros first) for the table', () => {
    let state = reduce(initialDhis2CompareState, dhis2CompareApiActions.comparisonStarted({ selection }));
    expect(state.status).toBe('loading');
    state = reduce(state, dhis2CompareApiActions.comparisonLoaded({ selection, comparison: COMPARISON }));
    expect(state.status).toBe('loaded');
    const rows = dhis2CompareFeature.selectChangedValues.projector(state.comparison);
    expect(rows.map(({ change, orgUnit }) => `${change} ${orgUnit}`)).toEqual(['zeroing ouNorth0001', 'changed ouDistrict1']);
  });

  it('ignores an answer for another selection, and forgets the comparison when the choice changes', () => {
    let state = reduce(initialDhis2CompareState, dhis2CompareApiActions.comparisonStarted({ selection }));
    state = reduce(state, dhis2CompareApiActions.comparisonLoaded({ selection: { ...selection, period: '202404' }, comparison: {} as Comparison }));
    expect(state.status).toBe('loading');
    state = reduce(state, dhis2CompareApiActions.comparisonFailed({ selection, status: 502, error: 'no' }));
    expect(state.failure).toEqual({ status: 502, error: 'no' });
    const same = reduce(state, dhis2SendPageActions.selectionChanged({ selection: { ...selection, format: 'csv', omitZeros: true } }));
    expect(same).toBe(state);
    expect(reduce(state, dhis2SendPageActions.selectionChanged({ selection: { ...selection, orgUnit: 'ou1', format: 'json', omitZeros: false } })))
      .toEqual(initialDhis2CompareState);
  });
});
