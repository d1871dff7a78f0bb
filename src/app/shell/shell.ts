import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { Store } from '@ngrx/store';
import { SESSION_MESSAGES } from '../session/messages';
import { headerActions } from '../session/state/session.actions';
import { sessionFeature } from '../session/state/session.feature';
import { SHELL_MESSAGES } from './messages';

/** The Admin Console frame: header with the user, sidebar, main area. */
@Component({
  selector: 'app-shell',
  imports: [RouterOutlet, RouterLink, RouterLinkActive],
  templateUrl: './shell.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  private readonly store = inject(Store);

  protected readonly text = { ...SHELL_MESSAGES, logout: SESSION_MESSAGES.logout };
  protected readonly userName = this.store.selectSignal(sessionFeature.selectUserName);

  protected logout(): void {
    this.store.dispatch(headerActions.logoutClicked());
  }
}
