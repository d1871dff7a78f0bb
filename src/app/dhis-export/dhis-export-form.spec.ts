import { ComponentFixture, TestBed } from '@angular/core/testing';
import { DhisExportForm } from './dhis-export-form';
import { DataSetPeriods, monthlyPeriods, quarterlyPeriods } from './domain/periods';
import { DhisExportRequest, ExportPreferences, PlaceOption } from './domain/models';
import { translator } from './domain/translate';

const { preselected } = monthlyPeriods(new Date(2024, 5, 15));
const periodsByDataSet = new Map<string, DataSetPeriods>([
  ['ds1', monthlyPeriods(new Date(2024, 5, 15))],
  ['ds2', quarterlyPeriods(new Date(2024, 5, 15))],
  ['ds3', { unsupportedPeriodType: 'Weekly' }],
]);
const dataSets = [
  { id: 'ds1', name: 'Monthly indicators' },
  { id: 'ds2', name: 'Quarterly indicators' },
];
const fewPlaces = new Map<string, readonly PlaceOption[]>([
  ['ds1', [{ orgUnit: 'ou-a', name: 'Alpha' }, { orgUnit: 'ou-b', name: 'Beta' }]],
  ['ds2', [{ orgUnit: 'ou-b', name: 'Beta' }, { orgUnit: 'ou-c', name: 'Gamma' }]],
]);

