import { ChangeDetectionStrategy, Component, ElementRef, afterRenderEffect, computed, inject, signal, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { ActivatedRoute } from '@angular/router';
import { Store } from '@ngrx/store';
import { LanguagePicker } from '../i18n/language-picker';
import { languageFeature } from '../i18n/state/language.feature';
import { loginPageActions } from './state/session.actions';
import { sessionFeature } from './state/session.feature';

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

  protected readonly t = this.store.selectSignal(languageFeature.selectHostTexts);
  protected readonly loggingIn = this.store.selectSignal(sessionFeature.selectLoggingIn);
  private readonly loginError = this.store.selectSignal(sessionFeature.selectLoginError);
  /** Set when the form is submitted incomplete; cleared by the next submission. */
  private readonly missing = signal(false);
  /** Counts submissions so that the same error, twice, takes focus twice. */
  private readonly attempts = signal(0);

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', Validators.required],
    password: ['', Validators.required],
  });

  /** The key of the error to show. */
  protected readonly errorKey = computed(() => {
    if (this.missing()) return 'login.missing';
    const error = this.loginError();
    if (error === 'refused') return 'login.incorrect';
    if (error === 'unavailable') return 'login.unavailable';
    return null;
  });

  private readonly errorSummary = viewChild<ElementRef<HTMLElement>>('errorSummary');

  constructor() {
    afterRenderEffect(() => {
      this.attempts();
      this.loginError();
      this.errorSummary()?.nativeElement.focus();
    });
  }

  protected submit(): void {
    if (this.loggingIn()) return;
    this.attempts.update((n) => n + 1);
    const { name, password } = this.form.getRawValue();
    this.missing.set(!name.trim() || !password);
    if (this.missing()) return;
    const returnUrl = this.route.snapshot.queryParamMap.get('returnUrl') ?? '';
    this.store.dispatch(loginPageActions.loginSubmitted({ name: name.trim(), password, returnUrl }));
  }
}
