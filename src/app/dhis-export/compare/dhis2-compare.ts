import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { Store } from '@ngrx/store';
import { numberFormat } from '../domain/numbers';
import { Translate } from '../domain/translate';
import { PreviewPager } from '../preview/preview-pager';
import { dhis2SendFeature } from '../send/state/dhis2-send.feature';
import { selectionOf } from './compare-selection';
import { CompareTexts, countsText } from './compare-texts';
import { dhis2ComparePageActions } from './dhis2-compare.actions';
import { dhis2CompareFeature } from './dhis2-compare.feature';
import { CompareProblem, ComparedValue, Dhis2Check, Dhis2CheckItem } from './dhis2-compare-api';

const ROWS_PER_PAGE = 25;

/**
 * After the preview: what a send would change in DHIS2 (the counts first, then the figures it would
 * replace, before → after, zeros first) and what DHIS2's settings for the data set would refuse.
 */
@Component({
  selector: 'app-dhis2-compare',
  imports: [PreviewPager],
  templateUrl: './dhis2-compare.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Dhis2Compare {
  private readonly store = inject(Store);

  readonly t = input.required<Translate>();
  readonly locale = input('en');

  protected readonly capabilities = this.store.selectSignal(dhis2SendFeature.selectCapabilities);
  private readonly selection = this.store.selectSignal(dhis2SendFeature.selectSelection);
  protected readonly status = this.store.selectSignal(dhis2CompareFeature.selectStatus);
  protected readonly comparison = this.store.selectSignal(dhis2CompareFeature.selectComparison);
  private readonly failure = this.store.selectSignal(dhis2CompareFeature.selectFailure);
  private readonly changedValues = this.store.selectSignal(dhis2CompareFeature.selectChangedValues);

  private readonly catalogue = inject(CompareTexts);
  /** Null until the compare's texts are loaded: nothing shows before it can be said. */
  protected readonly texts = computed(() => this.catalogue.translator(this.t(), this.locale()));
  protected readonly tc = computed(() => this.texts() ?? this.t());
  protected readonly format = computed(() => numberFormat(this.locale()));
  protected readonly canCompare = computed(() => !!this.selection()?.dataSet && !!this.selection()?.period && this.status() !== 'loading');
  protected readonly page = signal(0);
  protected readonly pages = computed(() => Math.max(1, Math.ceil(this.changedValues().length / ROWS_PER_PAGE)));
  protected readonly shownRows = computed(() => {
    const page = Math.min(this.page(), this.pages() - 1);
    return this.changedValues().slice(page * ROWS_PER_PAGE, (page + 1) * ROWS_PER_PAGE);
  });
  protected readonly changedCount = computed(() => this.changedValues().length);

  protected readonly statusText = computed(() => {
    const t = this.tc();
    const comparison = this.comparison();
    if (this.status() === 'loading') return t('export.dhis.compare.loading');
    if (this.status() === 'loaded' && comparison) {
      return t('export.dhis.compare.done', { host: comparison.dhis2.host, version: comparison.dhis2.version ?? '?' });
    }
    return '';
  });
  protected readonly countsLine = computed(() => {
    const counts = this.comparison()?.counts;
    const t = this.tc();
    return counts ? t('export.dhis.compare.counts', { counts: countsText(t, counts, this.format()) }) : '';
  });
  protected readonly error = computed(() => {
    const failure = this.failure();
    if (!failure) return '';
    return failure.status === 0 || !failure.error
      ? this.tc()('export.dhis.compare.failed.network')
      : this.tc()('export.dhis.compare.failed', { error: failure.error });
  });

  protected compare(): void {
    const selection = this.selection();
    if (!selection) return;
    this.page.set(0);
    this.store.dispatch(dhis2ComparePageActions.compareRequested({ selection: selectionOf(selection) }));
  }

  protected placeOf(row: ComparedValue): string {
    return this.label(row.orgUnit, this.comparison()?.names.orgUnits[row.orgUnit]);
  }

  protected dataElementOf(row: ComparedValue): string {
    const names = this.comparison()?.names.dataElements[row.dataElement];
    const combos = [row.categoryOptionCombo, row.attributeOptionCombo].filter(Boolean).join(', ');
    const targets = names?.dhis2 && names.cht ? ` (${this.tc()('export.dhis.compare.names.cht', { name: names.cht })})` : '';
    return `${names?.dhis2 ?? names?.cht ?? row.dataElement}${targets} · ${row.dataElement}${combos ? ` / ${combos}` : ''}`;
  }

  protected itemOf(item: Dhis2CheckItem): string {
    return this.label(item.id, { cht: item.chtName, dhis2: item.dhis2Name });
  }

  protected figure(value: string | number | undefined): string {
    if (value === undefined) return '—';
    const number = typeof value === 'number' ? value : Number(value);
    return value !== '' && Number.isFinite(number) ? this.format()(number) : String(value);
  }

  protected checkTitle(check: Dhis2Check): string {
    return this.tc()(`export.dhis.compare.check.${check.code}`);
  }

  protected checkText(check: Dhis2Check): string {
    const variant = check.code === 'dhis2-period-closed' ? check.params['reason'] : check.code === 'dhis2-unmapped' ? check.params['kind'] : 'text';
    return this.tc()(`export.dhis.compare.check.${check.code}.${variant}`, check.params);
  }

  protected checkTodo(check: Dhis2Check): string {
    return this.tc()(`export.dhis.compare.check.${check.code}.todo`, check.params);
  }

  protected problemText(problem: CompareProblem): string {
    const comparison = this.comparison();
    return this.tc()(`export.dhis.compare.problem.${problem.code}`, {
      dataSet: comparison?.dataSet.id ?? '',
      httpStatus: problem.httpStatus ?? '',
      errorCode: problem.errorCode ?? '',
      fields: (problem.fields ?? []).join(', '),
      limit: this.format()(problem.limit ?? 0),
      calendar: problem.calendar ?? '',
    });
  }

  /** "North HC (in the CHT: North) · ouNorth0001": DHIS2's name first, the CHT's beside it when it differs. */
  private label(id: string, names: { cht?: string; dhis2?: string } | undefined): string {
    const cht = names?.dhis2 && names.cht && names.cht !== names.dhis2 ? ` (${this.tc()('export.dhis.compare.names.cht', { name: names.cht })})` : '';
    return `${names?.dhis2 ?? names?.cht ?? id}${cht} · ${id}`;
  }
}
