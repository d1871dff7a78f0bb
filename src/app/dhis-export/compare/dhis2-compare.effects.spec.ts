import { Actions } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { Observable, Subject, firstValueFrom, of, toArray } from 'rxjs';
import { exportPreviewApiActions } from '../preview/export-preview.actions';
import { exportPreviewFeature } from '../preview/export-preview.feature';
import { ExportPreview } from '../preview/preview-models';
import { dhis2SendPageActions } from '../send/state/dhis2-send.actions';
import { dhis2SendFeature } from '../send/state/dhis2-send.feature';
import { COMPARISON } from './compare-fixtures';
import { dhis2CompareApiActions, dhis2ComparePageActions } from './dhis2-compare.actions';
import { compareWithDhis2 } from './dhis2-compare.effects';
import { dhis2CompareFeature } from './dhis2-compare.feature';
import { CompareError, Comparison, Dhis2CompareApi } from './dhis2-compare-api';

const selection = { dataSet: 'ds1', period: '202405', orgUnit: '' };
const request = { ...selection, format: 'csv' as const, omitZeros: true };

function fakeStore(configured: boolean): Store {
  const values = new Map<unknown, unknown>([
    [exportPreviewFeature.selectPreviewFor, of(request)],
    [dhis2SendFeature.selectCapabilities, of({ configured, mayDryRun: true, maySend: false })],
    [dhis2CompareFeature.selectComparedFor, of(selection)],
  ]);
  return { select: (selector: unknown) => values.get(selector) ?? of(null) } as unknown as Store;
}

function fakeApi(answer: () => Observable<Comparison>): Dhis2CompareApi {
  return { compare: jasmine.createSpy('compare').and.callFake(answer) } as unknown as Dhis2CompareApi;
}

describe('DHIS2 compare effects', () => {
  it('compares when asked: started, then the comparison', async () => {
    const api = fakeApi(() => of(COMPARISON));
    const actions = await firstValueFrom(
      compareWithDhis2(of(dhis2ComparePageActions.compareRequested({ selection })) as Actions, fakeStore(true), api).pipe(toArray()),
    );
    expect(actions).toEqual([
      dhis2CompareApiActions.comparisonStarted({ selection }),
      dhis2CompareApiActions.comparisonLoaded({ selection, comparison: COMPARISON }),
    ]);
  });

  it('compares what a send would send after each preview, only when sending is configured', async () => {
    const loaded = exportPreviewApiActions.previewLoaded({ preview: {} as ExportPreview });
    const api = fakeApi(() => of(COMPARISON));
    const actions = await firstValueFrom(compareWithDhis2(of(loaded) as Actions, fakeStore(true), api).pipe(toArray()));
    expect(actions[0]).toEqual(dhis2CompareApiActions.comparisonStarted({ selection }));
    expect(api.compare).toHaveBeenCalledWith(selection);
    const none = await firstValueFrom(compareWithDhis2(of(loaded) as Actions, fakeStore(false), api).pipe(toArray()));
    expect(none).toEqual([]);
  });

  it('reports a failure with the server\'s words, and cancels a comparison when the choice changes', async () => {
    const failing = fakeApi(() => new Observable<Comparison>((subscriber) => subscriber.error(new CompareError(409, 'not configured'))));
    const failed = await firstValueFrom(
      compareWithDhis2(of(dhis2ComparePageActions.compareRequested({ selection })) as Actions, fakeStore(true), failing).pipe(toArray()),
    );
    expect(failed[1]).toEqual(dhis2CompareApiActions.comparisonFailed({ selection, status: 409, error: 'not configured' }));

    let unsubscribed = false;
    const slow = fakeApi(() => new Observable<Comparison>(() => () => (unsubscribed = true)));
    const actions$ = new Subject<unknown>();
    const seen: unknown[] = [];
    const subscription = compareWithDhis2(actions$ as unknown as Actions, fakeStore(true), slow).subscribe((action) => seen.push(action));
    actions$.next(dhis2ComparePageActions.compareRequested({ selection }));
    actions$.next(dhis2SendPageActions.selectionChanged({ selection: { ...request, orgUnit: 'ou1' } }));
    expect(unsubscribed).toBeTrue();
    expect(seen).toEqual([dhis2CompareApiActions.comparisonStarted({ selection })]);
    subscription.unsubscribe();
  });
});
