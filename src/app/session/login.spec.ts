import { initialLanguageState } from '../i18n/state/language.feature';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Login } from './login';
import { loginPageActions } from './state/session.actions';
import { LoginError, sessionFeature } from './state/session.feature';

describe('Login', () => {
  let fixture: ComponentFixture<Login>;
  let store: MockStore;
  let el: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [Login],
      providers: [
        provideMockStore({ initialState: { language: initialLanguageState },
          selectors: [
            { selector: sessionFeature.selectLoggingIn, value: false },
            { selector: sessionFeature.selectLoginError, value: null },
          ],
        }),
        {
          provide: ActivatedRoute,
          useValue: { snapshot: { queryParamMap: convertToParamMap({ returnUrl: '/admin/export/dhis' }) } },
        },
      ],
    });
    store = TestBed.inject(MockStore);
    spyOn(store, 'dispatch');
    fixture = TestBed.createComponent(Login);
    el = fixture.nativeElement;
    await fixture.whenStable();
  });

  // overridden selectors are memoized module-wide: undo them for the next spec
  afterEach(() => store.resetSelectors());

  const input = (id: string) => el.querySelector<HTMLInputElement>(`#${id}`)!;
  async function fill(name: string, password: string) {
    for (const [id, value] of [['login-name', name], ['login-password', password]]) {
      input(id).value = value;
      input(id).dispatchEvent(new Event('input'));
    }
    await fixture.whenStable();
  }

  it('has labelled user name and password fields, a Login button, landmarks and one h1', () => {
    expect(el.querySelector('label[for="login-name"]')!.textContent!.trim()).toBe('User name');
    expect(el.querySelector('label[for="login-password"]')!.textContent!.trim()).toBe('Password');
    expect(input('login-password').type).toBe('password');
    const button = el.querySelector<HTMLButtonElement>('button')!;
    expect(button.type).toBe('submit');
    expect(button.textContent!.trim()).toBe('Login');
    expect(el.querySelector('header')).not.toBeNull();
    expect(el.querySelector('main')).not.toBeNull();
    expect(el.querySelectorAll('h1').length).toBe(1);
  });

  it('submits name, password and where to return', async () => {
    await fill(' pm ', 'secret');
    el.querySelector<HTMLButtonElement>('button')!.click();
    expect(store.dispatch).toHaveBeenCalledWith(
      loginPageActions.loginSubmitted({ name: 'pm', password: 'secret', returnUrl: '/admin/export/dhis' }),
    );
  });

  it('asks for each empty field, the summary linking to it and the message beside it', async () => {
    el.querySelector<HTMLButtonElement>('button')!.click();
    await fixture.whenStable();
    expect(store.dispatch).not.toHaveBeenCalled();
    const links = [...el.querySelectorAll<HTMLAnchorElement>('[role="alert"] a')];
    expect(links.map((link) => link.textContent!.trim())).toEqual(['Enter your user name', 'Enter your password']);
    expect(el.querySelector('#login-name')!.getAttribute('aria-describedby')).toBe('login-name-error');
    expect(el.querySelector('#login-name-error')!.textContent!.trim()).toBe('Enter your user name');
    links[1].click();
    expect(document.activeElement).toBe(el.querySelector('#login-password'));
    await fill('pm', '');
    el.querySelector<HTMLButtonElement>('button')!.click();
    await fixture.whenStable();
    expect([...el.querySelectorAll('[role="alert"] a')].map((link) => link.textContent!.trim())).toEqual(['Enter your password']);
    expect(el.querySelector('#login-name')!.getAttribute('aria-invalid')).toBeNull();
  });

  it('says a wrong password was refused, with focus on the message', async () => {
    store.overrideSelector(sessionFeature.selectLoginError, 'refused' as LoginError);
    store.refreshState();
    await fixture.whenStable();
    const alert = el.querySelector<HTMLElement>('[role="alert"]')!;
    expect(alert.textContent).toContain('Incorrect user name or password. Please try again.');
    expect(document.activeElement).toBe(alert);
    expect(input('login-password').getAttribute('aria-invalid')).toBe('true');
  });

  it('does not submit twice while logging in', async () => {
    store.overrideSelector(sessionFeature.selectLoggingIn, true);
    store.refreshState();
    await fill('pm', 'secret');
    el.querySelector<HTMLButtonElement>('button')!.click();
    expect(store.dispatch).not.toHaveBeenCalled();
    expect(el.querySelector('button')!.getAttribute('aria-disabled')).toBe('true');
  });
});
