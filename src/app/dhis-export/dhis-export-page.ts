import { ChangeDetectionStrategy, Component, DOCUMENT, ElementRef, afterRenderEffect, computed, inject, viewChild } from '@angular/core';
import { Store } from '@ngrx/store';
import { DhisExportForm } from './dhis-export-form';
import { Dhis2Send } from './send/dhis2-send';
import { dhis2SendPageActions } from './send/state/dhis2-send.actions';
import { DhisExportRequest } from './domain/models';
import { hasShippedMessages } from './domain/translate';
import { dhisExportPageActions } from './state/dhis-export.actions';
import { dhisExportFeature } from './state/dhis-export.feature';

const RTL_LANGUAGES = new Set(['ar', 'dv', 'fa', 'he', 'ps', 'ur', 'yi']);

/** The DHIS2 tab of "Import & export data": reads the store, hands the form its lists, dispatches. */
@Component({
  selector: 'app-dhis-export-page',
  imports: [DhisExportForm, Dhis2Send],
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

  protected readonly t = this.store.selectSignal(dhisExportFeature.selectTranslate);
  protected readonly loadStatus = this.store.selectSignal(dhisExportFeature.selectLoadStatus);
  protected readonly placesLoading = this.store.selectSignal(dhisExportFeature.selectPlacesLoading);
  protected readonly permitted = this.store.selectSignal(dhisExportFeature.selectPermitted);
  protected readonly configured = this.store.selectSignal(dhisExportFeature.selectConfigured);
  protected readonly dataSets = this.store.selectSignal(dhisExportFeature.selectDataSetOptions);
  protected readonly placesByDataSet = this.store.selectSignal(dhisExportFeature.selectPlacesByDataSet);
  protected readonly periods = this.store.selectSignal(dhisExportFeature.selectPeriods);
  protected readonly preselectedPeriod = this.store.selectSignal(dhisExportFeature.selectPreselectedPeriod);
  protected readonly exporting = this.store.selectSignal(dhisExportFeature.selectExporting);
  protected readonly statusText = this.store.selectSignal(dhisExportFeature.selectStatusText);
  private readonly exportError = this.store.selectSignal(dhisExportFeature.selectErrorText);
  private readonly lastError = this.store.selectSignal(dhisExportFeature.selectLastError);
  private readonly locale = this.store.selectSignal(dhisExportFeature.selectLocale);
  private readonly messages = this.store.selectSignal(dhisExportFeature.selectMessages);

  /** The page speaks its locale when the database or the page itself has texts in it; texts left in English say so themselves. */
  protected readonly lang = computed(() =>
    Object.keys(this.messages()).length || hasShippedMessages(this.locale()) ? this.locale().replace(/_/g, '-') : 'en',
  );
  protected readonly dir = computed(() => (RTL_LANGUAGES.has(this.lang()?.split(/[-_]/)[0] ?? '') ? 'rtl' : null));
  protected readonly errorText = computed(() =>
    this.loadStatus() === 'failed' ? this.t()('export.dhis.error.load') : this.exportError(),
  );

  private readonly errorSummary = viewChild<ElementRef<HTMLElement>>('errorSummary');

  constructor() {
    this.store.dispatch(dhisExportPageActions.opened());
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

  protected selectionChanged(selection: DhisExportRequest): void {
    this.store.dispatch(dhis2SendPageActions.selectionChanged({ selection }));
  }

  protected requestDownload(request: DhisExportRequest): void {
    this.store.dispatch(dhisExportPageActions.downloadRequested({ request }));
  }
}
