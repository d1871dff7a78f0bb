import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { merge } from 'rxjs';
import { PlacePicker } from './place-picker';
import { Translate } from './domain/translate';
import { DataSetOption, DhisExportRequest, ExportSelection, EXPORT_FORMATS, ExportFormat, ExportPreferences, Period, PlaceOption } from './domain/models';
import { DataSetPeriods } from './domain/periods';

const NO_PLACES: readonly PlaceOption[] = [];
const NO_PERIODS: readonly Period[] = [];
const DEFAULT_PREFERENCES: ExportPreferences = { format: 'json', omitZeros: false };

/** The DHIS2 export form: data set, place, period, file format, zeros, Download. Knows nothing of the store. */
@Component({
  selector: 'app-dhis-export-form',
  imports: [ReactiveFormsModule, PlacePicker],
  templateUrl: './dhis-export-form.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DhisExportForm {
  readonly t = input.required<Translate>();
  readonly dataSets = input.required<readonly DataSetOption[]>();
  readonly placesByDataSet = input.required<ReadonlyMap<string, readonly PlaceOption[]>>();
  /** Per data set id: its periods (by its period type), or the period type it has that is not supported. */
  readonly periodsByDataSet = input.required<ReadonlyMap<string, DataSetPeriods>>();
  /** The format and zeros choice to start from (the session's). */
  readonly preferences = input<ExportPreferences>(DEFAULT_PREFERENCES);
  readonly exporting = input(false);
  /** The places are still being read: the list offers All Places only, and says so. */
  readonly placesLoading = input(false);
  /** The language the texts are in, for the numbers in them. */
  readonly locale = input('en');

  readonly download = output<DhisExportRequest>();
  /** Download was asked for but no request can be made: the message says why. */
  readonly downloadRefused = output<string>();
  readonly preferencesChange = output<ExportPreferences>();
  /** The choices to come back to (after a session expiry, or a reload), applied once each is offered. */
  readonly restored = input<ExportSelection | null>(null);
  /** The export as now chosen, whenever a choice changes: what was saved before no longer describes the form. */
  readonly selectionChange = output<DhisExportRequest>();
  private readonly toRestore = { dataSet: true, orgUnit: true, period: true };

  protected readonly formats = EXPORT_FORMATS;

  protected readonly form = inject(NonNullableFormBuilder).group({
    dataSet: '',
    orgUnit: '',
    period: '',
    format: 'json' as ExportFormat,
    omitZeros: false,
  });

  private readonly dataSet = toSignal(this.form.controls.dataSet.valueChanges, { initialValue: '' });

  private readonly periodChoice = computed(() => this.periodsByDataSet().get(this.dataSet()));
  protected readonly periods = computed(() => {
    const choice = this.periodChoice();
    return choice && 'periods' in choice ? choice.periods : NO_PERIODS;
  });
  /** The message for a data set whose period type is not supported, instead of a list of periods. */
  protected readonly periodError = computed(() => {
    const choice = this.periodChoice();
    return choice && 'unsupportedPeriodType' in choice
      ? this.t()('export.dhis.period.unsupported', { periodType: choice.unsupportedPeriodType })
      : null;
  });
  /** The help text for the period: the kind of period the data set reports in. */
  protected readonly periodHintKey = computed(() => {
    const choice = this.periodChoice();
    const type = choice && 'type' in choice ? choice.type : 'Monthly';
    return type === 'Monthly' ? 'export.dhis.period.description' : `export.dhis.period.description.${type.toLowerCase()}`;
  });

  /** The places of the chosen data set (a lookup in the memoized selector's map). */
  protected readonly places = computed(() => this.placesByDataSet().get(this.dataSet()) ?? NO_PLACES);
  private readonly formValue = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });
  /** The request Download would make now, or null when it can make none: what the preview is of. */
  readonly currentRequest = computed((): DhisExportRequest | null => {
    this.formValue();
    const { format, omitZeros } = this.preferences();
    const { dataSet, orgUnit, period } = this.form.getRawValue();
    return dataSet && period && !this.periodError() ? { dataSet, orgUnit, period, format, omitZeros } : null;
  });

  constructor() {
    // the first data set and the previous month are preselected
    effect(() => {
      const dataSets = this.dataSets();
      const restored = this.restored();
      const { dataSet } = this.form.controls;
      if (restored && this.toRestore.dataSet && dataSets.some(({ id }) => id === restored.dataSet)) {
        this.toRestore.dataSet = false;
        dataSet.setValue(restored.dataSet);
      }
      if (!dataSets.some(({ id }) => id === dataSet.value)) dataSet.setValue(dataSets[0]?.id ?? '');
    });
    // the preselected month follows the clock until the manager chooses one
    effect(() => {
      const periods = this.periods();
      const choice = this.periodChoice();
      const preselected = choice && 'preselected' in choice ? choice.preselected : null;
      const { period } = this.form.controls;
      const restored = this.restored();
      if (restored && this.toRestore.period && restored.dataSet === this.dataSet() && periods.some(({ value }) => value === restored.period)) {
        this.toRestore.period = false;
        period.setValue(restored.period);
        period.markAsDirty(); // chosen by the manager: it no longer follows the clock
        return;
      }
      if (!period.dirty || !periods.some(({ value }) => value === period.value)) period.setValue(preselected || periods[0]?.value || '');
    });
    // the session's format and zeros choice, without echoing it back as a change
    effect(() => {
      const { format, omitZeros } = this.preferences();
      const controls = this.form.controls;
      if (controls.format.value !== format) controls.format.setValue(format, { emitEvent: false });
      if (controls.omitZeros.value !== omitZeros) controls.omitZeros.setValue(omitZeros, { emitEvent: false });
    });
    merge(this.form.controls.format.valueChanges, this.form.controls.omitZeros.valueChanges)
      .pipe(takeUntilDestroyed())
      .subscribe(() => {
        const { format, omitZeros } = this.form.getRawValue();
        this.preferencesChange.emit({ format, omitZeros });
      });
    merge(
      this.form.controls.dataSet.valueChanges,
      this.form.controls.orgUnit.valueChanges,
      this.form.controls.period.valueChanges,
      this.form.controls.format.valueChanges,
      this.form.controls.omitZeros.valueChanges,
    )
      .pipe(takeUntilDestroyed())
      .subscribe(() => {
        const { dataSet, orgUnit, period, format, omitZeros } = this.form.getRawValue();
        this.selectionChange.emit({ dataSet, orgUnit, period, format, omitZeros });
      });
    // a place not mapped to the newly chosen data set is no longer a choice
    effect(() => {
      const places = this.places();
      const restored = this.restored();
      const { orgUnit } = this.form.controls;
      if (restored?.orgUnit && this.toRestore.orgUnit && restored.dataSet === this.dataSet() && places.some((place) => place.orgUnit === restored.orgUnit)) {
        this.toRestore.orgUnit = false;
        orgUnit.setValue(restored.orgUnit);
      }
      if (orgUnit.value && !places.some((place) => place.orgUnit === orgUnit.value)) orgUnit.setValue('');
    });
  }

  protected submit(): void {
    if (this.exporting()) return;
    const error = this.periodError();
    if (error) {
      this.downloadRefused.emit(error);
      return;
    }
    const { dataSet, orgUnit, period, format, omitZeros } = this.form.getRawValue();
    if (!dataSet || !period) return;
    this.download.emit({ dataSet, orgUnit, period, format, omitZeros });
  }

  /** "CSV", "XML (DXF2)": the format's name in the texts' language. */
  protected formatLabel(format: ExportFormat): string {
    return this.t()(`export.dhis.format.${format}`);
  }
}
