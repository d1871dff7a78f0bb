import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { Store } from '@ngrx/store';
import { languageName } from './language';
import { languagePickerActions } from './state/language.actions';
import { languageFeature } from './state/language.feature';

/** The header's language choice: each language named in itself, kept for the browser session. */
@Component({
  selector: 'app-language-picker',
  template: `
    <label class="language-label" for="language-picker" [attr.lang]="t().langOf('language.label')">{{ t()('language.label') }}</label>
    <select class="select language-select" id="language-picker" [value]="language()" (change)="choose($event)">
      @for (choice of choices(); track choice.code) {
        <option [value]="choice.code" [attr.lang]="choice.tag" [selected]="choice.code === language()">{{ choice.name }}</option>
      }
    </select>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'language-picker' },
})
export class LanguagePicker {
  private readonly store = inject(Store);
  protected readonly t = this.store.selectSignal(languageFeature.selectHostTexts);
  protected readonly language = this.store.selectSignal(languageFeature.selectLanguage);
  private readonly codes = this.store.selectSignal(languageFeature.selectLanguageChoices);
  protected readonly choices = computed(() =>
    this.codes().map((code) => ({ code, tag: code.replace(/_/g, '-'), name: languageName(code) })),
  );

  protected choose(event: Event): void {
    const language = (event.target as HTMLSelectElement).value;
    if (language) this.store.dispatch(languagePickerActions.languageChosen({ language }));
  }
}