describe('DhisExportForm', () => {
  let fixture: ComponentFixture<DhisExportForm>;
  let el: HTMLElement;
  let emitted: DhisExportRequest[];
  let refused: string[];
  let preferences: ExportPreferences[];

  async function render(placesByDataSet: ReadonlyMap<string, readonly PlaceOption[]> = fewPlaces, exporting = false) {
    fixture = TestBed.createComponent(DhisExportForm);
    fixture.componentRef.setInput('t', translator({}));
    fixture.componentRef.setInput('dataSets', dataSets);
    fixture.componentRef.setInput('placesByDataSet', placesByDataSet);
    fixture.componentRef.setInput('periodsByDataSet', periodsByDataSet);
    fixture.componentRef.setInput('exporting', exporting);
    emitted = [];
    refused = [];
    preferences = [];
    fixture.componentInstance.download.subscribe((request) => emitted.push(request));
    fixture.componentInstance.downloadRefused.subscribe((error) => refused.push(error));
    fixture.componentInstance.preferencesChange.subscribe((chosen) => preferences.push(chosen));
    await fixture.whenStable();
    el = fixture.nativeElement;
  }

  const select = (id: string) => el.querySelector<HTMLSelectElement>(`#${id}`)!;
  const optionTexts = (id: string) => [...select(id).options].map((o) => o.textContent!.trim());
  const button = () => el.querySelector<HTMLButtonElement>('button')!;

  async function choose(id: string, value: string) {
    const control = select(id);
    control.value = value;
    control.dispatchEvent(new Event('change'));
    await fixture.whenStable();
  }

  /** The place combobox: its text is the chosen place's label; a click opens its list. */
  const placeInput = () => el.querySelector<HTMLInputElement>('#dhis-place')!;
  async function placeOptionTexts() {
    placeInput().click();
    await fixture.whenStable();
    const texts = [...el.querySelectorAll('#dhis-place-listbox [role="option"]')].map((option) => option.textContent!.trim());
    placeInput().dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await fixture.whenStable();
    return texts;
  }
  async function choosePlace(orgUnit: string) {
    placeInput().click();
    await fixture.whenStable();
    el.querySelector<HTMLElement>(`#dhis-place-listbox [data-org-unit="${orgUnit}"]`)!.click();
    await fixture.whenStable();
  }

  beforeEach(() => TestBed.configureTestingModule({ imports: [DhisExportForm] }));

  it('labels every control and ties its help text to it', async () => {
    await render();
    const expected: Record<string, string> = {
      'dhis-data-set': 'DHIS2 Data Set',
      'dhis-place': 'Filter by place',
      'dhis-period': 'Filter by period',
      'dhis-format': 'File format',
      'dhis-omit-zeros': 'Leave out zero values',
    };
    for (const [id, label] of Object.entries(expected)) {
      expect(el.querySelector(`label[for="${id}"]`)?.textContent?.trim()).toBe(label);
      const hintId = el.querySelector(`#${id}`)!.getAttribute('aria-describedby')!;
      expect(el.querySelector(`#${hintId}`)?.textContent?.trim().length).toBeGreaterThan(10);
    }
    expect(button().type).toBe('submit');
    expect(button().textContent!.trim()).toBe('Download');
  });

  it('preselects the first data set, all places and the previous month', async () => {
    await render();
    expect(optionTexts('dhis-data-set')).toEqual(['Monthly indicators', 'Quarterly indicators']);
    expect(select('dhis-data-set').value).toBe('ds1');
    expect(placeInput().value).toBe('All Places');
    expect(select('dhis-period').selectedOptions[0].textContent!.trim()).toBe('May, 2024');
    expect(select('dhis-period').value).toBe('202405');
    expect([...select('dhis-period').options].slice(0, 3).map((option) => option.value)).toEqual(['202406', '202405', '202404']);
  });

  it('comes back to the choices restored, once each is offered, the places arriving later', async () => {
    fixture = TestBed.createComponent(DhisExportForm);
    fixture.componentRef.setInput('t', translator({}));
    fixture.componentRef.setInput('dataSets', dataSets);
    fixture.componentRef.setInput('placesByDataSet', new Map());
    fixture.componentRef.setInput('periodsByDataSet', periodsByDataSet);
    fixture.componentRef.setInput('restored', { dataSet: 'ds2', orgUnit: 'ou-c', period: '2023Q4' });
    await fixture.whenStable();
    el = fixture.nativeElement;
    expect(select('dhis-data-set').value).toBe('ds2');
    expect(select('dhis-period').value).toBe('2023Q4');
    fixture.componentRef.setInput('placesByDataSet', fewPlaces);
    await fixture.whenStable();
    expect(placeInput().value).toBe('Gamma · ou-c');
  });

  it('marks the period under way as in progress', async () => {
    await render();
    expect(select('dhis-period').options[0].textContent!.trim()).toBe('June, 2024 (in progress)');
    expect(select('dhis-period').options[1].textContent!.trim()).toBe('May, 2024');
  });

  it('tells when the manager changes a choice, so an earlier result is not shown against new choices', async () => {
    await render();
    let changes = 0;
    fixture.componentInstance.selectionChange.subscribe(() => changes++);
    await choose('dhis-period', '202403');
    await choosePlace('ou-b');
    expect(changes).toBe(2);
  });

  it('follows the preselected month when the months move on, unless the manager chose one', async () => {
    await render();
    fixture.componentRef.setInput('periodsByDataSet', new Map([...periodsByDataSet, ['ds1', monthlyPeriods(new Date(2024, 6, 1))]]));
    await fixture.whenStable();
    expect(select('dhis-period').value).toBe('202406');

    await choose('dhis-period', '202403');
    fixture.componentRef.setInput('periodsByDataSet', new Map([...periodsByDataSet, ['ds1', monthlyPeriods(new Date(2024, 7, 1))]]));
    await fixture.whenStable();
    expect(select('dhis-period').value).toBe('202403');
  });

  it('offers All Places and the places of the chosen data set', async () => {
    await render();
    expect(await placeOptionTexts()).toEqual(['All Places', 'Alpha · ou-a', 'Beta · ou-b']);
    await choose('dhis-data-set', 'ds2');
    expect(await placeOptionTexts()).toEqual(['All Places', 'Beta · ou-b', 'Gamma · ou-c']);
  });

  it('resets the place when the new data set does not have it', async () => {
    await render();
    await choosePlace('ou-a');
    await choose('dhis-data-set', 'ds2');
    expect(placeInput().value).toBe('All Places');
    await choosePlace('ou-b');
    await choose('dhis-data-set', 'ds1');
    expect(placeInput().value).toBe('Beta · ou-b');
  });

  it('emits the chosen data set, org unit and month on submit', async () => {
    await render();
    await choosePlace('ou-b');
    await choose('dhis-period', select('dhis-period').options[3].value);
    button().click();
    expect(emitted).toEqual([{ dataSet: 'ds1', orgUnit: 'ou-b', period: '202403', format: 'json', omitZeros: false }]);
  });

  it('emits an empty org unit for all places', async () => {
    await render();
    el.querySelector('form')!.dispatchEvent(new Event('submit'));
    expect(emitted).toEqual([{ dataSet: 'ds1', orgUnit: '', period: '202405', format: 'json', omitZeros: false }]);
  });

  it('stays focusable but starts nothing while an export runs', async () => {
    await render(fewPlaces, true);
    expect(button().getAttribute('aria-disabled')).toBe('true');
    expect(button().disabled).toBeFalse();
    expect(el.querySelector('.spinner')).not.toBeNull();
    button().click();
    expect(emitted).toEqual([]);
  });

  it('offers the periods of the chosen data set\'s period type, and says what they are', async () => {
    await render();
    await choose('dhis-data-set', 'ds2');
    expect(optionTexts('dhis-period').slice(0, 3)).toEqual(['April – June 2024 (in progress)', 'January – March 2024', 'October – December 2023']);
    expect(select('dhis-period').options.length).toBe(8);
    expect(select('dhis-period').value).toBe('2024Q1');
    expect(el.querySelector('#dhis-period-hint')!.textContent!.trim()).toBe('The quarter to export. The current quarter is still in progress.');
    button().click();
    expect(emitted).toEqual([{ dataSet: 'ds2', orgUnit: '', period: '2024Q1', format: 'json', omitZeros: false }]);
    await choose('dhis-data-set', 'ds1');
    expect(select('dhis-period').value).toBe('202405');
  });

  it('says when the data set\'s period type is not supported, and refuses to download', async () => {
    await render();
    fixture.componentRef.setInput('dataSets', [...dataSets, { id: 'ds3', name: 'Weekly indicators' }]);
    await fixture.whenStable();
    await choose('dhis-data-set', 'ds3');
    const error = el.querySelector('#dhis-period-error')!;
    expect(error.textContent).toContain('"Weekly"');
    expect(select('dhis-period').getAttribute('aria-describedby')).toBe('dhis-period-error');
    expect(select('dhis-period').getAttribute('aria-invalid')).toBe('true');
    expect(select('dhis-period').options.length).toBe(0);
    button().click();
    expect(emitted).toEqual([]);
    expect(refused).toEqual([error.textContent!.trim()]);
  });

  it('offers the four file formats DHIS2 imports, JSON first, then the CSV with names for a spreadsheet, and sends the one chosen with the zeros choice', async () => {
    await render();
    expect([...select('dhis-format').options].map((option) => [option.value, option.textContent!.trim()])).toEqual([
      ['json', 'JSON'],
      ['csv', 'CSV (for DHIS2 import)'],
      ['xml', 'XML (DXF2)'],
      ['adx', 'ADX'],
      ['sheet', 'CSV with names (for a spreadsheet, not for import)'],
    ]);
    expect(select('dhis-format').value).toBe('json');
    const omitZeros = el.querySelector<HTMLInputElement>('#dhis-omit-zeros')!;
    expect(omitZeros.type).toBe('checkbox');
    expect(omitZeros.checked).toBeFalse();
    expect(el.querySelector(`#${omitZeros.getAttribute('aria-describedby')}`)!.textContent).toContain('a zero replaces the value imported before');
    await choose('dhis-format', 'csv');
    omitZeros.click();
    await fixture.whenStable();
    expect(preferences).toEqual([{ format: 'csv', omitZeros: false }, { format: 'csv', omitZeros: true }]);
    button().click();
    expect(emitted).toEqual([{ dataSet: 'ds1', orgUnit: '', period: '202405', format: 'csv', omitZeros: true }]);
  });

  it('starts from the session\'s choices without reporting them as changes', async () => {
    await render();
    fixture.componentRef.setInput('preferences', { format: 'xml', omitZeros: true });
    await fixture.whenStable();
    expect(select('dhis-format').value).toBe('xml');
    expect(el.querySelector<HTMLInputElement>('#dhis-omit-zeros')!.checked).toBeTrue();
    expect(preferences).toEqual([]);
  });
});
