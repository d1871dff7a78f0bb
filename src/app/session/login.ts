import { ChangeDetectionStrategy, Component, DOCUMENT, ElementRef, afterRenderEffect, computed, effect, inject, signal, viewChild } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { ActivatedRoute } from '@angular/router';
import { Store } from '@ngrx/store';
import { LanguagePicker } from '../i18n/language-picker';
import { languageFeature } from '../i18n/state/language.feature';
import { loginPageActions } from './state/session.actions';
import { sessionFeature } from './state/session.feature';

interface LoginError {
  /** The id of the field it is about; null when it is about none (the server could not be reached). */
  readonly field: string | null;
  readonly key: string;
}

/** The CouchDB session login of the Admin Console. */
@Component({
  selector: 'app-login',
  imports: [ReactiveFormsModule, LanguagePicker],
  templateUrl: './login.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Login {
  private readonly store = inject(Store);
  private readonly route = inject(ActivatedRoute);
  private readonly document = inject(DOCUMENT);

  protected readonly t = this.store.selectSignal(languageFeature.selectHostTexts);
  protected readonly loggingIn = this.store.selectSignal(sessionFeature.selectLoggingIn);
  private readonly loginError = this.store.selectSignal(sessionFeature.selectLoginError);
  /** The fields left empty at the last submission. */
  private readonly missing = signal<{ name: boolean; password: boolean }>({ name: false, password: false });
  /** Sent here because the session ended: say so. */
  protected readonly expired = signal(this.route.snapshot.queryParamMap.get('reason') === 'expired');
  /** Counts submissions so that the same error, twice, takes focus twice. */
  private readonly attempts = signal(0);

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', Validators.required],
    password: ['', Validators.required],
  });

  /** The errors to show, each with the field it is about (GOV.UK's error summary links to them). */
  protected readonly errors = computed((): readonly LoginError[] => {
    const missing = this.missing();
    if (missing.name || missing.password) {
      return [
        ...(missing.name ? [{ field: 'login-name', key: 'login.missing.name' }] : []),
        ...(missing.password ? [{ field: 'login-password', key: 'login.missing.password' }] : []),
      ];
    }
    const error = this.loginError();
    if (error === 'refused') return [{ field: 'login-name', key: 'login.incorrect' }];
    if (error === 'unavailable') return [{ field: null, key: 'login.unavailable' }];
    return [];
  });

  private readonly errorSummary = viewChild<ElementRef<HTMLElement>>('errorSummary');

  constructor() {
    // while an error shows, the tab's title says so first
    const title = inject(Title);
    let added = '';
    effect(() => {
      const current = title.getTitle();
      const base = added && current.startsWith(added) ? current.slice(added.length) : current;
      added = this.errors().length ? `${this.t()('error.prefix')}: ` : '';
      title.setTitle(added + base);
    });
    afterRenderEffect(() => {
      this.attempts();
      this.loginError();
      this.errorSummary()?.nativeElement.focus();
    });
  }

  /** The error beside a field: the field's own, or the refusal, which is about both. */
  protected errorFor(field: 'login-name' | 'login-password'): string | null {
    const errors = this.errors();
    return errors.find((error) => error.field === field)?.key ?? (errors[0]?.key === 'login.incorrect' ? 'login.incorrect' : null);
  }

  /** The summary's links move focus to their field (with <base href>, a plain #id link would reload the app). */
  protected focusField(event: Event, id: string): void {
    event.preventDefault();
    this.document.getElementById(id)?.focus();
  }

  protected submit(): void {
    if (this.loggingIn()) return;
    this.attempts.update((n) => n + 1);
    const { name, password } = this.form.getRawValue();
    this.missing.set({ name: !name.trim(), password: !password });
    if (!name.trim() || !password) return;
    this.expired.set(false);
    const returnUrl = this.route.snapshot.queryParamMap.get('returnUrl') ?? '';
    this.store.dispatch(loginPageActions.loginSubmitted({ name: name.trim(), password, returnUrl }));
  }
}
