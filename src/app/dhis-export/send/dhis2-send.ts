import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, afterRenderEffect, computed, inject, input, viewChild } from '@angular/core';
import { Store } from '@ngrx/store';
import { Dhis2CompareCounts } from '../compare/compare-counts';
import { DataSetOption, Period, PlaceOption } from '../domain/models';
import { Translate } from '../domain/translate';
import { ExplainedConflict, ExportLogRecord } from './dhis2-send-api';
import { dhis2SendPageActions } from './state/dhis2-send.actions';
import { dhis2SendFeature } from './state/dhis2-send.feature';
import { numberFormat } from '../domain/numbers';
import { placeLabel } from '../domain/places';
import { zeroRisks } from '../domain/zero-risk';
import { sendFailureView } from './send-failure-view';
import { exportPreviewFeature } from '../preview/export-preview.feature';
import { LastCheck, SendConfirmation } from './send-confirmation';
import { conflictAdvice, dhis2StatusWord, exportLogLine } from './send-log-words';

/**
 * Under the export form: checks the chosen export with DHIS2 (its own dry run), sends it after a
 * confirmation, says what DHIS2 answered in plain words, and shows the recent exports of the selection.
 */
@Component({
  selector: 'app-dhis2-send',
  imports: [Dhis2CompareCounts, SendConfirmation],
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
  /** The periods under way (the first offered for each data set): their figures are not complete. */
  readonly periodsInProgress = input<ReadonlySet<string>>(new Set());
  private readonly injector = inject(Injector);

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
  private readonly sendButton = viewChild<ElementRef<HTMLButtonElement>>('sendButton');
  private readonly previewState = this.store.selectSignal(exportPreviewFeature.selectDhisExportPreviewState);
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
    if (failure?.code === 'calendar.mismatch' || failure?.code === 'calendar.dhis2-differs') {
      return t('export.dhis.error.calendar');
    }
    if (failure?.code === 'send.busy') {
      return t('export.dhis.send.error.busy', { user: String(details['holder'] ?? ''), since: this.date(String(details['since'] ?? '')) });
    }
    return null;
  });
  /** In the manager's words; the server's own text (English, for whoever configures the server) under "Technical details". */
  protected readonly error = computed(() => {
    const failure = this.failure();
    if (!failure) return null;
    const view = sendFailureView(failure.status, failure.error, this.t());
    const worded = this.wordedFailure();
    // another send under way passes: trying again then helps; changed figures need a new look first
    return worded ? { ...view, message: worded, retry: failure.code === 'send.busy' } : view;
  });
  /** What "Try again" repeats: the dry run, or the confirmation of a send (never a send without it). */
  private lastAttempt: 'dry-run' | 'send' = 'dry-run';
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

  /** The preview of this very selection, when one is shown: it knows the zeros and the places. */
  private readonly preview = computed(() => {
    const state = this.previewState() as ReturnType<typeof this.previewState> | undefined;
    if (!state) return null;
    const { status, previewFor, preview } = state;
    const chosen = this.selection();
    const same = status === 'loaded' && !!preview && !!chosen && previewFor?.dataSet === chosen.dataSet
      && previewFor.period === chosen.period && (previewFor.orgUnit ?? null) === (chosen.orgUnit ?? null);
    return same ? preview : null;
  });
  protected readonly sendValues = computed(() => this.preview()?.dataValues.length ?? this.logView()?.current.values ?? 0);
  /** Known from the preview, or when the values add up to nothing. */
  protected readonly sendZeros = computed(() => {
    const preview = this.preview();
    if (preview) return preview.dataValues.filter(({ value }) => value === 0).length;
    const current = this.logView()?.current;
    return current && current.total === 0 ? current.values : null;
  });
  protected readonly sendPlaces = computed(() => {
    const chosen = this.selection();
    if (!chosen) return 0;
    if (chosen.orgUnit) return 1;
    const preview = this.preview();
    const places = preview ? preview.dataValues : (this.placesByDataSet().get(chosen.dataSet) ?? []);
    return new Set(places.map(({ orgUnit }) => orgUnit)).size;
  });
  protected readonly sendRisks = computed(() =>
    zeroRisks({ values: this.sendValues(), zeros: this.sendZeros(), inProgress: this.periodsInProgress().has(this.selection()?.period ?? '') }),
  );
  protected readonly lastCheck = computed((): LastCheck | null => {
    const record = this.logView()?.records.find(({ action }) => action === 'dry-run');
    if (!record) return null;
    return { at: record.at, status: record.failure ? null : (record.dhis2?.status ?? null), conflicts: record.dhis2?.conflicts ?? 0 };
  });

  constructor() {
    this.store.dispatch(dhis2SendPageActions.opened());
    // focus follows what happened: the error summary, the confirmation's first button, the answer
    afterRenderEffect(() => {
      this.failures();
      this.errorSummary()?.nativeElement.focus();
    });
    afterRenderEffect(() => {
      if (this.result()) this.resultRegion()?.nativeElement.focus();
    });
  }

  protected dryRun(): void {
    this.lastAttempt = 'dry-run';
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
    // back where the manager was: the Send button, enabled again once the page has redrawn
    afterNextRender(() => this.sendButton()?.nativeElement.focus(), { injector: this.injector });
  }

  protected tryAgain(): void {
    if (this.lastAttempt === 'dry-run') this.dryRun();
    else this.askToSend();
  }

  protected confirmSend(): void {
    this.lastAttempt = 'send';
    this.store.dispatch(dhis2SendPageActions.sendConfirmed());
  }

  protected logLine(record: ExportLogRecord): string {
    return exportLogLine(record, this.t(), { date: (iso) => this.date(iso), number: (value) => this.number(value), place: (orgUnit) => this.placeLabel(orgUnit) });
  }

  protected advice(conflict: ExplainedConflict, part: 'meaning' | 'action'): { text: string; lang: string | null } {
    return conflictAdvice(conflict, part, this.t());
  }

  protected statusWord(status: string): string {
    return dhis2StatusWord(this.t(), status);
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
