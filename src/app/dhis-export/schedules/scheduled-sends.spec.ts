import { ComponentFixture, TestBed } from '@angular/core/testing';
import { translator } from '../domain/translate';
import { ScheduledSends } from './scheduled-sends';
import { Schedule, ScheduleError, ScheduledSendsApi, SchedulesView } from './scheduled-sends-api';

const failing: Schedule = {
  id: 's1', dataSet: 'ds1', orgUnit: 'ou-1', dayOfMonth: 5, time: '06:00', timeZone: 'Africa/Nairobi', enabled: true, dryRunFirst: true,
  minCoverage: 0, sendAnywayAfterDays: 7, completeDataSet: false, resendChanges: 0, nextRun: '2026-12-05T03:00:00.000Z',
  lastRun: { period: '202610', at: '2026-11-05T03:00:00.000Z', state: 'failed', attempt: 1, nextAttemptAt: '2026-11-05T03:05:00.000Z' },
};
const view = (schedules: Schedule[] = [failing]): SchedulesView => ({
  sendingConfigured: true,
  serverTimeZone: 'Africa/Nairobi',
  schedules,
  attention: schedules.some((found) => found.lastRun?.state === 'failed')
    ? [{ scheduleId: 's1', dataSet: 'ds1', orgUnit: 'ou-1', code: 'schedule-failing', params: { period: '202610', attempt: 1, nextAttemptAt: '2026-11-05T03:05:00.000Z' } }]
    : [],
});

describe('ScheduledSends', () => {
  let fixture: ComponentFixture<ScheduledSends>;
  let api: jasmine.SpyObj<ScheduledSendsApi>;
  let el: HTMLElement;

  async function render(locale = 'en', maySend = true) {
    api.maySend.and.resolveTo(maySend);
    fixture = TestBed.createComponent(ScheduledSends);
    fixture.componentRef.setInput('t', translator({}, locale));
    fixture.componentRef.setInput('locale', locale);
    fixture.componentRef.setInput('dataSets', [{ id: 'ds1', name: 'Monthly' }]);
    fixture.componentRef.setInput('placesByDataSet', new Map([['ds1', [{ orgUnit: 'ou-1', name: 'Clinic' }]]]));
    el = fixture.nativeElement;
    await settle();
  }

  async function settle() {
    for (let i = 0; i < 3; i++) {
      // the API's answers are promises: let them settle, then render
      await new Promise((resolve) => setTimeout(resolve));
      fixture.detectChanges();
      await fixture.whenStable();
    }
  }

  const button = (name: string) => [...el.querySelectorAll('button')].find((found) => found.textContent?.trim() === name)!;

  beforeEach(() => {
    api = jasmine.createSpyObj<ScheduledSendsApi>('ScheduledSendsApi', ['list', 'create', 'update', 'remove', 'maySend']);
    api.list.and.resolveTo(view());
    TestBed.configureTestingModule({ imports: [ScheduledSends], providers: [{ provide: ScheduledSendsApi, useValue: api }] });
  });

  it('lists schedules with when they run, the next run and the last outcome, under a banner for those needing attention', async () => {
    await render();
    const row = el.querySelector('tbody tr')!;
    expect(row.querySelector('th')?.textContent).toContain('Monthly · Clinic');
    expect(row.textContent).toContain('Day 5 of each month at 06:00 (Africa/Nairobi)');
    expect(row.textContent).toContain('202610: attempt 1 failed; next attempt');
    expect(el.querySelector('.schedule-attention')?.textContent).toContain('Monthly · Clinic: the send of 202610 failed. Next attempt');
  });

  it('pauses, and deletes after asking', async () => {
    api.update.and.resolveTo({ ...failing, enabled: false });
    api.remove.and.resolveTo({ id: 's1', deleted: true });
    await render();
    button('Pause').click();
    await settle();
    expect(api.update).toHaveBeenCalledWith('s1', { enabled: false });
    expect(el.querySelector('[aria-live=polite]')?.textContent).toContain('Scheduled send saved.');
    button('Delete').click();
    await settle();
    expect(el.querySelector('.confirmation')?.textContent).toContain('Delete the scheduled send of Monthly · Clinic?');
    expect(document.activeElement?.textContent?.trim()).toBe('Delete it');
    button('Delete it').click();
    await settle();
    expect(api.remove).toHaveBeenCalledWith('s1');
  });

  it('creates one from the form, and words the server\'s refusal in the reader\'s language', async () => {
    api.list.and.resolveTo(view([]));
    api.create.and.rejectWith(new ScheduleError(400, 'invalid-field', { field: 'timeZone' }, '"timeZone" must be …'));
    await render('fr');
    expect(el.querySelector('h2')?.textContent).toBe('Envois programmés');
    button('Nouvel envoi programmé').click();
    await settle();
    const day = el.querySelector<HTMLInputElement>('#schedule-day')!;
    day.value = '12';
    day.dispatchEvent(new Event('input'));
    button('Enregistrer').click();
    await settle();
    expect(api.create).toHaveBeenCalledWith(jasmine.objectContaining({ dataSet: 'ds1', dayOfMonth: 12, time: '06:00', timeZone: 'Africa/Nairobi', dryRunFirst: true }));
    const error = el.querySelector('.error-summary')!;
    expect(error.textContent).toContain('Le fuseau horaire doit être un fuseau IANA, comme Africa/Nairobi.');
    expect(document.activeElement).toBe(error);
  });

  it('offers no change to a user who may only read', async () => {
    await render('en', false);
    expect(el.querySelector('tbody tr')).not.toBeNull();
    expect([...el.querySelectorAll('button')].length).toBe(0);
  });
});
