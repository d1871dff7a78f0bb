import { initialLanguageState } from '../i18n/state/language.feature';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { headerActions } from '../session/state/session.actions';
import { sessionFeature } from '../session/state/session.feature';
import { Shell } from './shell';

describe('Shell', () => {
  let fixture: ComponentFixture<Shell>;
  let store: MockStore;
  let el: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [Shell],
      providers: [provideRouter([]), provideMockStore({ initialState: { language: initialLanguageState }, selectors: [{ selector: sessionFeature.selectUserName, value: 'pm' }] })],
    });
    store = TestBed.inject(MockStore);
    spyOn(store, 'dispatch');
    fixture = TestBed.createComponent(Shell);
    el = fixture.nativeElement;
    await fixture.whenStable();
  });

  // overridden selectors are memoized module-wide: undo them for the next spec
  afterEach(() => store.resetSelectors());

  it('has header, navigation and main landmarks, and a skip link first', () => {
    expect(el.querySelector('header')!.textContent).toContain('pm');
    expect(el.querySelector('nav')!.getAttribute('aria-label')).toBeTruthy();
    expect(el.querySelector('main#main')).not.toBeNull();
    expect(el.querySelector('a')!.getAttribute('href')).toBe('#main');
  });

  it('skips to the main content by moving focus, without navigating', () => {
    const skipLink = el.querySelector('a.skip-link') as HTMLAnchorElement;
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    skipLink.dispatchEvent(click);
    expect(click.defaultPrevented).toBeTrue();
    expect(document.activeElement).toBe(el.querySelector('main'));
  });

  it('links "Import & export data" to the export area', () => {
    const link = [...el.querySelectorAll('nav a')].find((a) => a.textContent!.trim() === 'Import & export data')!;
    expect(link.getAttribute('href')).toBe('/admin/export');
  });

  it('logs out from the header', () => {
    const button = [...el.querySelectorAll('header button')].find((b) => b.textContent!.trim() === 'Log out') as HTMLButtonElement;
    button.click();
    expect(store.dispatch).toHaveBeenCalledWith(headerActions.logoutClicked());
  });
});
