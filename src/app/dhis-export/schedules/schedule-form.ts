import { ChangeDetectionStrategy, Component, ElementRef, afterNextRender, computed, inject, input, output, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { DataSetOption, PlaceOption } from '../domain/models';
import { placeLabel } from '../domain/places';
import { Translate } from '../domain/translate';
import { Schedule, ScheduleSettings } from './scheduled-sends-api';

/** Creates or edits one scheduled send; the server checks every value again. */
@Component({
  selector: 'app-schedule-form',
  templateUrl: './schedule-form.html',
  imports: [ReactiveFormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ScheduleForm {
  readonly t = input.required<Translate>();
  readonly schedule = input<Schedule | null>(null);
  readonly dataSets = input<readonly DataSetOption[]>([]);
  readonly placesByDataSet = input<ReadonlyMap<string, readonly PlaceOption[]>>(new Map());
  readonly serverTimeZone = input('UTC');
  readonly busy = input(false);
  readonly save = output<ScheduleSettings>();
  readonly cancelled = output<void>();

  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');
  protected readonly form = inject(NonNullableFormBuilder).group({
    dataSet: ['', Validators.required],
    orgUnit: [''],
    dayOfMonth: [5, [Validators.required, Validators.min(1), Validators.max(28)]],
    time: ['06:00', [Validators.required, Validators.pattern(/^([01]\d|2[0-3]):[0-5]\d$/)]],
    timeZone: ['', Validators.required],
    enabled: [true],
    dryRunFirst: [true],
    minCoverage: [0, [Validators.min(0), Validators.max(100)]],
    sendAnywayAfterDays: [7, [Validators.min(0), Validators.max(90)]],
    resendChanges: [0, [Validators.min(0), Validators.max(24)]],
    completeDataSet: [false],
  });
  private readonly chosenDataSet = toSignal(this.form.controls.dataSet.valueChanges, { initialValue: '' });
  protected readonly places = computed(() => this.placesByDataSet().get(this.chosenDataSet()) ?? []);
  protected readonly placeLabel = placeLabel;

  constructor() {
    afterNextRender(() => {
      const schedule = this.schedule();
      this.form.reset({
        ...(schedule ?? { dataSet: this.dataSets()[0]?.id ?? '', timeZone: this.serverTimeZone() }),
        orgUnit: schedule?.orgUnit ?? '',
      });
      this.heading()?.nativeElement.focus();
    });
  }

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { orgUnit, ...values } = this.form.getRawValue();
    this.save.emit({ ...values, dayOfMonth: Number(values.dayOfMonth), minCoverage: Number(values.minCoverage),
      sendAnywayAfterDays: Number(values.sendAnywayAfterDays), resendChanges: Number(values.resendChanges), ...(orgUnit ? { orgUnit } : {}) });
  }

  protected invalid(name: keyof typeof this.form.controls): boolean {
    const control = this.form.controls[name];
    return control.invalid && control.touched;
  }
}
