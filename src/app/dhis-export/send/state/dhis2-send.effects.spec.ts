import { Actions } from '@ngrx/effects';
import { Action, Store } from '@ngrx/store';
import { BehaviorSubject, Subject, firstValueFrom, of } from 'rxjs';
import { Dhis2SendApi, SendError, SendResult } from '../dhis2-send-api';
import { dhis2SendApiActions, dhis2SendPageActions } from './dhis2-send.actions';
import { loadCapabilities, loadExportLog, sendToDhis2 } from './dhis2-send.effects';
import { dhis2SendFeature } from './dhis2-send.feature';

const selection = { dataSet: 'ds1', orgUnit: '', period: '202405', format: 'json' as const, omitZeros: false };
const result = { dryRun: true, outcome: 'success' } as SendResult;

function fakeApi(): jasmine.SpyObj<Dhis2SendApi> {
  const api = jasmine.createSpyObj<Dhis2SendApi>('api', ['capabilities', 'send', 'log']);
  api.capabilities.and.resolveTo({ configured: true, dhis2Host: 'dhis2.example.org', mayDryRun: true, maySend: false });
  api.send.and.resolveTo(result);
  api.log.and.resolveTo({ current: { values: 4, total: 9 }, records: [] });
  return api;
}

/** A store whose selectors answer from a map of observables. */
function fakeStore(values: Map<unknown, unknown>): Store {
  return { select: (selector: unknown) => (values.get(selector) ?? of(null)) } as unknown as Store;
}

describe('DHIS2 send effects', () => {
  it('reads whether sending is configured when the page opens', async () => {
    const api = fakeApi();
    const action = await firstValueFrom(loadCapabilities(of(dhis2SendPageActions.opened()) as Actions, api));
    expect(action).toEqual(dhis2SendApiActions.capabilitiesLoaded({ capabilities: await api.capabilities() }));
  });

  it('dry-runs the selection with DHIS2\'s dryRun, and sends only when confirmed, with the digest of the values confirmed', async () => {
    const api = fakeApi();
    const store = fakeStore(new Map<unknown, unknown>([
      [dhis2SendFeature.selectSelection, of(selection)],
      [dhis2SendFeature.selectRunning, of('dry-run')],
      [dhis2SendFeature.selectLog, of({ current: { values: 4, total: 9, digest: 'd1' }, records: [] })],
      [dhis2SendFeature.selectCompleteDataSet, of(false)],
    ]));
    expect(await firstValueFrom(sendToDhis2(of(dhis2SendPageActions.dryRunRequested()) as Actions, store, api)))
      .toEqual(dhis2SendApiActions.answerReceived({ result }));
    expect(api.send).toHaveBeenCalledWith(selection, true, { confirm: undefined, completeDataSet: false });
    await firstValueFrom(sendToDhis2(of(dhis2SendPageActions.sendConfirmed()) as Actions, store, api));
    expect(api.send).toHaveBeenCalledWith(selection, false, { confirm: 'd1', completeDataSet: false });
  });

  it('asks DHIS2 to mark the data set complete when the user chose so', async () => {
    const api = fakeApi();
    const store = fakeStore(new Map<unknown, unknown>([
      [dhis2SendFeature.selectSelection, of(selection)],
      [dhis2SendFeature.selectRunning, of('send')],
      [dhis2SendFeature.selectLog, of({ current: { values: 4, total: 9, digest: 'd1' }, records: [] })],
      [dhis2SendFeature.selectCompleteDataSet, of(true)],
    ]));
    await firstValueFrom(sendToDhis2(of(dhis2SendPageActions.sendConfirmed()) as Actions, store, api));
    expect(api.send).toHaveBeenCalledWith(selection, false, { confirm: 'd1', completeDataSet: true });
  });

  it('reports changed figures with what was confirmed beside what the server holds now', async () => {
    const api = fakeApi();
    const store = fakeStore(new Map<unknown, unknown>([
      [dhis2SendFeature.selectSelection, of(selection)],
      [dhis2SendFeature.selectRunning, of('send')],
      [dhis2SendFeature.selectLog, of({ current: { values: 4, total: 9, digest: 'd1' }, records: [] })],
    ]));
    api.send.and.rejectWith(new SendError(409, 'The figures changed', 'send.changed', { now: { values: 5, total: 20, digest: 'd2' } }));
    expect(await firstValueFrom(sendToDhis2(of(dhis2SendPageActions.sendConfirmed()) as Actions, store, api))).toEqual(
      dhis2SendApiActions.answerFailed({
        status: 409, error: 'The figures changed', code: 'send.changed',
        details: { now: { values: 5, total: 20, digest: 'd2' }, confirmedValues: 4, confirmedTotal: 9 },
      }),
    );
  });

  it('reports the server\'s message, or an unreachable server', async () => {
    const api = fakeApi();
    const store = fakeStore(new Map<unknown, unknown>([
      [dhis2SendFeature.selectSelection, of(selection)],
      [dhis2SendFeature.selectRunning, of('send')],
    ]));
    api.send.and.rejectWith(new SendError(504, 'DHIS2 did not answer within 300 s'));
    expect(await firstValueFrom(sendToDhis2(of(dhis2SendPageActions.sendConfirmed()) as Actions, store, api)))
      .toEqual(dhis2SendApiActions.answerFailed({ status: 504, error: 'DHIS2 did not answer within 300 s', code: null, details: {} }));
    api.send.and.rejectWith(new TypeError('Failed to fetch'));
    expect(await firstValueFrom(sendToDhis2(of(dhis2SendPageActions.sendConfirmed()) as Actions, store, api)))
      .toEqual(dhis2SendApiActions.answerFailed({ status: 0, error: null }));
  });

  it('reads the log of the selection when it changes and after each answer, not when the user may not dry-run', async () => {
    const api = fakeApi();
    const chosen$ = new BehaviorSubject(selection);
    const actions$ = new Subject<Action>();
    const capabilities$ = new BehaviorSubject({ configured: true, mayDryRun: true, maySend: false });
    const store = fakeStore(new Map<unknown, unknown>([
      [dhis2SendFeature.selectSelection, chosen$],
      [dhis2SendFeature.selectCapabilities, capabilities$],
    ]));
    const seen: Action[] = [];
    const subscription = loadExportLog(actions$ as unknown as Actions, store, api).subscribe((action) => seen.push(action));
    await new Promise((resolve) => setTimeout(resolve));
    actions$.next(dhis2SendApiActions.answerReceived({ result }));
    await new Promise((resolve) => setTimeout(resolve));
    expect(api.log).toHaveBeenCalledTimes(2);
    expect(seen[0]).toEqual(dhis2SendApiActions.logLoaded({ selection, view: { current: { values: 4, total: 9 }, records: [] } }));
    capabilities$.next({ configured: true, mayDryRun: false, maySend: false });
    actions$.next(dhis2SendApiActions.answerReceived({ result }));
    await new Promise((resolve) => setTimeout(resolve));
    expect(api.log).toHaveBeenCalledTimes(2);
    subscription.unsubscribe();
  });
});
