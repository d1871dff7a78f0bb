import { ChangeDetectionStrategy, Component, input, model } from '@angular/core';
import { Translate } from '../domain/translate';

/** Previous / "Page n of m" / Next, for one of the preview's tables. */
@Component({
  selector: 'app-preview-pager',
  template: `
    <nav class="pager" [attr.aria-label]="label()">
      <button class="button button-pager" type="button" [attr.aria-disabled]="page() === 0 ? 'true' : null" (click)="turn(-1)">
        {{ t()('export.dhis.preview.page.previous') }}
      </button>
      <span>{{ t()('export.dhis.preview.page.status', { page: format()(page() + 1), pages: format()(pages()) }) }}</span>
      <button class="button button-pager" type="button" [attr.aria-disabled]="page() + 1 >= pages() ? 'true' : null" (click)="turn(1)">
        {{ t()('export.dhis.preview.page.next') }}
      </button>
    </nav>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PreviewPager {
  readonly t = input.required<Translate>();
  readonly format = input.required<(value: number) => string>();
  readonly label = input.required<string>();
  readonly pages = input.required<number>();
  /** The page shown, from 0. */
  readonly page = model.required<number>();

  protected turn(by: number): void {
    const next = this.page() + by;
    if (next >= 0 && next < this.pages()) this.page.set(next);
  }
}
