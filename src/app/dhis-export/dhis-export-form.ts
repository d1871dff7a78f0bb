import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { debounceTime } from 'rxjs';
import { filterPlaces, shownPlaces } from './domain/places';
import { Translate } from './domain/translate';
import { DataSetOption, DhisExportRequest, Period, PlaceOption } from './domain/models';

/** Above this many places for a data set, a search field narrows the place list. */
export const PLACE_SEARCH_THRESHOLD = 25;
export const PLACE_SEARCH_DEBOUNCE_MS = 250;
/**
 * At most this many places are options at once (the chosen one besides): thousands of `<option>`s
 * take most of a second to render and are no easier to choose from. The search finds the others.
 */
export const PLACE_OPTION_CAP = 100;

const NO_PLACES: readonly PlaceOption[] = [];

/** The DHIS2 export form: data set, place, month, Download. Knows nothing of the store. */
@Component({
  selector: 'app-dhis-export-form',
  imports: [ReactiveFormsModule],
  templateUrl: './dhis-export-form.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DhisExportForm {
  readonly t = input.required<Translate>();
  readonly dataSets = input.required<readonly DataSetOption[]>();
  readonly placesByDataSet = input.required<ReadonlyMap<string, readonly PlaceOption[]>>();
  readonly periods = input.required<readonly Period[]>();
  readonly preselectedPeriod = input<string | null>(null);
  readonly exporting = input(false);
  /** The places are still being read: the list offers All Places only, and says so. */
  readonly placesLoading = input(false);
  /** The language the texts are in, for the numbers in them. */
  readonly locale = input('en');

  readonly download = output<DhisExportRequest>();
  /** The export as currently chosen, whenever the choice changes. */
  readonly selectionChange = output<DhisExportRequest>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    dataSet: '',
    placeSearch: '',
    orgUnit: '',
    period: '',
  });

  private readonly dataSet = toSignal(this.form.controls.dataSet.valueChanges, { initialValue: '' });
  private readonly orgUnit = toSignal(this.form.controls.orgUnit.valueChanges, { initialValue: '' });
  /** The search text the list is filtered by: set after a pause in typing, or at once on Enter. */
  private readonly searchQuery = signal('');

  /** The places of the chosen data set (a lookup in the memoized selector's map). */
  protected readonly places = computed(() => this.placesByDataSet().get(this.dataSet()) ?? NO_PLACES);
  protected readonly searchable = computed(() => this.places().length > PLACE_SEARCH_THRESHOLD);
  /** The places matching the search, in order: computed again when the query changes, not when the choice does. */
  private readonly matchingPlaces = computed(() =>
    this.searchable() ? filterPlaces(this.places(), this.searchQuery()) : this.places(),
  );
  /** The options: the first PLACE_OPTION_CAP matching places, and the chosen place wherever it is. */
  protected readonly visiblePlaces = computed(() =>
    shownPlaces(this.places(), this.matchingPlaces(), PLACE_OPTION_CAP, this.orgUnit()),
  );
  private readonly formatNumber = computed(() => numberFormat(this.locale()));
  protected readonly searchCountText = computed(() => {
    const format = this.formatNumber();
    return this.t()('export.dhis.place.search.count', {
      count: format(this.visiblePlaces().length),
      total: format(this.places().length),
    });
  });
  /** Said beside the place list when it is not complete: still loading, or cut at the cap. */
  protected readonly placeStatusText = computed(() => {
    if (this.placesLoading()) return this.t()('export.dhis.place.loading');
    const matching = this.matchingPlaces().length;
    if (matching <= PLACE_OPTION_CAP) return '';
    const format = this.formatNumber();
    const key = matching < this.places().length ? 'export.dhis.place.capped.search' : 'export.dhis.place.capped';
    return this.t()(key, { count: format(this.visiblePlaces().length), total: format(matching) });
  });
  protected readonly placeDescribedBy = computed(() =>
    this.placeStatusText() ? 'dhis-place-hint dhis-place-status' : 'dhis-place-hint',
  );

  constructor() {
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      const { dataSet, orgUnit, period } = this.form.getRawValue();
      this.selectionChange.emit({ dataSet, orgUnit, period });
    });
    this.form.controls.placeSearch.valueChanges
      .pipe(debounceTime(PLACE_SEARCH_DEBOUNCE_MS), takeUntilDestroyed())
      .subscribe((query) => this.searchQuery.set(query.trim()));
    // the first data set and the previous month are preselected
    effect(() => {
      const dataSets = this.dataSets();
      const { dataSet } = this.form.controls;
      if (!dataSets.some(({ id }) => id === dataSet.value)) dataSet.setValue(dataSets[0]?.id ?? '');
    });
    // the preselected month follows the clock until the manager chooses one
    effect(() => {
      const periods = this.periods();
      const preselected = this.preselectedPeriod();
      const { period } = this.form.controls;
      if (!period.dirty || !periods.some(({ value }) => value === period.value)) period.setValue(preselected ?? periods[0]?.value ?? '');
    });
    // a place not mapped to the newly chosen data set is no longer a choice
    effect(() => {
      const places = this.places();
      const { orgUnit } = this.form.controls;
      if (orgUnit.value && !places.some((place) => place.orgUnit === orgUnit.value)) orgUnit.setValue('');
    });
  }

  /** Enter in the search field filters now instead of starting an export. */
  protected searchNow(event: Event): void {
    event.preventDefault();
    this.searchQuery.set(this.form.controls.placeSearch.value.trim());
  }

  protected submit(): void {
    if (this.exporting()) return;
    const { dataSet, orgUnit, period } = this.form.getRawValue();
    if (!dataSet || !period) return;
    this.download.emit({ dataSet, orgUnit, period });
  }
}

function numberFormat(locale: string): (value: number) => string {
  try {
    return new Intl.NumberFormat(locale.replace(/_/g, '-')).format;
  } catch {
    return new Intl.NumberFormat().format; // not a language tag Intl knows
  }
}
