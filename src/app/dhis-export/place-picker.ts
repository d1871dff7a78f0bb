import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, afterRenderEffect, computed, forwardRef, inject, input, signal } from '@angular/core';
import { ControlValueAccessor, NG_VALUE_ACCESSOR } from '@angular/forms';
import { filterPlaces, placeLabel, shownPlaces } from './domain/places';
import { PlaceOption } from './domain/models';
import { numberFormat } from './domain/numbers';
import { Translate } from './domain/translate';

/**
 * At most this many places are options at once (the chosen one besides): thousands of options
 * take most of a second to render and are no easier to choose from. Typing finds the others.
 */
export const PLACE_OPTION_CAP = 100;
/** The pause in typing after which the number of matching places is announced. */
export const PLACE_ANNOUNCE_DELAY_MS = 300;

/** One line of the list: `orgUnit` '' is All Places. */
interface PickerOption {
  readonly orgUnit: string;
  readonly label: string;
}

/**
 * The place choice: one editable combobox with a list popup (the WAI-ARIA combobox pattern, list
 * autocomplete with the first match active). Its value is the org unit, '' for All Places. A query
 * that matches nothing leaves the choice as it was.
 */
@Component({
  selector: 'app-place-picker',
  templateUrl: './place-picker.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [{ provide: NG_VALUE_ACCESSOR, useExisting: forwardRef(() => PlacePicker), multi: true }],
})
export class PlacePicker implements ControlValueAccessor {
  readonly t = input.required<Translate>();
  /** The places of the chosen data set, in the order to list them. */
  readonly places = input.required<readonly PlaceOption[]>();
  /** The places are still being read: the list offers All Places only, and says so. */
  readonly loading = input(false);
  /** The language of the texts, for the numbers in them. */
  readonly locale = input('en');

  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  /** The org unit chosen, '' for All Places. */
  protected readonly chosen = signal('');
  /** What the manager is typing; null when the field shows the choice. */
  protected readonly query = signal<string | null>(null);
  protected readonly expanded = signal(false);
  /** The index of the option Enter would choose, -1 for none. */
  protected readonly active = signal(-1);
  /** The manager moved to the active option with the arrow keys: leaving the field accepts it. */
  private navigated = false;
  protected readonly disabled = signal(false);
  /** The query whose result was last announced: set after a pause in typing. */
  private readonly announced = signal('');
  private announceTimer: ReturnType<typeof setTimeout> | undefined;
  private onChange: (orgUnit: string) => void = () => {};
  private onTouched: () => void = () => {};

  private readonly words = computed(() => (this.query() ?? '').trim());
  private readonly matching = computed(() => filterPlaces(this.places(), this.words()));
  private readonly allLabel = computed(() => this.t()('export.dhis.place.all'));
  /** All Places first when nothing is typed, or when what is typed is in its name. */
  private readonly allListed = computed(() => {
    const label = this.allLabel().toLocaleLowerCase();
    return this.words().toLocaleLowerCase().split(/\s+/).every((word) => label.includes(word));
  });
  protected readonly options = computed((): readonly PickerOption[] => {
    const typed = !!this.words();
    const places = shownPlaces(this.places(), this.matching(), PLACE_OPTION_CAP, typed ? '' : this.chosen());
    const options = places.map((place) => ({ orgUnit: place.orgUnit, label: placeLabel(place) }));
    return this.allListed() ? [{ orgUnit: '', label: this.allLabel() }, ...options] : options;
  });
  private readonly chosenLabel = computed(() => {
    const orgUnit = this.chosen();
    if (!orgUnit) return this.allLabel();
    const place = this.places().find((option) => option.orgUnit === orgUnit);
    return place ? placeLabel(place) : orgUnit;
  });
  /** The field's text: the query while typing, else the choice. */
  protected readonly text = computed(() => this.query() ?? this.chosenLabel());
  /** The popup shows when open with something to list: an empty listbox is not offered. */
  protected readonly listShown = computed(() => this.expanded() && this.options().length > 0);
  /** The option Enter would choose: none when the list changed under the index (another data set's places arrived). */
  private readonly activeOption = computed(() => (this.listShown() ? this.options()[this.active()] : undefined));
  protected readonly activeId = computed(() => (this.activeOption() ? optionId(this.active()) : null));

  private readonly formatNumber = computed(() => numberFormat(this.locale()));
  /** Beside the field when the list is not complete: still loading, or cut at the cap. */
  protected readonly statusText = computed(() => {
    if (this.loading()) return this.t()('export.dhis.place.loading');
    const matching = this.matching().length;
    if (matching <= PLACE_OPTION_CAP) return '';
    const format = this.formatNumber();
    const key = this.words() ? 'export.dhis.place.capped.search' : 'export.dhis.place.capped';
    return this.t()(key, { count: format(PLACE_OPTION_CAP), total: format(matching) });
  });
  protected readonly describedBy = computed(() => (this.statusText() ? 'dhis-place-hint dhis-place-status' : 'dhis-place-hint'));
  /** Said politely after a pause in typing: how many places match, or that none does and the choice stays. */
  protected readonly resultText = computed(() => {
    const query = this.announced();
    if (!query) return '';
    const matching = filterPlaces(this.places(), query);
    if (matching.length === 0) return this.t()('export.dhis.place.search.none', { query });
    if (matching.length === 1) return this.t()('export.dhis.place.search.one', { place: placeLabel(matching[0]) });
    return this.t()('export.dhis.place.search.found', { count: this.formatNumber()(matching.length) });
  });

