import { ComponentFixture, TestBed } from '@angular/core/testing';
import { DhisExportForm, PLACE_OPTION_CAP, PLACE_SEARCH_DEBOUNCE_MS, PLACE_SEARCH_THRESHOLD } from './dhis-export-form';
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
const manyPlaces = (count: number): readonly PlaceOption[] =>
  Array.from({ length: count }, (_, i) => ({ orgUnit: `ou-${i}`, name: `Place ${String(i).padStart(5, '0')}` }));

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
    expect(select('dhis-place').value).toBe('');
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
    expect(select('dhis-place').value).toBe('ou-c');
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
    await choose('dhis-place', 'ou-b');
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
    expect(optionTexts('dhis-place')).toEqual(['All Places', 'Alpha', 'Beta']);
    await choose('dhis-data-set', 'ds2');
    expect(optionTexts('dhis-place')).toEqual(['All Places', 'Beta', 'Gamma']);
  });

  it('resets the place when the new data set does not have it', async () => {
    await render();
    await choose('dhis-place', 'ou-a');
    await choose('dhis-data-set', 'ds2');
    expect(select('dhis-place').value).toBe('');
    await choose('dhis-place', 'ou-b');
    await choose('dhis-data-set', 'ds1');
    expect(select('dhis-place').value).toBe('ou-b');
  });

  it('emits the chosen data set, org unit and month on submit', async () => {
    await render();
    await choose('dhis-place', 'ou-b');
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

  it('offers the four file formats, JSON first, and sends the one chosen with the zeros choice', async () => {
    await render();
    expect([...select('dhis-format').options].map((option) => [option.value, option.textContent!.trim()])).toEqual([
      ['json', 'JSON'],
      ['csv', 'CSV (spreadsheet)'],
      ['xml', 'XML (DXF2)'],
      ['adx', 'ADX'],
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

  it('has no search field for a short place list', async () => {
    await render();
    expect(el.querySelector('#dhis-place-search')).toBeNull();
  });

  describe('with many places', () => {
    const places = manyPlaces(10_000);

    // debounceTime compares Date.now(): the date must be mocked with the timers
    beforeEach(() => jasmine.clock().install().mockDate(new Date(2024, 5, 15)));
    afterEach(() => jasmine.clock().uninstall());

    async function type(text: string) {
      const input = el.querySelector<HTMLInputElement>('#dhis-place-search')!;
      input.value = text;
      input.dispatchEvent(new Event('input'));
      await fixture.whenStable();
    }

    const placeValues = () => [...select('dhis-place').options].map((o) => o.value);
    const placeStatus = () => el.querySelector('#dhis-place-status')?.textContent?.trim();
    const searchHint = () => el.querySelector('#dhis-place-search-hint')!.textContent!.replace(/\s+/g, ' ').trim();

    async function search(text: string) {
      await type(text);
      jasmine.clock().tick(PLACE_SEARCH_DEBOUNCE_MS);
      await fixture.whenStable();
    }

    it('renders the first 100 of 10,000, says so beside the list, and offers a labelled search field', async () => {
      await render(new Map([['ds1', places], ['ds2', []]]));
      expect(PLACE_OPTION_CAP).toBe(100);
      expect(select('dhis-place').options.length).toBe(1 + PLACE_OPTION_CAP);
      expect(optionTexts('dhis-place').slice(0, 3)).toEqual(['All Places', 'Place 00000', 'Place 00001']);
      expect(placeStatus()).toBe('Showing 100 of 10,000 places. Type in Search places to find others.');
      expect(select('dhis-place').getAttribute('aria-describedby')).toBe('dhis-place-hint dhis-place-status');
      const search = el.querySelector<HTMLInputElement>('#dhis-place-search')!;
      expect(el.querySelector('label[for="dhis-place-search"]')?.textContent?.trim()).toBe('Search places');
      expect(search.getAttribute('aria-describedby')).toBe('dhis-place-search-hint');
      expect(searchHint()).toContain('100 of 10,000 places shown.');
      expect(PLACE_SEARCH_THRESHOLD).toBeLessThan(PLACE_OPTION_CAP);
    });

    it('finds the places beyond the cap by search', async () => {
      await render(new Map([['ds1', places], ['ds2', []]]));
      expect(placeValues()).not.toContain('ou-9999');
      await search('place 09999');
      expect(placeValues()).toEqual(['', 'ou-9999']);
      expect(placeStatus()).toBeUndefined();
      expect(select('dhis-place').getAttribute('aria-describedby')).toBe('dhis-place-hint');
    });

    it('caps a search with many matches too, and says how many match', async () => {
      await render(new Map([['ds1', places], ['ds2', []]]));
      await search('ou-1');
      // ou-1, ou-10 … ou-19, ou-100 … ou-199, ou-1000 … ou-1999
      expect(select('dhis-place').options.length).toBe(1 + PLACE_OPTION_CAP);
      expect(placeValues().slice(0, 3)).toEqual(['', 'ou-1', 'ou-10']);
      expect(placeStatus()).toBe(
        'Showing 100 of 1,111 places that match the search. Type more of the name or org unit id to find others.',
      );
    });

    it('keeps a place chosen beyond the cap as an option when the search is cleared', async () => {
      await render(new Map([['ds1', places], ['ds2', []]]));
      await search('Place 05000');
      await choose('dhis-place', 'ou-5000');
      await search('');
      expect(select('dhis-place').value).toBe('ou-5000');
      expect(placeValues().length).toBe(1 + PLACE_OPTION_CAP + 1);
      expect(placeValues().at(-1)).toBe('ou-5000');
      expect(placeStatus()).toBe('Showing 101 of 10,000 places. Type in Search places to find others.');
      button().click();
      expect(emitted).toEqual([{ dataSet: 'ds1', orgUnit: 'ou-5000', period: preselected, format: 'json', omitZeros: false }]);
    });

    it('narrows the options after a pause in typing, reusing the option elements', async () => {
      await render(new Map([['ds1', places], ['ds2', []]]));
      const kept = [...select('dhis-place').options].find((o) => o.value === 'ou-55')!;
      await type('Place 0005');
      expect(select('dhis-place').options.length).toBe(1 + PLACE_OPTION_CAP); // not yet: debounced
      jasmine.clock().tick(PLACE_SEARCH_DEBOUNCE_MS);
      await fixture.whenStable();
      // "Place 00005", then "Place 00050" … "Place 00059"
      expect(placeValues()).toEqual(['', 'ou-5', ...Array.from({ length: 10 }, (_, i) => `ou-${50 + i}`)]);
      expect([...select('dhis-place').options].find((o) => o.value === 'ou-55')).toBe(kept);
      expect(searchHint()).toContain('11 of 10,000 places shown.');
    });

    it('writes the numbers in the language of the texts', async () => {
      await render(new Map([['ds1', places], ['ds2', []]]));
      fixture.componentRef.setInput('locale', 'fr');
      await fixture.whenStable();
      expect(placeStatus()).toMatch(/^Showing 100 of 10\s000 places\./);
    });

    it('offers every place, with no status beside the list, up to the cap', async () => {
      await render(new Map([['ds1', manyPlaces(PLACE_OPTION_CAP)], ['ds2', []]]));
      expect(select('dhis-place').options.length).toBe(1 + PLACE_OPTION_CAP);
      expect(placeStatus()).toBeUndefined();
      expect(select('dhis-place').getAttribute('aria-describedby')).toBe('dhis-place-hint');
      expect(searchHint()).toContain('100 of 100 places shown.');
    });

    it('filters at once on Enter in the search field, without starting an export', async () => {
      await render(new Map([['ds1', places], ['ds2', []]]));
      await type('place 09999');
      const enter = new KeyboardEvent('keydown', { key: 'Enter', cancelable: true, bubbles: true });
      el.querySelector('#dhis-place-search')!.dispatchEvent(enter);
      await fixture.whenStable();
      expect(enter.defaultPrevented).toBeTrue();
      expect([...select('dhis-place').options].map((o) => o.value)).toEqual(['', 'ou-9999']);
      expect(emitted).toEqual([]);
    });

    it('keeps the chosen place in the list while filtering', async () => {
      await render(new Map([['ds1', places], ['ds2', []]]));
      await choose('dhis-place', 'ou-42');
      await type('place 0999');
      jasmine.clock().tick(PLACE_SEARCH_DEBOUNCE_MS);
      await fixture.whenStable();
      expect(select('dhis-place').value).toBe('ou-42');
      expect([...select('dhis-place').options].map((o) => o.value)).toEqual([
        '',
        'ou-42',
        'ou-999', // "Place 00999"
        ...Array.from({ length: 10 }, (_, i) => `ou-${9990 + i}`),
      ]);
      expect(el.querySelector('#dhis-place-search-result')!.textContent!.trim()).toBe('11 places match: choose one in the list below.');
    });

    it('chooses the one place a search finds, and keeps the choice when it finds none', async () => {
      await render(new Map([['ds1', places], ['ds2', []]]));
      await choose('dhis-place', 'ou-42');
      await type('place 09999');
      jasmine.clock().tick(PLACE_SEARCH_DEBOUNCE_MS);
      await fixture.whenStable();
      expect(select('dhis-place').value).toBe('ou-9999');
      await type('xyzzy');
      jasmine.clock().tick(PLACE_SEARCH_DEBOUNCE_MS);
      await fixture.whenStable();
      expect(select('dhis-place').value).toBe('ou-9999');
      expect(el.querySelector('#dhis-place-search-result')!.textContent!.trim()).toBe('No place matches "xyzzy". The place chosen stays as it was.');
    });
  });
});
