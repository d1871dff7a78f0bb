import { provideMockStore } from '@ngrx/store/testing';
import { initialLanguageState } from '../i18n/state/language.feature';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ExportArea } from './export-area';

@Component({ template: '<p>dhis page</p>' })
class FakeDhisPage {}

describe('ExportArea', () => {
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideMockStore({ initialState: { language: initialLanguageState } }),
        provideRouter([
          {
            path: 'admin/export',
            component: ExportArea,
            children: [
              { path: '', pathMatch: 'full', redirectTo: 'dhis' },
              { path: 'dhis', component: FakeDhisPage },
            ],
          },
        ]),
      ],
    });
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/admin/export');
  });

  it('has one h1 and a single selected DHIS2 tab controlling its panel', () => {
    const el = harness.routeNativeElement!;
    expect(TestBed.inject(Router).url).toBe('/admin/export/dhis');
    expect(el.querySelectorAll('h1').length).toBe(1);
    expect(el.querySelector('h1')!.textContent!.trim()).toBe('Import & export data');
    const tabs = el.querySelectorAll('[role="tablist"] [role="tab"]');
    expect(tabs.length).toBe(1);
    const tab = tabs[0] as HTMLAnchorElement;
    expect(tab.textContent!.trim()).toBe('DHIS2');
    expect(tab.getAttribute('aria-selected')).toBe('true');
    expect(tab.getAttribute('tabindex')).toBe('0');
    expect(tab.getAttribute('href')).toBe('/admin/export/dhis');
    const panel = el.querySelector(`#${tab.getAttribute('aria-controls')}`)!;
    expect(panel.getAttribute('role')).toBe('tabpanel');
    expect(panel.getAttribute('aria-labelledby')).toBe(tab.id);
    expect(panel.textContent).toContain('dhis page');
  });

  it('handles arrow keys on the tab list without leaving the tab', async () => {
    const tab = harness.routeNativeElement!.querySelector<HTMLAnchorElement>('[role="tab"]')!;
    const event = new KeyboardEvent('keydown', { key: 'ArrowRight', cancelable: true });
    tab.dispatchEvent(event);
    await harness.fixture.whenStable();
    expect(event.defaultPrevented).toBeTrue();
    expect(document.activeElement).toBe(tab);
    expect(TestBed.inject(Router).url).toBe('/admin/export/dhis');
  });
});
