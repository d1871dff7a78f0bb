import { ChangeDetectionStrategy, Component, ElementRef, afterRenderEffect, computed, effect, inject, input, signal, viewChild } from '@angular/core';
import { DataSetOption, DhisExportRequest, Period, PlaceOption } from '../domain/models';
import { Translate } from '../domain/translate';
import { Dhis2SendApi, ExportLogRecord, ExportLogView, SendCapabilities, SendError, SendResult } from './dhis2-send-api';

type Running = 'idle' | 'dry-run' | 'send';

/**
 * Under the export form: checks the chosen export with DHIS2 (its own dry run), sends it after a
 * confirmation, says what DHIS2 answered in plain words, and shows the recent exports of the selection.
 */
@Component({
  selector: 'app-dhis2-send',
  templateUrl: './dhis2-send.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Dhis2Send {
  private readonly api = inject(Dhis2SendApi);

  readonly t = input.required<Translate>();
  readonly selection = input<DhisExportRequest | null>(null);
  readonly dataSets = input<readonly DataSetOption[]>([]);
  readonly placesByDataSet = input<ReadonlyMap<string, readonly PlaceOption[]>>(new Map());
  readonly periods = input<readonly Period[]>([]);
  readonly locale = input('en');

  protected readonly capabilities = signal<SendCapabilities | null>(null);
  protected readonly running = signal<Running>('idle');
  protected readonly confirming = signal(false);
  protected readonly result = signal<SendResult | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly logView = signal<ExportLogView | null>(null);
  /** Bumped on each failure, so the error summary takes focus again. */
  private readonly failures = signal(0);

  private readonly errorSummary = viewChild<ElementRef<HTMLElement>>('sendError');
  private readonly confirmation = viewChild<ElementRef<HTMLElement>>('confirmation');
  private readonly resultRegion = viewChild<ElementRef<HTMLElement>>('sendResult');

  protected readonly dataSetName = computed(() => {
    const chosen = this.selection();
    return this.dataSets().find(({ id }) => id === chosen?.dataSet)?.name ?? chosen?.dataSet ?? '';
  });
  protected readonly placeName = computed(() => {
    const chosen = this.selection();
    if (!chosen?.orgUnit) return this.t()('export.dhis.send.place.all');
    return this.placesByDataSet().get(chosen.dataSet)?.find(({ orgUnit }) => orgUnit === chosen.orgUnit)?.name ?? chosen.orgUnit;
  });
  protected readonly periodLabel = computed(() => {
    const chosen = this.selection();
    return this.periods().find(({ value }) => value === chosen?.period)?.label ?? chosen?.period ?? '';
  });
  protected readonly statusText = computed(() => {
    const running = this.running();
    if (running === 'dry-run') return this.t()('export.dhis.send.status.checking');
    if (running === 'send') return this.t()('export.dhis.send.status.sending');
    return '';
  });
  protected readonly headline = computed(() => {
    const result = this.result();
    if (!result) return '';
    const key = `export.dhis.send.result.${result.outcome}${result.dryRun ? '.dry' : ''}`;
    return this.t()(key, { values: this.number(result.values), conflicts: this.number(result.conflicts.length) });
  });
  protected readonly confirmText = computed(() =>
    this.t()('export.dhis.send.confirm.text', {
      values: this.number(this.logView()?.current.values ?? 0),
      dataSet: this.dataSetName(),
      period: this.periodLabel(),
      place: this.placeName(),
      host: this.capabilities()?.dhis2Host ?? 'DHIS2',
    }),
  );

  constructor() {
    this.api.capabilities().then(
      (capabilities) => this.capabilities.set(capabilities),
      () => this.capabilities.set(null),
    );
    // the recent records follow the chosen data set, period and place
    effect(() => {
      const chosen = this.selection();
      const capabilities = this.capabilities();
      this.result.set(null);
      this.confirming.set(false);
      if (!chosen?.dataSet || !chosen.period || !capabilities?.mayDryRun) return;
      void this.loadLog(chosen);
    });
    afterRenderEffect(() => {
      this.failures();
      this.errorSummary()?.nativeElement.focus();
    });
    afterRenderEffect(() => {
      if (this.confirming()) this.confirmation()?.nativeElement.querySelector<HTMLElement>('button')?.focus();
    });
    afterRenderEffect(() => {
      if (this.result()) this.resultRegion()?.nativeElement.focus();
    });
  }

  protected dryRun(): void {
    void this.run(true);
  }

  protected askToSend(): void {
    if (this.running() !== 'idle') return;
    this.error.set(null);
    this.confirming.set(true);
  }

  protected cancelSend(): void {
    this.confirming.set(false);
  }

  protected confirmSend(): void {
    this.confirming.set(false);
    void this.run(false);
  }

  protected logLine(record: ExportLogRecord): string {
    const t = this.t();
    const values = {
      date: this.date(record.at),
      user: record.user,
      values: this.number(record.values),
      total: this.number(record.total),
      place: record.orgUnit ?? t('export.dhis.send.place.all'),
      status: record.dhis2?.status ?? '',
      imported: this.number(record.dhis2?.importCount.imported ?? 0),
      updated: this.number(record.dhis2?.importCount.updated ?? 0),
      ignored: this.number(record.dhis2?.importCount.ignored ?? 0),
      conflicts: this.number(record.dhis2?.conflicts ?? 0),
      message: record.failure?.message ?? '',
    };
    if (record.failure) return t(record.action === 'send' ? 'export.dhis.send.log.send.failed' : 'export.dhis.send.log.dryRun.failed', values);
    if (record.action === 'send') return t('export.dhis.send.log.send', values);
    if (record.action === 'dry-run') return t('export.dhis.send.log.dryRun', values);
    return t('export.dhis.send.log.download', values);
  }

  protected placeLabel(orgUnit: string): string {
    const chosen = this.selection();
    const name = chosen ? this.placesByDataSet().get(chosen.dataSet)?.find((place) => place.orgUnit === orgUnit)?.name : undefined;
    return name ? `${name} (${orgUnit})` : orgUnit;
  }

  protected date(iso: string): string {
    try {
      return new Intl.DateTimeFormat(this.locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
    } catch {
      return iso;
    }
  }

  protected number(value: number): string {
    try {
      return new Intl.NumberFormat(this.locale()).format(value);
    } catch {
      return String(value);
    }
  }

  private async run(dryRun: boolean): Promise<void> {
    const chosen = this.selection();
    if (!chosen || this.running() !== 'idle') return;
    this.running.set(dryRun ? 'dry-run' : 'send');
    this.error.set(null);
    this.result.set(null);
    try {
      this.result.set(await this.api.send(chosen, dryRun));
    } catch (error) {
      const failure = error instanceof SendError ? error : new SendError(0, null);
      this.error.set(
        failure.status === 0
          ? this.t()('export.dhis.error.network')
          : failure.serverMessage ?? this.t()('export.dhis.send.error.server', { status: failure.status }),
      );
      this.failures.update((count) => count + 1);
    } finally {
      this.running.set('idle');
    }
    await this.loadLog(chosen);
  }

  private async loadLog(chosen: DhisExportRequest): Promise<void> {
    try {
      const view = await this.api.log(chosen);
      if (this.selection() === chosen) this.logView.set(view);
    } catch {
      this.logView.set(null);
    }
  }
}
