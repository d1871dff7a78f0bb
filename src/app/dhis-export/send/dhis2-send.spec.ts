import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { translator } from '../domain/translate';
import { Dhis2Send } from './dhis2-send';
import { SendResult } from './dhis2-send-api';
import { dhis2SendPageActions } from './state/dhis2-send.actions';
import { Dhis2SendState, dhis2SendFeature, initialDhis2SendState } from './state/dhis2-send.feature';

const selection = { dataSet: 'ds1', orgUnit: 'ou-1', period: '202405', format: 'json' as const, omitZeros: false };
const configured = { configured: true, dhis2Host: 'dhis2.example.org', mayDryRun: true, maySend: true };

describe('Dhis2Send', () => {
  let fixture: ComponentFixture<Dhis2Send>;
  let store: MockStore;
  let el: HTMLElement;

  async function render(state: Partial<Dhis2SendState>) {
    store.setState({ [dhis2SendFeature.name]: { ...initialDhis2SendState, ...state } });
    fixture.detectChanges();
    await fixture.whenStable();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [Dhis2Send],
      providers: [provideMockStore({ initialState: { [dhis2SendFeature.name]: initialDhis2SendState } })],
    });
    store = TestBed.inject(MockStore);
    spyOn(store, 'dispatch').and.callThrough();
    fixture = TestBed.createComponent(Dhis2Send);
    fixture.componentRef.setInput('t', translator({}));
    fixture.componentRef.setInput('dataSets', [{ id: 'ds1', name: 'Monthly' }]);
    fixture.componentRef.setInput('placesByDataSet', new Map([['ds1', [{ orgUnit: 'ou-1', name: 'Clinic' }]]]));
    fixture.componentRef.setInput('periods', [{ value: '202405', label: 'May, 2024' }]);
    el = fixture.nativeElement;
  });

  it('asks for the capabilities, and says in one line how to enable sending when it is not configured', async () => {
    await render({ capabilities: { configured: false, howToEnable: 'set DHIS2_URL', mayDryRun: true, maySend: false } });
    expect(store.dispatch).toHaveBeenCalledWith(dhis2SendPageActions.opened());
    expect(el.querySelector('#dhis2-send-unconfigured')?.textContent).toContain('set DHIS2_URL and DHIS2_TOKEN');
    expect(el.querySelector('button')).toBeNull();
  });

  it('shows nothing to a user who may not export', async () => {
    await render({ capabilities: { configured: true, mayDryRun: false, maySend: false } });
    expect(el.textContent?.trim()).toBe('');
  });

  it('offers the dry run, and the send only to those who may send', async () => {
    await render({ capabilities: { ...configured, maySend: false }, selection });
    const buttons = [...el.querySelectorAll('button')].map((button) => button.textContent?.trim());
    expect(buttons).toEqual(['Check with DHIS2 (dry run)']);
    el.querySelector('button')!.click();
    expect(store.dispatch).toHaveBeenCalledWith(dhis2SendPageActions.dryRunRequested());
  });

  it('confirms the send naming data set, month, place and number of values, and disables the buttons while one runs', async () => {
    await render({ capabilities: configured, selection, confirming: true, log: { current: { values: 12, total: 30 }, records: [] } });
    const confirmation = el.querySelector<HTMLElement>('[role="group"]')!;
    expect(confirmation.textContent).toContain('Send 12 values of Monthly for May, 2024, Clinic · ou-1, to DHIS2 at dhis2.example.org?');
    expect(document.activeElement?.textContent?.trim()).toBe('Yes, send to DHIS2');
    (document.activeElement as HTMLElement).click();
    expect(store.dispatch).toHaveBeenCalledWith(dhis2SendPageActions.sendConfirmed());
    await render({ capabilities: configured, selection, running: 'send' });
    expect([...el.querySelectorAll<HTMLButtonElement>('.actions button')].every((button) => button.disabled)).toBeTrue();
    expect(el.querySelector('[role="status"]')?.textContent).toContain('Sending to DHIS2…');
  });

  it('says what DHIS2 answered, conflicts by place and target', async () => {
    const result: SendResult = {
      dryRun: true,
      outcome: 'warning',
      sent: false,
      values: 6,
      counts: { imported: 4, updated: 0, ignored: 2, deleted: 0 },
      conflicts: [
        {
          place: { name: 'Clinic', orgUnit: 'ou-1' },
          target: { title: 'births', dataElement: 'de-1' },
          errorCode: 'E7636',
          message: 'Data element: `de-1` must be assigned through data sets to organisation unit: `ou-1`',
          meaning: 'The organisation unit is not assigned to a data set with this data element',
          action: 'In DHIS2, assign the organisation unit to the data set',
        },
      ],
      dhis2: { status: 'WARNING', httpStatus: 409 },
    };
    await render({ capabilities: configured, selection, result });
    const answer = el.querySelector<HTMLElement>('.send-result')!;
    expect(answer.querySelector('h3')?.textContent).toBe('DHIS2 would not accept every value: 1 conflicts. Nothing was saved.');
    expect(answer.textContent).toContain('4 imported, 0 updated, 2 ignored and 0 deleted (status WARNING)');
    expect(answer.querySelector('li')?.textContent).toContain('Clinic (ou-1)');
    expect(answer.querySelector('li')?.textContent).toContain('births (de-1)');
    expect(answer.querySelector('li')?.textContent).toContain('E7636');
    expect(document.activeElement).toBe(answer);
  });

  it('offers to mark the data set complete, a labelled checkbox with its hint, and says what DHIS2 registered', async () => {
    await render({ capabilities: configured, selection });
    const box = el.querySelector<HTMLInputElement>('input[type="checkbox"]#dhis2-complete-data-set')!;
    expect(box.checked).toBeFalse();
    expect(el.querySelector('label[for="dhis2-complete-data-set"]')?.textContent?.trim()).toBe('Also mark the data set complete for each place sent');
    expect(el.querySelector(`#${box.getAttribute('aria-describedby')}`)?.textContent).toContain('reporting rates');
    box.click();
    expect(store.dispatch).toHaveBeenCalledWith(dhis2SendPageActions.completeDataSetChanged({ completeDataSet: true }));
    const result = {
      dryRun: false, outcome: 'success', sent: true, values: 4, counts: { imported: 4, updated: 0, ignored: 0, deleted: 0 }, conflicts: [],
      dhis2: { status: 'SUCCESS', httpStatus: 200 },
      completeness: { outcome: 'success', orgUnits: ['ou-1', 'ou-2'], counts: { imported: 2, updated: 0, ignored: 0, deleted: 0 }, conflicts: [] },
    } as SendResult;
    await render({ capabilities: configured, selection, completeDataSet: true, result });
    expect(el.querySelector<HTMLInputElement>('#dhis2-complete-data-set')!.checked).toBeTrue();
    expect(el.querySelector('.completeness')?.textContent).toBe('DHIS2 marked the data set complete for 2 places.');
    await render({ capabilities: configured, selection, result: { ...result, outcome: 'warning', completeness: { outcome: 'skipped', orgUnits: ['ou-1'] } } });
    expect(el.querySelector('.completeness')?.textContent).toContain('not marked complete: DHIS2 did not accept every value');
  });

  it('focuses the error summary when DHIS2 could not be asked', async () => {
    await render({ capabilities: configured, selection, failure: { status: 502, error: 'DHIS2 refused the credentials' }, failures: 1 });
    const alert = el.querySelector<HTMLElement>('[role="alert"]')!;
    expect(alert.textContent).toContain('DHIS2 refused the credentials');
    expect(document.activeElement).toBe(alert);
  });

  it('words changed figures and a send under way in the user\'s language, from the server\'s code', async () => {
    await render({
      capabilities: configured, selection, failures: 1,
      failure: { status: 409, error: 'The figures changed', code: 'send.changed', details: { now: { values: 31, total: 1076 }, confirmedValues: 30, confirmedTotal: 876 } },
    });
    expect(el.querySelector('[role="alert"] p')?.textContent).toBe(
      'The figures changed since you confirmed them: 30 values (total 876) then, 31 values (total 1,076) now. Nothing was sent: check the new figures, then send again.',
    );
    expect(el.querySelector('[role="alert"] p')?.getAttribute('lang')).toBeNull();
    await render({ capabilities: configured, selection, failures: 2, failure: { status: 409, error: 'busy', code: 'send.busy', details: { holder: 'ana', since: '2024-06-03T10:00:00Z' } } });
    expect(el.querySelector('[role="alert"] p')?.textContent).toMatch(/^ana has been sending this data set, period and place to DHIS2 since .*2024.*Nothing was sent/);
  });

  it('says a send whose answer never came was confirmed, or not, by reading DHIS2 back; never "not sent"', async () => {
    const readBack = { outcome: 'in-dhis2' as const, matching: 6, differing: 0, missing: 0 };
    await render({ capabilities: configured, selection, result: { dryRun: false, outcome: 'unknown', sent: null, values: 6, readBack } });
    const answer = el.querySelector<HTMLElement>('.send-result')!;
    expect(answer.querySelector('h3')?.textContent).toContain('all 6 values are in DHIS2. The send went through.');
    expect(answer.textContent).not.toContain('imported');
    await render({ capabilities: configured, selection, result: { dryRun: false, outcome: 'unknown', sent: null, values: 6, readBack: { ...readBack, outcome: 'unreadable' } } });
    expect(el.querySelector('.send-result h3')?.textContent).toContain('nobody knows yet whether the values were imported');
  });

  it('lists the recent records and what changed since the last send', async () => {
    await render({
      capabilities: configured,
      selection,
      log: {
        current: { values: 2, total: 5 },
        records: [
          {
            id: 'a', action: 'send', user: 'manager', at: '2024-06-03T10:00:00Z', orgUnit: 'ou-1', values: 2, total: 4,
            dhis2: { status: 'SUCCESS', importCount: { imported: 2, updated: 0, ignored: 0, deleted: 0 }, conflicts: 0 },
          },
          { id: 'b', action: 'send', user: 'manager', at: '2024-06-02T10:00:00Z', values: 2, total: 4, failure: { reason: 'network', message: 'no answer' } },
          { id: 'c', action: 'read-back', user: 'manager', at: '2024-06-01T10:01:00Z', values: 2, total: 4, readBack: { outcome: 'in-dhis2', matching: 2, differing: 0, missing: 0, refersTo: 'd' } },
          { id: 'd', action: 'send', user: 'manager', at: '2024-06-01T10:00:00Z', values: 2, total: 4, sent: null, unknown: { reason: 'timeout', message: 'DHIS2 did not answer within 300 s' } },
        ],
        changesSinceLastSend: { sentAt: '2024-06-03T10:00:00Z', sentBy: 'manager', changes: [{ orgUnit: 'ou-1', dataElement: 'de-1', sent: 3, now: 4 }] },
      },
    });
    const items = [...el.querySelectorAll('.export-log li')].map((item) => item.textContent);
    expect(items[0]).toMatch(/^Sent .* by manager: 2 values \(ou-1\), SUCCESS 2 imported, 0 updated, 0 ignored$/);
    expect(items[1]).toMatch(/^Not sent .*: no answer$/);
    expect(items[2]).toMatch(/^Read back from DHIS2 .*: the values sent are there \(confirmed in DHIS2\)$/);
    expect(items[3]).toMatch(/^Sent .* by manager: 2 values \(all places\); DHIS2's answer never came \(DHIS2 did not answer within 300 s\)$/);
    const row = [...el.querySelectorAll('table.changes tbody td')].map((cell) => cell.textContent?.trim());
    expect(row).toEqual(['Clinic (ou-1)', 'de-1', '3', '4']);
  });
});
