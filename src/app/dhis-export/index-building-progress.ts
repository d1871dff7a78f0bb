import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { IndexBuilding } from './domain/index-building';
import { Translate } from './domain/translate';

/**
 * While the database builds an index an export or preview needs: a bar, determinate when the
 * server tells how far the build is, what the wait means, and "Stop waiting". The bar is named by
 * the text its container shows; the page's one status region says that text.
 */
@Component({
  selector: 'app-index-building-progress',
  template: `
    <progress class="index-building-bar" max="100" [attr.value]="building().progress" [attr.aria-labelledby]="labelledBy()"></progress>
    <p class="hint" [attr.lang]="t().langOf('export.dhis.index.hint')">{{ t()('export.dhis.index.hint') }}</p>
    <button class="button button-secondary" type="button" [attr.lang]="t().langOf('export.dhis.index.stop')" (click)="stop.emit()">
      {{ t()('export.dhis.index.stop') }}
    </button>
  `,
  host: { class: 'index-building' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IndexBuildingProgress {
  readonly building = input.required<IndexBuilding>();
  readonly t = input.required<Translate>();
  /** The id of the text that names the bar. */
  readonly labelledBy = input.required<string>();
  readonly stop = output<void>();
}
