import { ChangeDetectionStrategy, Component, ElementRef, afterRenderEffect, computed, inject, input, viewChild } from '@angular/core';
import { Store } from '@ngrx/store';
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
  protected readonly completeDataSet = this.store.selectSignal(dhis2SendFeature.selectCompleteDataSet);
  private readonly failure = this.store.selectSignal(dhis2SendFeature.selectFailure);
  private readonly failures = this.store.selectSignal(dhis2SendFeature.selectFailures);

  private readonly errorSummary = viewChild<ElementRef<HTMLElement>>('sendError');
  private readonly confirmation = viewChild<ElementRef<HTMLElement>>('confirmation');
  private readonly resultRegion = viewChild<ElementRef<HTMLElement>>('sendResult');

  /** A refusal the page words itself, from the server's code and values; null: use the server's words. */
  private readonly wordedFailure = computed(() => {
    const failure = this.failure();
    const details = failure?.details ?? {};
    const t = this.t();
    if (failure?.code === 'send.changed') {
      const now = (details['now'] ?? {}) as { values?: number; total?: number };
      const confirmed = typeof details['confirmedValues'] === 'number';
      return t(confirmed ? 'export.dhis.send.error.changed' : 'export.dhis.send.error.changed.now', {
        confirmedValues: this.number(Number(details['confirmedValues'])),
        confirmedTotal: this.number(Number(details['confirmedTotal'])),
        values: this.number(now.values ?? 0),
        total: this.number(now.total ?? 0),
      });
    }
    if (failure?.code === 'send.busy') {
      return t('export.dhis.send.error.busy', { user: String(details['holder'] ?? ''), since: this.date(String(details['since'] ?? '')) });
    }
    return null;
  });
  protected readonly error = computed(() => {
    const failure = this.failure();
    if (!failure) return null;
    if (failure.status === 0) return this.t()('export.dhis.error.network');
    return this.wordedFailure() ?? failure.error ?? this.t()('export.dhis.send.error.server', { status: failure.status });
  });
  /** The server's own message is in English; the page's fallbacks are translated. */
  protected readonly serverWords = computed(() => !!this.failure()?.error && !this.wordedFailure());
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
    if (result.outcome === 'unknown') {
      const { outcome, matching, differing, missing } = result.readBack;
      return this.t()(`export.dhis.send.result.unknown.${outcome}`, {
        values: this.number(result.values), matching: this.number(matching), differing: this.number(differing), missing: this.number(missing),
      });
    }
    // a WARNING can refuse every value: then nothing was sent
    const none = result.outcome === 'warning' && !result.dryRun && !result.sent ? '.none' : '';
    const key = `export.dhis.send.result.${result.outcome}${result.dryRun ? '.dry' : none}`;
    return this.t()(key, { values: this.number(result.values), conflicts: this.number(result.conflicts.length) });
  });
  /** What came of the completeness registration the run asked for, in the user's words. */
  protected readonly completenessText = computed(() => {
    const result = this.result();
    const completeness = result && result.outcome !== 'unknown' ? result.completeness : undefined;
    if (!completeness) return '';
    const key = completeness.outcome === 'skipped' || completeness.outcome === 'failed'
      ? `export.dhis.send.completeness.${completeness.outcome}`
      : `export.dhis.send.completeness.${completeness.outcome}${result!.dryRun ? '.dry' : ''}`;
    return this.t()(key, {
      places: this.number(completeness.orgUnits.length),
      registered: this.number((completeness.counts?.imported ?? 0) + (completeness.counts?.updated ?? 0)),
      conflicts: this.number(completeness.conflicts?.length ?? 0),
    });
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

  protected chooseCompleteDataSet(event: Event): void {
    this.store.dispatch(dhis2SendPageActions.completeDataSetChanged({ completeDataSet: (event.target as HTMLInputElement).checked }));
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
      message: record.failure?.message ?? record.unknown?.message ?? '',
      matching: this.number(record.readBack?.matching ?? 0),
      differing: this.number(record.readBack?.differing ?? 0),
      missing: this.number(record.readBack?.missing ?? 0),
    };
    if (record.action === 'read-back') return t(`export.dhis.send.log.readBack.${record.readBack?.outcome ?? 'unreadable'}`, values);
    if (record.failure) return t(record.action === 'send' ? 'export.dhis.send.log.send.failed' : 'export.dhis.send.log.dryRun.failed', values);
    const completed = record.completeness ? ` ${t(`export.dhis.send.log.completeness.${record.completeness.outcome}`, { places: this.number(record.completeness.orgUnits) })}` : '';
    if (record.action === 'send' && record.sent === null) return t('export.dhis.send.log.send.unknown', values);
    if (record.action === 'send' && record.sent === false) return t('export.dhis.send.log.send.refused', values) + completed;
    if (record.action === 'send') return t('export.dhis.send.log.send', values) + completed;
    if (record.action === 'dry-run') return t('export.dhis.send.log.dryRun', values) + completed;
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