  protected readonly optionId = optionId;

  constructor() {
    // the list, once open, is in sight (below the field on a phone, it may open under the fold)
    afterRenderEffect(() => {
      if (this.listShown()) this.host.nativeElement.querySelector('#dhis-place-listbox')?.scrollIntoView({ block: 'nearest' });
    });
    // the active option stays in sight as the arrow keys move it
    afterRenderEffect(() => {
      const index = this.active();
      if (!this.listShown() || index < 0) return;
      this.host.nativeElement.querySelector(`#${optionId(index)}`)?.scrollIntoView({ block: 'nearest' });
    });
    inject(DestroyRef).onDestroy(() => clearTimeout(this.announceTimer));
  }

  writeValue(orgUnit: string | null): void {
    this.chosen.set(orgUnit ?? '');
  }
  registerOnChange(onChange: (orgUnit: string) => void): void {
    this.onChange = onChange;
  }
  registerOnTouched(onTouched: () => void): void {
    this.onTouched = onTouched;
  }
  setDisabledState(disabled: boolean): void {
    this.disabled.set(disabled);
  }

  /** Typing replaces the text shown: the whole choice is selected when the field is entered. */
  protected selectText(event: FocusEvent): void {
    (event.target as HTMLInputElement).select();
  }

  protected typed(event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.query.set(value);
    this.navigated = false;
    this.expanded.set(true);
    this.active.set(this.options().length ? 0 : -1);
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => this.announced.set(value.trim()), PLACE_ANNOUNCE_DELAY_MS);
  }

  protected open(): void {
    if (this.expanded() || this.disabled()) return;
    this.navigated = false;
    this.expanded.set(true);
    this.active.set(Math.max(0, this.options().findIndex(({ orgUnit }) => orgUnit === this.chosen())));
  }

  protected keydown(event: KeyboardEvent): void {
    const last = this.options().length - 1;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        event.preventDefault();
        if (!this.expanded() || event.altKey) return this.open();
        if (last < 0) return;
        this.navigated = true;
        // with no option active (or the one active gone), Down goes to the first and Up to the last
        this.active.update((index) =>
          !this.activeOption() ? (event.key === 'ArrowDown' ? 0 : last) : event.key === 'ArrowDown' ? Math.min(index + 1, last) : Math.max(index - 1, 0),
        );
        return;
      case 'Enter':
        // with the list open, Enter chooses; closed, it submits the form (Download)
        if (!this.expanded()) return;
        event.preventDefault();
        const option = this.activeOption();
        if (option) this.choose(option);
        return;
      case 'Escape':
        if (!this.expanded() && this.query() === null) return;
        event.preventDefault();
        this.revert();
        return;
    }
  }

  /**
   * Leaving the field (Tab, or a click elsewhere) accepts the option the arrow keys moved to, as the
   * WAI-ARIA pattern has it, or the one place a query matches; otherwise the choice stays as it was.
   */
  protected left(): void {
    const matching = this.words() ? this.matching() : [];
    const active = this.navigated ? this.activeOption() : undefined;
    if (active) this.choose(active);
    else if (matching.length === 1) this.choose({ orgUnit: matching[0].orgUnit, label: '' });
    else this.revert();
    this.onTouched();
  }

  protected choose(option: PickerOption): void {
    this.navigated = false;
    clearTimeout(this.announceTimer);
    this.announced.set('');
    this.query.set(null);
    this.expanded.set(false);
    this.active.set(-1);
    if (option.orgUnit !== this.chosen()) {
      this.chosen.set(option.orgUnit);
      this.onChange(option.orgUnit);
    }
    this.showChoice();
  }

  /** Back to the choice: what was said about the query goes with it (it would stay through a download otherwise). */
  private revert(): void {
    this.navigated = false;
    clearTimeout(this.announceTimer);
    this.announced.set('');
    this.query.set(null);
    this.expanded.set(false);
    this.active.set(-1);
    this.showChoice();
  }

  /**
   * The field's text back to the choice, written at once: the `[value]` binding writes only what
   * changed since the page last drew, and typing then leaving before it drew again changes nothing it saw.
   */
  private showChoice(): void {
    const field = this.host.nativeElement.querySelector<HTMLInputElement>('#dhis-place');
    if (field) field.value = this.text();
  }
}

const optionId = (index: number) => `dhis-place-option-${index}`;
