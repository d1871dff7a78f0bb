import { TestBed } from '@angular/core/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { translator } from '../domain/translate';
import { dhis2SendFeature, initialDhis2SendState } from '../send/state/dhis2-send.feature';
import { COMPARISON } from './compare-fixtures';
import { Dhis2CompareCounts } from './compare-counts';
import { dhis2CompareFeature, initialDhis2CompareState } from './dhis2-compare.feature';

const selection = { dataSet: 'ds1', orgUnit: '', period: '202405', format: 'json' as const, omitZeros: false };

describe('Dhis2CompareCounts', () => {
  async function textFor(comparedFor: { dataSet: string; period: string; orgUnit: string }, locale = 'en') {
    TestBed.configureTestingModule({ imports: [Dhis2CompareCounts], providers: [provideMockStore()] });
    TestBed.inject(MockStore).setState({
      [dhis2SendFeature.name]: { ...initialDhis2SendState, selection },
      [dhis2CompareFeature.name]: { ...initialDhis2CompareState, status: 'loaded', comparedFor, comparison: COMPARISON },
    });
    const fixture = TestBed.createComponent(Dhis2CompareCounts);
    fixture.componentRef.setInput('t', translator({}));
    fixture.componentRef.setInput('locale', locale);
    const el: HTMLElement = fixture.nativeElement;
    for (let tries = 0; tries < 20 && !el.textContent; tries++) {
      fixture.detectChanges();
      await fixture.whenStable();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return el.textContent!.trim();
  }

  it('repeats the counts of the comparison of the selection being sent', async () => {
    expect(await textFor({ dataSet: 'ds1', period: '202405', orgUnit: '' })).toBe('Compared with DHIS2: 12 new, 1 changed, 1 would become 0, 40 unchanged.');
  });

  it('says when the selection was not compared, in French too', async () => {
    expect(await textFor({ dataSet: 'ds1', period: '202404', orgUnit: '' }, 'fr')).toBe(
      'Pas encore comparé avec DHIS2\u202f: appuyez sur «\u202fComparer avec DHIS2\u202f» pour voir ce que cet envoi changerait.',
    );
  });
});
