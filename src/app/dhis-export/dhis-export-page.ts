import { ChangeDetectionStrategy, Component, DOCUMENT, ElementRef, afterRenderEffect, computed, effect, inject, viewChild } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { Store } from '@ngrx/store';
import { DhisExportForm } from './dhis-export-form';
import { PreviewAnnouncement } from './preview/preview-announcement';
import { PreviewPanel } from './preview/preview-panel';
import { DhisExportRequest, ExportPreferences } from './domain/models';
import { ExportSelectionStore } from './data-access/export-selection';
import { Dhis2Compare } from './compare/dhis2-compare';
import { Dhis2Send } from './send/dhis2-send';
import { HeldDownload } from './held-download/held-download';
import { IndexBuildingProgress } from './index-building-progress';
import { ScheduledSends } from './schedules/scheduled-sends';
import { dhis2SendPageActions } from './send/state/dhis2-send.actions';
import { hasShippedMessages } from './domain/translate';
import { FailureAction } from './domain/export-errors';
import { dhisExportPageActions } from './state/dhis-export.actions';
import { dhisExportFeature } from './state/dhis-export.feature';

const RTL_LANGUAGES = new Set(['ar', 'dv', 'fa', 'he', 'ps', 'ur', 'yi']);

/** The DHIS2 tab of "Import & export data": reads the store, hands the form its lists, dispatches. */
@Component({
  selector: 'app-dhis-export-page',
  imports: [DhisExportForm, PreviewAnnouncement, PreviewPanel, Dhis2Compare, Dhis2Send, HeldDownload, IndexBuildingProgress, ScheduledSends],
  templateUrl: './dhis-export-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '(window:focus)': 'returnedTo()',
    '(document:visibilitychange)': 'returnedTo()',
  },
})
export class DhisExportPage {
  private readonly store = inject(Store);
  private readonly document = inject(DOCUMENT);
  private readonly selections = inject(ExportSelectionStore);
  /** The choices of this browser session, to come back to. */
  protected readonly restoredSelection = this.selections.read();

  protected readonly t = this.store.selectSignal(dhisExportFeature.selectTranslate);
  protected readonly loadStatus = this.store.selectSignal(dhisExportFeature.selectLoadStatus);
  protected readonly placesLoading = this.store.selectSignal(dhisExportFeature.selectPlacesLoading);
  protected readonly permitted = this.store.selectSignal(dhisExportFeature.selectPermitted);
  protected readonly configured = this.store.selectSignal(dhisExportFeature.selectConfigured);
  protected readonly dataSets = this.store.selectSignal(dhisExportFeature.selectDataSetOptions);
  protected readonly placesByDataSet = this.store.selectSignal(dhisExportFeature.selectPlacesByDataSet);
  protected readonly periodsByDataSet = this.store.selectSignal(dhisExportFeature.selectPeriodsByDataSet);
  /** Every period offered, to name the one chosen when sending. */
  protected readonly allPeriods = computed(() =>
    [...this.periodsByDataSet().values()].flatMap((choices) => ('periods' in choices ? choices.periods : [])),
  );
  /** The period under way of each data set (offered first): its figures are not complete. */
  protected readonly periodsInProgress = computed(
    () => new Set([...this.periodsByDataSet().values()].flatMap((choices) => ('periods' in choices && choices.periods[0] ? [choices.periods[0].value] : []))),
  );
  protected readonly preferences = this.store.selectSignal(dhisExportFeature.selectPreferences);
  protected readonly exporting = this.store.selectSignal(dhisExportFeature.selectExporting);
  protected readonly statusText = this.store.selectSignal(dhisExportFeature.selectStatusText);
  protected readonly indexBuilding = this.store.selectSignal(dhisExportFeature.selectIndexBuilding);
  protected readonly loadingText = this.store.selectSignal(dhisExportFeature.selectLoadingText);
  protected readonly savedSummary = this.store.selectSignal(dhisExportFeature.selectSavedSummary);
  private readonly exportFailure = this.store.selectSignal(dhisExportFeature.selectExportFailure);
  private readonly loadFailure = this.store.selectSignal(dhisExportFeature.selectLoadFailure);
  private readonly lastError = this.store.selectSignal(dhisExportFeature.selectLastError);
  private readonly locale = this.store.selectSignal(dhisExportFeature.selectLocale);
  private readonly messages = this.store.selectSignal(dhisExportFeature.selectMessages);

  /** The page speaks its locale when the database or the page itself has texts in it; texts left in English say so themselves. */
  protected readonly lang = computed(() =>
    Object.keys(this.messages()).length || hasShippedMessages(this.locale()) ? this.locale().replace(/_/g, '-') : 'en',
  );
  protected readonly dir = computed(() => (RTL_LANGUAGES.has(this.lang()?.split(/[-_]/)[0] ?? '') ? 'rtl' : null));
  /** What the error summary shows: a failed load, else a failed export. */
  protected readonly failure = computed(() => this.loadFailure() ?? this.exportFailure());

  private readonly errorSummary = viewChild<ElementRef<HTMLElement>>('errorSummary');

  constructor() {
    this.store.dispatch(dhisExportPageActions.opened());
    // while an error shows, the tab's title says so first (WCAG 3.3.1, as GOV.UK does)
    const title = inject(Title);
    effect(() => {
      const t = this.t();
      const base = t('export.dhis.tab.title', { importExport: t('import.export') });
      title.setTitle(this.failure() ? t('export.dhis.tab.title.error', { prefix: t('export.dhis.error.prefix'), title: base }) : base);
    });
    // the error summary takes focus each time something fails
    afterRenderEffect(() => {
      this.lastError();
      this.loadStatus();
      this.errorSummary()?.nativeElement.focus();
    });
  }

  protected returnedTo(): void {
    if (this.document.visibilityState === 'visible') this.store.dispatch(dhisExportPageActions.returnedTo());
  }

  protected act(action: FailureAction): void {
    if (action === 'retry-export') this.store.dispatch(dhisExportPageActions.retryRequested());
    if (action === 'reload-settings') this.store.dispatch(dhisExportPageActions.reloadRequested());
    if (action === 'retry-load') this.store.dispatch(dhisExportPageActions.opened());
  }

  protected selectionChanged(selection: DhisExportRequest): void {
    const { dataSet, orgUnit, period } = selection;
    this.selections.save({ dataSet, orgUnit, period });
    this.store.dispatch(dhisExportPageActions.selectionChanged());
    this.store.dispatch(dhis2SendPageActions.selectionChanged({ selection }));
  }

  protected requestDownload(request: DhisExportRequest): void {
    this.store.dispatch(dhisExportPageActions.downloadRequested({ request }));
  }

  protected refuseDownload(error: string): void {
    this.store.dispatch(dhisExportPageActions.downloadRefused({ error }));
  }

  /** The export is given up; the keyboard goes back to Download, which the wait had left. */
  protected stopWaiting(): void {
    this.store.dispatch(dhisExportPageActions.indexWaitStopped());
    this.document.getElementById('dhis-download')?.focus();
  }

  protected changePreferences(preferences: ExportPreferences): void {
    this.store.dispatch(dhisExportPageActions.preferencesChanged({ preferences }));
  }
}
