import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { Store } from '@ngrx/store';
import { numberFormat } from '../domain/numbers';
import { Translate } from '../domain/translate';
import { dhis2SendFeature } from '../send/state/dhis2-send.feature';
import { sameSelection } from './compare-selection';
import { CompareTexts, countsText } from './compare-texts';
import { dhis2CompareFeature } from './dhis2-compare.feature';

/** The send confirmation's reminder of what the send would change, when the selection was compared. */
@Component({
  selector: 'app-dhis2-compare-counts',
  template: `@if (text()) {<p class="compare-counts" [attr.lang]="lang()">{{ text() }}</p>}`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Dhis2CompareCounts {
  private readonly store = inject(Store);
  readonly t = input.required<Translate>();
  readonly locale = input('en');

  private readonly comparison = this.store.selectSignal(dhis2CompareFeature.selectComparison);
  private readonly comparedFor = this.store.selectSignal(dhis2CompareFeature.selectComparedFor);
  private readonly selection = this.store.selectSignal(dhis2SendFeature.selectSelection);
  private readonly catalogue = inject(CompareTexts);
  private readonly texts = computed(() => this.catalogue.translator(this.t(), this.locale()));
  private readonly counts = computed(() => (sameSelection(this.comparedFor(), this.selection()) ? this.comparison()?.counts : undefined));

  protected readonly text = computed(() => {
    const counts = this.counts();
    const t = this.texts();
    if (!t) return '';
    return counts
      ? t('export.dhis.compare.confirm', { counts: countsText(t, counts, numberFormat(this.locale())) })
      : t('export.dhis.compare.confirm.none');
  });
  protected readonly lang = computed(() => this.texts()?.langOf(this.counts() ? 'export.dhis.compare.confirm' : 'export.dhis.compare.confirm.none'));
}
