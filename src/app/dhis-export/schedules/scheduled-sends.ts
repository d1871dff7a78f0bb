import { ChangeDetectionStrategy, Component, ElementRef, afterRenderEffect, computed, inject, input, viewChild } from '@angular/core';
import { DataSetOption, PlaceOption } from '../domain/models';
import { Translate } from '../domain/translate';
import { ScheduleForm } from './schedule-form';
import { scheduleTranslator } from './schedule-translate';
import { Attention, Schedule, ScheduleSettings } from './scheduled-sends-api';
import { ScheduledSendsState } from './scheduled-sends-state';

/**
 * The "Scheduled sends" section: the schedules with their next run and last outcome, a banner for
 * those that need attention, and (for users who may send) create, edit, pause and delete.
 */
@Component({
  selector: 'app-scheduled-sends',
  templateUrl: './scheduled-sends.html',
  imports: [ScheduleForm],
  providers: [ScheduledSendsState],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ScheduledSends {
  protected readonly state = inject(ScheduledSendsState);

  readonly t = input.required<Translate>();
  readonly dataSets = input<readonly DataSetOption[]>([]);
  readonly placesByDataSet = input<ReadonlyMap<string, readonly PlaceOption[]>>(new Map());
  readonly locale = input('en');

  protected readonly tr = computed(() => scheduleTranslator(this.t(), this.locale()));
  protected readonly editingSchedule = computed(() => {
    const editing = this.state.editing();
    return editing === 'new' ? null : editing;
  });
  private readonly errorSummary = viewChild<ElementRef<HTMLElement>>('scheduleError');
  private readonly confirmation = viewChild<ElementRef<HTMLElement>>('deleteConfirmation');

  protected readonly errorText = computed(() => {
    const error = this.state.error();
    if (!error) return '';
    const tr = this.tr();
    const params = error.params;
    const list = (value: unknown) => (Array.isArray(value) ? value.map((name) => `"${name}"`).join(', ') : '');
    if (error.status === 0) return tr('export.dhis.schedules.error.network');
    switch (error.reason) {
      case 'permission': return tr('export.dhis.schedules.error.permission');
      case 'unknown-fields':
      case 'missing-fields': return tr(`export.dhis.schedules.error.${error.reason}`, { fields: list(params['fields']) });
      case 'unknown-data-set': return tr('export.dhis.schedules.error.unknown-data-set', { dataSet: String(params['dataSet'] ?? '') });
      case 'no-such-schedule': return tr('export.dhis.schedules.error.no-such-schedule');
      case 'invalid-field': {
        const key = `export.dhis.schedules.error.field.${String(params['field'])}`;
        return tr(key) !== key ? tr(key) : tr('export.dhis.schedules.error.field', { field: String(params['field'] ?? '') });
      }
      default: return tr('export.dhis.schedules.error.server', { status: error.status });
    }
  });

  constructor() {
    void this.state.load();
    afterRenderEffect(() => {
      if (this.state.error()) this.errorSummary()?.nativeElement.focus();
    });
    afterRenderEffect(() => {
      if (this.state.deleting()) this.confirmation()?.nativeElement.querySelector<HTMLElement>('button')?.focus();
    });
  }

  protected what(dataSet: string, orgUnit?: string): string {
    const name = this.dataSets().find(({ id }) => id === dataSet)?.name ?? dataSet;
    const place = orgUnit ? this.placesByDataSet().get(dataSet)?.find((found) => found.orgUnit === orgUnit)?.name ?? orgUnit : this.tr()('export.dhis.place.all');
    return `${name} · ${place}`;
  }

  protected when(schedule: Schedule): string {
    return this.tr()('export.dhis.schedules.when', { day: schedule.dayOfMonth, time: schedule.time, timeZone: schedule.timeZone });
  }

  protected lastRun(schedule: Schedule): string {
    const tr = this.tr();
    if (schedule.waiting) {
      const { period, coverage, minCoverage } = schedule.waiting;
      return tr('export.dhis.schedules.waiting', { period, coverage: this.number(coverage), minCoverage: this.number(minCoverage) });
    }
    const run = schedule.lastRun;
    if (!run) return tr('export.dhis.schedules.last.none');
    const key = `export.dhis.schedules.last.${run.state}${run.state === 'sent' && run.forced ? '.forced' : ''}`;
    return tr(key, { period: run.period, date: this.date(run.at), attempt: run.attempt, next: run.nextAttemptAt ? this.date(run.nextAttemptAt) : '' });
  }

  protected attentionText(attention: Attention): string {
    const { params } = attention;
    const date = (name: string) => (typeof params[name] === 'string' ? this.date(params[name] as string) : '');
    return this.tr()(`export.dhis.schedules.attention.${attention.code}`, {
      ...params,
      what: this.what(attention.dataSet, attention.orgUnit),
      next: date('nextAttemptAt'),
      date: date('sendAnywayAt'),
      ...(typeof params['coverage'] === 'number' ? { coverage: this.number(params['coverage']) } : {}),
    });
  }

  protected save(settings: ScheduleSettings): void {
    void this.state.save(settings);
  }

  protected date(iso: string): string {
    try {
      return new Intl.DateTimeFormat(this.locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
    } catch {
      return iso;
    }
  }

  private number(value: number): string {
    return new Intl.NumberFormat(this.locale()).format(value);
  }
}
