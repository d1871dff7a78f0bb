import { dhis2CompareFeature, initialDhis2CompareState } from './compare/dhis2-compare.feature';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { DhisExportPage } from './dhis-export-page';
import { dhis2SendFeature, initialDhis2SendState } from './send/state/dhis2-send.feature';
import { DataSetPeriods, monthlyPeriods } from './domain/periods';
import { PlaceOption } from './domain/models';
import { translator } from './domain/translate';
import { dhisExportPageActions } from './state/dhis-export.actions';
import { ExportFailure, LoadStatus, dhisExportFeature } from './state/dhis-export.feature';
import { exportPreviewFeature } from './preview/export-preview.feature';
import { IndexBuilding } from './domain/index-building';

/** The preview panel's state: nothing previewed. */
const previewSelectors = [
  { selector: exportPreviewFeature.selectStatus, value: 'idle' },
  { selector: exportPreviewFeature.selectPreview, value: null },
  { selector: exportPreviewFeature.selectProgress, value: null },
  { selector: exportPreviewFeature.selectPreviewFor, value: null },
  { selector: exportPreviewFeature.selectError, value: null },
  { selector: exportPreviewFeature.selectIndexBuilding, value: null },
];

const periodsByDataSet = new Map<string, DataSetPeriods>([['ds1', monthlyPeriods(new Date(2024, 5, 15))]]);

