import { languageFeature } from './i18n/state/language.feature';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { provideEffects } from '@ngrx/effects';
import { provideState, provideStore } from '@ngrx/store';
import { App } from './app';
import { routes } from './app.routes';
import { MEDIC_DATABASE, MedicDatabase } from './dhis-export/data-access/medic-db';
import { provideDhisExportSession } from './session/dhis-export-session';
import { sessionEffects } from './session/state/session.effects';
import { sessionFeature } from './session/state/session.feature';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('App', () => {
  it('renders the router outlet', async () => {
    TestBed.configureTestingModule({ imports: [App], providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    expect(fixture.nativeElement.querySelector('router-outlet')).not.toBeNull();
  });

  describe('routes', () => {
    let fetchSpy: jasmine.Spy<typeof fetch>;
    let db: jasmine.SpyObj<MedicDatabase>;

    beforeEach(() => {
      fetchSpy = spyOn(window, 'fetch');
      db = jasmine.createSpyObj<MedicDatabase>('db', ['get', 'query']);
      db.get.and.callFake(async (id: string) => {
        if (id === 'settings') {
          return {
            _id: 'settings',
            settings: { dhis_data_sets: [{ id: 'ds1', translation_key: 'ds.one' }], permissions: { can_export_dhis: ['pm'] } },
          } as never;
        }
        throw { status: 404 };
      });
      db.query.and.resolveTo({ rows: [{ id: 'c', doc: { _id: 'c', name: 'Clinic', dhis: { orgUnit: 'ou-c' } } }] } as never);
      TestBed.configureTestingModule({
        providers: [
          provideRouter(routes),
          provideStore(),
          provideState(sessionFeature),
          provideState(languageFeature),
          provideEffects(sessionEffects),
          provideDhisExportSession(),
          { provide: MEDIC_DATABASE, useValue: db },
        ],
      });
    });

    it('sends a logged-out visitor of / to login, remembering the DHIS2 page', async () => {
      fetchSpy.and.resolveTo(json({ ok: true, userCtx: { name: null, roles: [] } }));
      const harness = await RouterTestingHarness.create();
      await harness.navigateByUrl('/');
      expect(TestBed.inject(Router).url).toBe('/login?returnUrl=%2Fadmin%2Fexport%2Fdhis');
      expect(harness.routeNativeElement!.querySelector('#login-name')).not.toBeNull();
    });

    it('opens the DHIS2 tab at /admin/export/dhis for a logged-in user, with the session roles', async () => {
      fetchSpy.and.resolveTo(json({ ok: true, userCtx: { name: 'pm', roles: ['pm'] } }));
      const harness = await RouterTestingHarness.create();
      await harness.navigateByUrl('/');
      expect(TestBed.inject(Router).url).toBe('/admin/export/dhis');
      // reference data loads through promises: let them settle
      const placesShown = () => harness.routeNativeElement!.querySelector('#dhis-place') && !harness.routeNativeElement!.querySelector('#dhis-place-status');
      for (let i = 0; i < 10 && !placesShown(); i++) {
        await new Promise((resolve) => setTimeout(resolve));
        await harness.fixture.whenStable();
      }
      const el = harness.routeNativeElement!;
      expect(el.querySelector('header')!.textContent).toContain('pm');
      expect(el.querySelector('[role="tab"][aria-selected="true"]')!.textContent!.trim()).toBe('DHIS2');
      el.querySelector<HTMLInputElement>('#dhis-place')!.click();
      await harness.fixture.whenStable();
      expect([...el.querySelectorAll('#dhis-place-listbox [role="option"]')].map((o) => o.textContent!.trim())).toEqual([
        'All Places',
        'Clinic · ou-c',
      ]);
      expect(fetchSpy.calls.allArgs().filter(([url]) => url === '/_session').length).toBe(1);
    });
  });
});
