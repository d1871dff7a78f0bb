import { ChangeDetectionStrategy, Component, ElementRef, afterNextRender, computed, inject, viewChild, viewChildren } from '@angular/core';
import { Location } from '@angular/common';
import { toSignal } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterOutlet } from '@angular/router';
import { filter, map } from 'rxjs';
import { Store } from '@ngrx/store';
import { languageFeature } from '../i18n/state/language.feature';

export interface ExportTab {
  readonly path: string;
  readonly label: string;
}

/** The tabs this console offers under "Import & export data": only DHIS2. */
export const EXPORT_TABS: readonly ExportTab[] = [{ path: 'dhis', label: 'DHIS2' }];

/**
 * "Import & export data": the heading and a tab list whose tabs are links to the tabs' routes
 * (ARIA tabs pattern with automatic activation: arrow keys, Home and End move and open; Enter and Space open).
 */
@Component({
  selector: 'app-export-area',
  imports: [RouterOutlet, RouterLink],
  templateUrl: './export-area.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExportArea {
  private readonly router = inject(Router);
  protected readonly t = inject(Store).selectSignal(languageFeature.selectHostTexts);
  protected readonly tabs = EXPORT_TABS;
  private readonly tabLinks = viewChildren<ElementRef<HTMLAnchorElement>>('tab');
  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');

  constructor() {
    // after login, focus lands on the page's heading: a screen reader says where the user is
    const state = (this.router.getCurrentNavigation()?.extras.state ?? inject(Location).getState()) as Record<string, unknown> | null;
    if (state?.['focusHeading']) {
      afterNextRender(() => this.heading().nativeElement.focus());
    }
  }

  /** The path of the tab whose route is shown; the first tab when none is. */
  protected readonly activePath = toSignal(
    this.router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map(() => this.shownTabPath()),
    ),
    { initialValue: this.shownTabPath() },
  );
  protected readonly activeTabId = computed(() => `tab-${this.activePath()}`);

  private shownTabPath(): string {
    const shown = this.tabs.find(({ path }) =>
      this.router.isActive(`/admin/export/${path}`, {
        paths: 'subset',
        queryParams: 'ignored',
        fragment: 'ignored',
        matrixParams: 'ignored',
      }),
    );
    return (shown ?? this.tabs[0]).path;
  }

  protected onTabKeydown(event: KeyboardEvent, index: number): void {
    const last = this.tabs.length - 1;
    const target = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last, ' ': index }[
      event.key
    ];
    if (target === undefined) return;
    event.preventDefault();
    this.tabLinks()[target]?.nativeElement.focus();
    void this.router.navigate(['/admin/export', this.tabs[target].path]);
  }
}
