import { dhis2SendApiActions, dhis2SendPageActions } from './dhis2-send.actions';
import { Dhis2SendState, dhis2SendFeature, initialDhis2SendState } from './dhis2-send.feature';
import { SendResult } from '../dhis2-send-api';

const { reducer } = dhis2SendFeature;
const selection = { dataSet: 'ds1', orgUnit: '', period: '202405', format: 'json' as const, omitZeros: false };
const result: SendResult = {
  dryRun: true,
  outcome: 'warning',
  sent: false,
  values: 4,
  counts: { imported: 3, updated: 0, ignored: 1, deleted: 0 },
  conflicts: [],
  dhis2: { status: 'WARNING', httpStatus: 409 },
};
const chosen = (state: Partial<Dhis2SendState> = {}) => ({ ...initialDhis2SendState, selection, ...state });

describe('dhis2SendFeature', () => {
  it('keeps the same state while the selection is the same, and forgets the answer when it changes', () => {
    const state = chosen({ result });
    expect(reducer(state, dhis2SendPageActions.selectionChanged({ selection: { ...selection } }))).toBe(state);
    const other = reducer(state, dhis2SendPageActions.selectionChanged({ selection: { ...selection, orgUnit: 'ou-1' } }));
    expect(other.result).toBeNull();
    expect(other.selection?.orgUnit).toBe('ou-1');
    const withoutZeros = reducer(state, dhis2SendPageActions.selectionChanged({ selection: { ...selection, omitZeros: true } }));
    expect(withoutZeros.selection?.omitZeros).toBeTrue();
    expect(withoutZeros.log).toBeNull();
    expect(reducer(state, dhis2SendPageActions.selectionChanged({ selection: { ...selection, format: 'csv' } }))).toBe(state);
  });

  it('runs one thing at a time, and sends only after a confirmation', () => {
    const dry = reducer(chosen(), dhis2SendPageActions.dryRunRequested());
    expect(dry.running).toBe('dry-run');
    expect(reducer(dry, dhis2SendPageActions.sendRequested())).toBe(dry);
    expect(reducer(chosen(), dhis2SendPageActions.sendConfirmed()).running).toBe('idle');
    const asked = reducer(chosen(), dhis2SendPageActions.sendRequested());
    expect(asked.confirming).toBeTrue();
    expect(reducer(asked, dhis2SendPageActions.sendCancelled()).confirming).toBeFalse();
    const sending = reducer(asked, dhis2SendPageActions.sendConfirmed());
    expect(sending.running).toBe('send');
    expect(sending.confirming).toBeFalse();
    expect(dhis2SendFeature.selectBusy.projector(sending.running)).toBeTrue();
  });

  it('keeps the answer, or the failure with a count that moves focus each time', () => {
    const running = chosen({ running: 'send' });
    expect(reducer(running, dhis2SendApiActions.answerReceived({ result }))).toEqual(chosen({ result }));
    const failed = reducer(running, dhis2SendApiActions.answerFailed({ status: 502, error: 'DHIS2 refused' }));
    expect(failed.failure).toEqual({ status: 502, error: 'DHIS2 refused' });
    expect(failed.failures).toBe(1);
    expect(failed.running).toBe('idle');
  });

  it('takes the log of the current selection only', () => {
    const view = { current: { values: 4, total: 9 }, records: [] };
    expect(reducer(chosen(), dhis2SendApiActions.logLoaded({ selection, view })).log).toBe(view);
    expect(reducer(chosen(), dhis2SendApiActions.logLoaded({ selection: { ...selection, period: '202404' }, view })).log).toBeNull();
  });
});
