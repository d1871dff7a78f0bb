import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { translator } from '../domain/translate';
import { dhis2SendFeature, initialDhis2SendState } from '../send/state/dhis2-send.feature';
import { COMPARISON } from './compare-fixtures';
import { dhis2ComparePageActions } from './dhis2-compare.actions';
import { Dhis2Compare } from './dhis2-compare';
import { Dhis2CompareState, dhis2CompareFeature, initialDhis2CompareState } from './dhis2-compare.feature';
import { CompareTexts } from './compare-texts';

const selection = { dataSet: 'ds1', orgUnit: '', period: '202405', format: 'json' as const, omitZeros: false };
const capabilities = { configured: true, dhis2Host: 'dhis2.example.org', mayDryRun: true, maySend: true };

describe('Dhis2Compare', () => {
  let fixture: ComponentFixture<Dhis2Compare>;
  let store: MockStore;
  let el: HTMLElement;

  async function render(state: Partial<Dhis2CompareState>, locale = 'en') {
    store.setState({
      [dhis2SendFeature.name]: { ...initialDhis2SendState, capabilities, selection },
      [dhis2CompareFeature.name]: { ...initialDhis2CompareState, ...state },
    });
    fixture.componentRef.setInput('locale', locale);
    // the compare's texts load on first use
    for (let tries = 0; tries < 20 && !el.querySelector('section'); tries++) {
      fixture.detectChanges();
      await fixture.whenStable();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    fixture.detectChanges();
    await fixture.whenStable();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [Dhis2Compare],
      providers: [provideMockStore({ initialState: { [dhis2SendFeature.name]: initialDhis2SendState, [dhis2CompareFeature.name]: initialDhis2CompareState } })],
    });
    store = TestBed.inject(MockStore);
    spyOn(store, 'dispatch').and.callThrough();
    fixture = TestBed.createComponent(Dhis2Compare);
    fixture.componentRef.setInput('t', translator({}));
    el = fixture.nativeElement;
  });

  it('compares the selection when asked', async () => {
    await render({});
    el.querySelector<HTMLButtonElement>('button')!.click();
    expect(store.dispatch).toHaveBeenCalledWith(dhis2ComparePageActions.compareRequested({ selection: { dataSet: 'ds1', period: '202405', orgUnit: '' } }));
  });

  it('says the counts first, then the figures a send would replace before → after, zeros first, and the DHIS2 checks', async () => {
    await render({ status: 'loaded', comparedFor: { dataSet: 'ds1', period: '202405', orgUnit: '' }, comparison: COMPARISON });
    expect(el.querySelector('[role="status"]')!.textContent).toContain('What a send would change: 12 new, 1 changed, 1 would become 0, 40 unchanged.');
    const rows = [...el.querySelectorAll('tbody tr')].map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent!.replace(/\s+/g, ' ').trim()));
    expect(rows[0]).toEqual(['North HC (in the CHT: North) · ouNorth0001', 'Home visits (in the CHT: visits) · deVisits0001', '12',
      '0 — would become 0 (DHIS2 keeps no zeros for this data element: the send deletes its figure)']);
    expect(rows[1]![2]).toBe('5');
    expect(rows.length).toBe(2);
    const checks = [...el.querySelectorAll('.preview-check')].map((check) => check.textContent!.replace(/\s+/g, ' '));
    expect(checks[0]).toContain('Error: Org units not assigned to the data set');
    expect(checks[0]).toContain('South · ouSouth0001');
    expect(checks[1]).toContain('DHIS2 closed period 202405 on 2024-06-10');
  });

  it('says in French what DHIS2 could not do, and the rest still shows', async () => {
    await render({ status: 'loaded', comparedFor: { dataSet: 'ds1', period: '202405', orgUnit: '' },
      comparison: { ...COMPARISON, counts: undefined, values: [], checks: [], complete: false,
        problems: [{ code: 'dhis2-unreachable', part: 'system', message: 'DHIS2 at x could not be reached' }] } }, 'fr');
    expect(el.querySelector('.compare-problem')!.textContent).toBe('DHIS2 est injoignable\u202f: la comparaison n\'a pas été faite. Le reste de la page fonctionne\u202f; réessayez plus tard.');
    expect(el.querySelector('h2')!.textContent!.trim()).toBe('Comparer avec DHIS2');
    expect(el.querySelector('table')).toBeNull();
  });

  it('shows nothing when sending is not configured', async () => {
    store.setState({
      [dhis2SendFeature.name]: { ...initialDhis2SendState, capabilities: { ...capabilities, configured: false } },
      [dhis2CompareFeature.name]: initialDhis2CompareState,
    });
    fixture.detectChanges();
    await fixture.whenStable();
    expect(el.textContent!.trim()).toBe('');
    expect(TestBed.inject(CompareTexts)).toBeTruthy();
  });
});
