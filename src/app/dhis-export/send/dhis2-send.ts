import { ChangeDetectionStrategy, Component, ElementRef, afterRenderEffect, computed, inject, input, viewChild } from '@angular/core';
import { Store } from '@ngrx/store';
import { Dhis2CompareCounts } from '../compare/compare-counts';
import { DataSetOption, Period, PlaceOption } from '../domain/models';
import { Translate } from '../domain/translate';
import { ExportLogRecord } from './dhis2-send-api';
import { dhis2SendPageActions } from './state/dhis2-send.actions';
import { dhis2SendFeature } from './state/dhis2-send.feature';
import { numberFormat } from '../domain/numbers';
import { placeLabel } from '../domain/places';

/**
 * Under the export form: checks the chosen export with DHIS2 (its own dry run), sends it after a
 * confirmation, says what DHIS2 answered in plain words, and shows the recent exports of the selection.
 */
@Component({
  selector: 'app-dhis2-send',
  imports: [Dhis2CompareCounts],
  templateUrl: './dhis2-send.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Dhis2Send {
  private readonly store = inject(Store);

  readonly t = input.required<Translate>();
  readonly dataSets = input<readonly DataSetOption[]>([]);
  readonly placesByDataSet = input<ReadonlyMap<string, readonly PlaceOption[]>>(new Map());
  readonly periods = input<readonly Period[]>([]);
  readonly locale = input('en');

  protected readonly capabilities = this.store.selectSignal(dhis2SendFeature.selectCapabilities);
  protected readonly selection = this.store.selectSignal(dhis2SendFeature.selectSelection);
  protected readonly running = this.store.selectSignal(dhis2SendFeature.selectRunning);
  protected readonly busy = this.store.selectSignal(dhis2SendFeature.selectBusy);
  protected readonly confirming = this.store.selectSignal(dhis2SendFeature.selectConfirming);
  protected readonly result = this.store.selectSignal(dhis2SendFeature.selectResult);
  protected readonly logView = this.store.selectSignal(dhis2SendFeature.selectLog);
  private readonly failure = this.store.selectSignal(dhis2SendFeature.selectFailure);
  private readonly failures = this.store.selectSignal(dhis2SendFeature.selectFailures);

  private readonly errorSummary = viewChild<ElementRef<HTMLElement>>('sendError');
  private readonly confirmation = viewChild<ElementRef<HTMLElement>>('confirmation');
  private readonly resultRegion = viewChild<ElementRef<HTMLElement>>('sendResult');

  protected readonly error = computed(() => {
    const failure = this.failure();
    if (!failure) return null;
    if (failure.status === 0) return this.t()('export.dhis.error.network');
    return failure.error ?? this.t()('export.dhis.send.error.server', { status: failure.status });
  });
  /** The server's own message is in English; the page's fallbacks are translated. */
  protected readonly serverWords = computed(() => !!this.failure()?.error);
  protected readonly dataSetName = computed(() => {
    const chosen = this.selection();
    return this.dataSets().find(({ id }) => id === chosen?.dataSet)?.name ?? chosen?.dataSet ?? '';
  });
  /** As the place picker names it (with its parent and org unit): sending cannot be undone, two places may share a name. */
  protected readonly placeName = computed(() => {
    const chosen = this.selection();
    if (!chosen?.orgUnit) return this.t()('export.dhis.send.place.all');
    const place = this.placesByDataSet().get(chosen.dataSet)?.find(({ orgUnit }) => orgUnit === chosen.orgUnit);
    return place ? placeLabel(place) : chosen.orgUnit;
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
    this.store.dispatch(dhis2SendPageActions.opened());
    // focus follows what happened: the error summary, the confirmation's first button, the answer
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
    this.store.dispatch(dhis2SendPageActions.dryRunRequested());
  }

  protected askToSend(): void {
    this.store.dispatch(dhis2SendPageActions.sendRequested());
  }

  protected cancelSend(): void {
    this.store.dispatch(dhis2SendPageActions.sendCancelled());
  }

  protected confirmSend(): void {
    this.store.dispatch(dhis2SendPageActions.sendConfirmed());
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
    return numberFormat(this.locale())(value);
  }
}
