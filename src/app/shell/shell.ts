import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { Store } from '@ngrx/store';
import { LanguagePicker } from '../i18n/language-picker';
import { languageFeature } from '../i18n/state/language.feature';
import { headerActions } from '../session/state/session.actions';
import { sessionFeature } from '../session/state/session.feature';

/** The Admin Console frame: header with the user, sidebar, main area. */
@Component({
  selector: 'app-shell',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, LanguagePicker],
  templateUrl: './shell.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  private readonly store = inject(Store);

  protected readonly t = this.store.selectSignal(languageFeature.selectHostTexts);
  protected readonly userName = this.store.selectSignal(sessionFeature.selectUserName);

  protected logout(): void {
    this.store.dispatch(headerActions.logoutClicked());
  }
}