describe('DhisExportPage', () => {
  let fixture: ComponentFixture<DhisExportPage>;
  let store: MockStore;
  let el: HTMLElement;

  function setState(overrides: {
    loadStatus?: LoadStatus;
    placesLoading?: boolean;
    permitted?: boolean;
    configured?: boolean;
    exporting?: boolean;
    statusText?: string;
    indexBuilding?: IndexBuilding | null;
    loadingText?: string;
    errorText?: string | null;
    lastError?: ExportFailure | null;
    messages?: Record<string, string>;
  }) {
    const messages = overrides.messages ?? {};
    store.overrideSelector(dhisExportFeature.selectLoadStatus, overrides.loadStatus ?? 'loaded');
    store.overrideSelector(dhisExportFeature.selectPlacesLoading, overrides.placesLoading ?? false);
    store.overrideSelector(dhisExportFeature.selectPermitted, overrides.permitted ?? true);
    store.overrideSelector(dhisExportFeature.selectConfigured, overrides.configured ?? true);
    store.overrideSelector(dhisExportFeature.selectExporting, overrides.exporting ?? false);
    store.overrideSelector(dhisExportFeature.selectStatusText, overrides.statusText ?? '');
    store.overrideSelector(dhisExportFeature.selectIndexBuilding, overrides.indexBuilding ?? null);
    store.overrideSelector(dhisExportFeature.selectLoadingText, overrides.loadingText ?? '');
    store.overrideSelector(dhisExportFeature.selectSavedSummary, null);
    store.overrideSelector(
      dhisExportFeature.selectExportFailure,
      overrides.errorText ? { message: overrides.errorText, action: 'retry-export', detail: 'the server said so' } : null,
    );
    store.overrideSelector(
      dhisExportFeature.selectLoadFailure,
      overrides.loadStatus === 'failed' ? { message: 'The DHIS2 settings or places could not be loaded.', action: 'retry-load', detail: null } : null,
    );
    store.overrideSelector(dhisExportFeature.selectLastError, overrides.lastError ?? null);
    store.overrideSelector(dhisExportFeature.selectMessages, messages);
    store.overrideSelector(dhisExportFeature.selectTranslate, translator(messages));
    store.refreshState();
  }

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [DhisExportPage],
      providers: [
        provideMockStore({
          initialState: { [dhis2SendFeature.name]: initialDhis2SendState, [dhis2CompareFeature.name]: initialDhis2CompareState },
          selectors: [
            { selector: dhisExportFeature.selectDataSetOptions, value: [{ id: 'ds1', name: 'Monthly' }] },
            {
              selector: dhisExportFeature.selectPlacesByDataSet,
              value: new Map<string, PlaceOption[]>([['ds1', [{ orgUnit: 'ou-1', name: 'Clinic' }]]]),
            },
            { selector: dhisExportFeature.selectPeriodsByDataSet, value: periodsByDataSet },
            { selector: dhisExportFeature.selectPreferences, value: { format: 'json', omitZeros: false } },
            { selector: dhisExportFeature.selectLocale, value: 'fr' },
            ...previewSelectors,
          ],
        }),
      ],
    });
    store = TestBed.inject(MockStore);
    spyOn(store, 'dispatch').and.callThrough();
    setState({});
    // the Scheduled sends section is deferred: its code loads after the page
    await TestBed.compileComponents();
    fixture = TestBed.createComponent(DhisExportPage);
    el = fixture.nativeElement;
    await fixture.whenStable();
  });

  // overridden selectors are memoized module-wide: undo them for the next spec
  afterEach(() => store.resetSelectors());

  it('asks for its reference data when opened', () => {
    expect(store.dispatch).toHaveBeenCalledWith(dhisExportPageActions.opened());
  });

  it('shows the intro, one status region and the form', () => {
    expect(el.textContent).toContain('DHIS2 dataValueSet');
    expect(el.querySelectorAll('[role="status"]').length).toBe(1);
    expect(el.querySelector('app-dhis-export-form select#dhis-data-set')).not.toBeNull();
    expect(el.querySelector('[role="alert"]')).toBeNull();
  });

  it('shows how far the database\'s index is under the status it names, and gives the export up for the keyboard to go back to Download', () => {
    setState({ exporting: true, statusText: 'Preparing the database: 42%', indexBuilding: { progress: 42 } });
    fixture.detectChanges();
    const bar = el.querySelector<HTMLProgressElement>('progress.index-building-bar')!;
    expect(bar.getAttribute('value')).toBe('42');
    expect(bar.getAttribute('max')).toBe('100');
    // named by the text the page's one status region says
    expect(el.querySelector('#' + bar.getAttribute('aria-labelledby'))!.textContent).toBe('Preparing the database: 42%');
    expect(el.querySelector('[role="status"] #dhis-export-status')).not.toBeNull();
    expect(el.querySelectorAll('[role="status"]').length).toBe(1);

    setState({ exporting: true, statusText: 'Preparing the database…', indexBuilding: { progress: null } });
    fixture.detectChanges();
    expect(bar.hasAttribute('value')).withContext('indeterminate while the server cannot tell').toBeFalse();

    const stop = [...el.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Stop waiting')!;
    expect(stop.type).toBe('button');
    stop.click();
    expect(store.dispatch).toHaveBeenCalledWith(dhisExportPageActions.indexWaitStopped());
    expect(document.activeElement?.id).toBe('dhis-download');
  });

  it('dispatches the download the form asks for', () => {
    el.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    expect(store.dispatch).toHaveBeenCalledWith(
      dhisExportPageActions.downloadRequested({ request: { dataSet: 'ds1', orgUnit: '', period: '202405', format: 'json', omitZeros: false } }),
    );
  });

  it('dispatches the file format and zeros choice when the user changes them', async () => {
    const format = el.querySelector<HTMLSelectElement>('#dhis-format')!;
    format.value = 'adx';
    format.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(store.dispatch).toHaveBeenCalledWith(
      dhisExportPageActions.preferencesChanged({ preferences: { format: 'adx', omitZeros: false } }),
    );
  });

  it('says that DHIS2 is not configured instead of showing the form', async () => {
    setState({ configured: false });
    await fixture.whenStable();
    expect(el.textContent).toContain('DHIS2 integration is not configured.');
    expect(el.querySelector('form')).toBeNull();
  });

  it('says that the user lacks the permission instead of showing the form', async () => {
    setState({ permitted: false, configured: true });
    await fixture.whenStable();
    expect(el.textContent).toContain('You do not have permission to export DHIS2 data.');
    expect(el.querySelector('form')).toBeNull();
  });

  it('shows progress in the status region while exporting', async () => {
    setState({ exporting: true, statusText: 'Preparing the DHIS2 export…' });
    await fixture.whenStable();
    const status = el.querySelector('[role="status"]')!;
    expect(status.textContent!.trim()).toBe('Preparing the DHIS2 export…');
    expect(el.querySelectorAll('.spinner').length).toBe(1, 'one progress indicator, by the button');
    expect(el.querySelectorAll('[role="status"]').length).toBe(1);
    expect(el.querySelector('button[type="submit"]')!.getAttribute('aria-disabled')).toBe('true');
  });

  it('names the saved file in the status region', async () => {
    setState({ statusText: 'Export saved as dhis-ds1-202405.json.' });
    await fixture.whenStable();
    expect(el.querySelector('[role="status"]')!.textContent).toContain('dhis-ds1-202405.json');
  });

  it("shows the server's message in a focused error summary with a heading", async () => {
    setState({ errorText: 'Data set "ds1" has no dataElements', lastError: { status: 400, error: 'x' } });
    await fixture.whenStable();
    const alert = el.querySelector<HTMLElement>('[role="alert"]')!;
    expect(alert.textContent).toContain('Data set "ds1" has no dataElements');
    expect(alert.querySelector('h2')!.textContent!.trim()).toBe('There is a problem');
    expect(alert.getAttribute('tabindex')).toBe('-1');
    expect(document.activeElement).toBe(alert);
  });

  it('focuses the error summary again on the next failure', async () => {
    setState({ errorText: 'first', lastError: { status: 500, error: null } });
    await fixture.whenStable();
    el.querySelector<HTMLButtonElement>('button[type="submit"]')!.focus();
    setState({ errorText: 'first', lastError: { status: 500, error: null } });
    await fixture.whenStable();
    expect(document.activeElement).toBe(el.querySelector('[role="alert"]'));
  });

  it('reports a failed load in the error summary', async () => {
    setState({ loadStatus: 'failed' });
    await fixture.whenStable();
    expect(el.querySelector('[role="alert"]')!.textContent).toContain('could not be loaded');
    expect(el.querySelector('form')).toBeNull();
  });

  it('shows the form while the places are still on their way, and says so beside the place list', async () => {
    setState({ placesLoading: true, loadingText: 'Loading data sets and places…' });
    await fixture.whenStable();
    expect(el.querySelector('form')).not.toBeNull();
    expect(el.querySelector('.loading-status')!.textContent!.trim()).toBe('Loading data sets and places…');
    expect(el.querySelector('.loading-status .spinner')).not.toBeNull();
    const place = el.querySelector('#dhis-place')!;
    expect(place.getAttribute('aria-describedby')).toBe('dhis-place-hint dhis-place-status');
    expect(el.querySelector('#dhis-place-status')!.textContent!.trim()).toBe('Loading places…');
    setState({});
    await fixture.whenStable();
    expect(el.querySelector('#dhis-place-status')).toBeNull();
    expect(el.querySelector('[role="status"] .spinner')).toBeNull();
  });

  it('shows no form while settings or translations load', async () => {
    setState({ loadStatus: 'loading' });
    await fixture.whenStable();
    expect(el.querySelector('form')).toBeNull();
  });

  it('marks right-to-left languages', async () => {
    store.overrideSelector(dhisExportFeature.selectLocale, 'ar');
    setState({ messages: { 'export.dhis.place.label': 'تصفية حسب المكان' } });
    await fixture.whenStable();
    expect(el.querySelector('.dhis-export')!.getAttribute('lang')).toBe('ar');
    expect(el.querySelector('.dhis-export')!.getAttribute('dir')).toBe('rtl');
  });

  it('marks the language of the texts: the locale when the database or the page has texts in it, else English', async () => {
    expect(el.querySelector('.dhis-export')!.getAttribute('lang')).toBe('fr', 'the page ships French');
    store.overrideSelector(dhisExportFeature.selectLocale, 'de');
    setState({});
    await fixture.whenStable();
    expect(el.querySelector('.dhis-export')!.getAttribute('lang')).toBe('en');
    store.overrideSelector(dhisExportFeature.selectLocale, 'fr');
    setState({ messages: { 'export.dhis.place.label': 'Filtrer par Place' } });
    await fixture.whenStable();
    expect(el.querySelector('.dhis-export')!.getAttribute('lang')).toBe('fr');
    expect(el.querySelector('.dhis-export')!.getAttribute('dir')).toBeNull();
    expect(el.querySelector('label[for="dhis-place"]')!.textContent!.trim()).toBe('Filtrer par Place');
  });

  it('offers a way out of a failure: Try again repeats the export, and a failed load is read again', async () => {
    const dispatch = store.dispatch as jasmine.Spy;
    setState({ errorText: 'The server could not make the file (HTTP 503).' });
    await fixture.whenStable();
    const alert = el.querySelector('[role="alert"]')!;
    expect(alert.querySelector('details')!.textContent).toContain('the server said so');
    (alert.querySelector('button') as HTMLButtonElement).click();
    expect(dispatch).toHaveBeenCalledWith(dhisExportPageActions.retryRequested());
    setState({ loadStatus: 'failed' });
    await fixture.whenStable();
    (el.querySelector('[role="alert"] button') as HTMLButtonElement).click();
    expect(dispatch).toHaveBeenCalledWith(dhisExportPageActions.opened());
  });
});
