import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { DhisExportRequest } from '../domain/models';
import { translator } from '../domain/translate';
import { MESSAGES_FR } from '../domain/messages-fr';
import { exportPreviewPageActions } from './export-preview.actions';
import { PreviewStatus, exportPreviewFeature } from './export-preview.feature';
import { PreviewAnnouncement } from './preview-announcement';
import { PreviewPanel, VALUES_PER_PAGE } from './preview-panel';
import { previewOf } from './preview-fixtures';
import { ExportPreview, PreviewProgress } from './preview-models';
import { IndexBuilding } from '../domain/index-building';

const request: DhisExportRequest = { dataSet: 'VMuFODsyWaO', orgUnit: '', period: '202410', format: 'json', omitZeros: false };

describe('PreviewPanel', () => {
  let fixture: ComponentFixture<PreviewPanel>;
  let store: MockStore;
  let el: HTMLElement;

  function setState(status: PreviewStatus, preview: ExportPreview | null = null, progress: PreviewProgress | null = null, previewFor = request, indexBuilding: IndexBuilding | null = null) {
    store.overrideSelector(exportPreviewFeature.selectIndexBuilding, indexBuilding);
    store.overrideSelector(exportPreviewFeature.selectStatus, status);
    store.overrideSelector(exportPreviewFeature.selectPreview, preview);
    store.overrideSelector(exportPreviewFeature.selectProgress, progress);
    store.overrideSelector(exportPreviewFeature.selectPreviewFor, status === 'idle' ? null : previewFor);
    store.overrideSelector(exportPreviewFeature.selectError, status === 'failed' ? { status: 400, error: 'period is wrong' } : null);
    store.refreshState();
    fixture.detectChanges();
  }

  const text = (selector: string) => el.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const cells = (selector: string) => [...el.querySelector(selector)!.children].map((cell) => cell.textContent?.trim());
  const button = (name: string) => [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === name)!;

  beforeEach(() => {
    TestBed.configureTestingModule({ imports: [PreviewPanel], providers: [provideMockStore()] });
    store = TestBed.inject(MockStore);
    spyOn(store, 'dispatch');
    fixture = TestBed.createComponent(PreviewPanel);
    fixture.componentRef.setInput('t', translator({}));
    fixture.componentRef.setInput('request', request);
    el = fixture.nativeElement;
    setState('idle');
  });

  it('asks for a preview of the form\'s request with a native button, and not without one', () => {
    button('Preview').click();
    expect(store.dispatch).toHaveBeenCalledWith(exportPreviewPageActions.previewRequested({ request }));
    fixture.componentRef.setInput('request', null);
    fixture.detectChanges();
    expect(button('Preview').getAttribute('aria-disabled')).toBe('true');
    button('Preview').click();
    expect(store.dispatch).toHaveBeenCalledTimes(1);
  });

  it('shows determinate progress while it computes, and indeterminate when the total is unknown', () => {
    setState('loading', null, { docsRead: 1200, docsExpected: 5000 });
    const bar = el.querySelector('progress')!;
    expect(bar.getAttribute('max')).toBe('5000');
    expect(bar.getAttribute('value')).toBe('1200');
    expect(text('label[for="dhis-preview-progress"]')).toBe('Reading target documents: 1,200 of about 5,000…');
    setState('loading', null, { docsRead: 12, docsExpected: null });
    expect(el.querySelector('progress')!.hasAttribute('value')).toBeFalse();
  });

  it('shows the values as a table with a caption and headers, a page at a time, and the totals', () => {
    setState('loaded', previewOf(130, 2));
    const values = el.querySelector('table.preview-values')!;
    expect(text('table.preview-values caption')).toBe('Values in the file, page 1 of 3');
    expect([...values.querySelectorAll('thead th')].map((th) => th.getAttribute('scope'))).toEqual(Array(6).fill('col'));
    expect(values.querySelectorAll('tbody tr').length).toBe(VALUES_PER_PAGE);
    expect(cells('table.preview-values tbody tr')).toEqual(['Place 1', 'ou000000001', 'Target 1', 'de000000001', '', '1']);
    button('Next page').click();
    fixture.detectChanges();
    expect(text('table.preview-values caption')).toBe('Values in the file, page 2 of 3');
    button('Next page').click();
    button('Next page').click();
    fixture.detectChanges();
    expect(values.querySelectorAll('tbody tr').length).toBe(60);
    expect(button('Next page').getAttribute('aria-disabled')).toBe('true');
    expect(text('table.preview-totals caption')).toBe('Totals per data element');
    expect(cells('table.preview-totals tbody tr')).toEqual(['Target 1', 'de000000001', '', '3']);
  });

  it('lists the warnings with their ids one step away, and never hides Download', () => {
    setState('loaded', previewOf());
    const checks = [...el.querySelectorAll('.preview-check')];
    expect(checks.map((check) => check.getAttribute('data-code'))).toEqual(['percent-target', 'zero-values']);
    expect(text('.preview-check strong')).toBe('Warning: Percent targets');
    expect(checks[0].querySelector('details summary')?.textContent?.trim()).toBe('Ids involved (1)');
  });

  it('words a check of one document in the singular, of several in the plural, in English and French', () => {
    const countedNowhere = (count: number) => ({
      code: 'counted-nowhere', severity: 'warning' as const, message: 'server text', count, ids: ['u1'], params: { count, period: '202410' },
    });
    const checkText = () => text('.preview-check p');
    setState('loaded', previewOf(1, 1, { checks: [countedNowhere(1)] }));
    expect(checkText()).toMatch(/^1 target document of 202410 counts toward no place of this data set: neither its health worker's place/);
    setState('loaded', previewOf(1, 1, { checks: [countedNowhere(2)] }));
    expect(checkText()).toMatch(/^2 target documents of 202410 count toward no place/);
    fixture.componentRef.setInput('t', translator({}, 'fr', {}, MESSAGES_FR));
    fixture.componentRef.setInput('locale', 'fr');
    setState('loaded', previewOf(1, 1, { checks: [countedNowhere(1)] }));
    expect(checkText()).toMatch(/^1 document de cibles de 202410 ne compte pour aucun lieu/);
    setState('loaded', previewOf(1, 1, { checks: [countedNowhere(3)] }));
    expect(checkText()).toMatch(/^3 documents de cibles de 202410 ne comptent pour aucun lieu/);
  });

  it('shows an empty period prominently, before anything else', () => {
    const empty = { code: 'empty-period', severity: 'error' as const, message: 'No target doc at all for 202410.', count: 0, ids: [] };
    setState('loaded', previewOf(1, 1, { checks: [empty] }));
    expect(text('.preview-empty h3')).toBe('No data for this period');
    expect(text('.preview-empty p')).toBe('No target doc at all for 202410.');
  });

  it('gives the coverage per org unit, with the missing and stale health workers on expanding', () => {
    setState('loaded', previewOf());
    expect(text('table.preview-coverage tbody tr th')).toBe('Place 1 ou000000001');
    const details = el.querySelector('table.preview-coverage details') as HTMLDetailsElement;
    expect(text('table.preview-coverage summary')).toBe('1 without a target document, 1 not updated since');
    expect(details.open).toBeFalse();
    const names = [...details.querySelectorAll('li')].map((li) => li.textContent?.trim());
    expect(names).toEqual(['Cat Otieno (cat): no target document for the period', 'Ben Ouma (ben): last update Oct 14, 2024']);
  });

  it('says when the form has changed since the preview', () => {
    setState('loaded', previewOf());
    expect(el.querySelector('.preview-outdated')).toBeNull();
    fixture.componentRef.setInput('request', { ...request, period: '202409' });
    fixture.detectChanges();
    expect(text('.preview-outdated')).toContain('have changed since this preview');
  });

  it('announces the preview in the page\'s status region, an empty period first of all', () => {
    const announcement = TestBed.createComponent(PreviewAnnouncement);
    announcement.componentRef.setInput('t', translator({}));
    setState('loaded', previewOf(130, 2));
    announcement.detectChanges();
    expect(announcement.nativeElement.textContent).toBe('Preview ready: 260 values; to check: 1 warning, 1 notice.');
    const empty = { code: 'empty-period', severity: 'error' as const, message: 'No target doc.', count: 0, ids: [] };
    setState('loaded', previewOf(1, 1, { checks: [empty] }));
    announcement.detectChanges();
    expect(announcement.nativeElement.textContent).toBe('Preview ready: 1 value; to check: 1 error. No data for this period');
  });

  it('shows in French how far the database\'s index is while the preview waits on it; Stop waiting gives it up and goes back to Preview', () => {
    fixture.componentRef.setInput('t', translator({}, 'fr', {}, MESSAGES_FR));
    fixture.componentRef.setInput('locale', 'fr');
    setState('loading', null, null, request, { progress: 42 });
    expect(el.querySelector('#dhis-preview-index')!.textContent).toBe('Préparation de la base de données\u202f: 42\u202f%');
    const bar = el.querySelector('progress')!;
    expect(bar.getAttribute('aria-labelledby')).toBe('dhis-preview-index');
    expect([bar.getAttribute('max'), bar.getAttribute('value')]).toEqual(['100', '42']);

    setState('loading', null, null, request, { progress: null });
    expect(el.querySelector('#dhis-preview-index')!.textContent).toBe('Préparation de la base de données…');
    expect(el.querySelector('progress')!.hasAttribute('value')).withContext('indeterminate').toBeFalse();

    button("Arrêter d'attendre").click();
    expect(store.dispatch).toHaveBeenCalledWith(exportPreviewPageActions.previewClosed());
    expect(document.activeElement).toBe(button('Aperçu'));
  });

  it('says in the page\'s status region how far the database\'s index is, each time the server tells', () => {
    const announcement = TestBed.createComponent(PreviewAnnouncement);
    announcement.componentRef.setInput('t', translator({}, 'fr', {}, MESSAGES_FR));
    announcement.componentRef.setInput('locale', 'fr');
    setState('loading', null, null, request, { progress: 42 });
    announcement.detectChanges();
    expect(announcement.nativeElement.textContent).toBe('Préparation de la base de données\u202f: 42\u202f%');
    setState('loading', null, { docsRead: 1, docsExpected: 4 }, request, null);
    announcement.detectChanges();
    expect(announcement.nativeElement.textContent).withContext('the reading itself is not announced').toBe('');
  });

  it('says why a preview failed', () => {
    setState('failed');
    expect(text('.preview-failed')).toBe('The preview failed: period is wrong');
  });

  it('speaks French', () => {
    fixture.componentRef.setInput('t', translator({}, 'fr', {}, MESSAGES_FR));
    fixture.componentRef.setInput('locale', 'fr');
    setState('loaded', previewOf());
    expect(text('.preview-title')).toBe(MESSAGES_FR['export.dhis.preview.title']);
    expect(text('table.preview-totals caption')).toBe('Totaux par élément de données');
  });
});
