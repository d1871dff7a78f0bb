import { PLACE_ANNOUNCE_DELAY_MS } from './place-picker';
import { kisumu, placePickerHarness } from './place-picker-harness.spec';

describe('PlacePicker', () => {
  const h = placePickerHarness();
  const { render, input, listbox, options, optionTexts, orgUnits, activeText, announced, status, type, press, leave, pause } = h;

  beforeEach(() => jasmine.clock().install());
  afterEach(() => jasmine.clock().uninstall());

  it('is one labelled combobox whose list popup is tied to it', async () => {
    await render();
    expect(h.el.querySelector('label[for="dhis-place"]')!.textContent!.trim()).toBe('Filter by place');
    expect(input().getAttribute('role')).toBe('combobox');
    expect(input().getAttribute('aria-autocomplete')).toBe('list');
    expect(input().getAttribute('aria-controls')).toBe('dhis-place-listbox');
    expect(input().getAttribute('aria-expanded')).toBe('false');
    expect(input().getAttribute('aria-describedby')).toBe('dhis-place-hint');
    expect(h.el.querySelector('#dhis-place-hint')!.textContent).toContain('org unit id');
    expect(listbox().getAttribute('role')).toBe('listbox');
    expect(listbox().getAttribute('aria-labelledby')).toBe('dhis-place-label');
    expect(listbox().hidden).toBeTrue();
    expect(listbox().tabIndex).toBe(-1); // a scrolling list is no Tab stop: Tab goes on to the next field
    expect(h.el.querySelector('#dhis-place-search-result')!.getAttribute('aria-live')).toBe('polite');
    expect(h.el.querySelector('select')).toBeNull();
    expect(input().value).toBe('All Places');
  });

  it('lists All Places first, then each place with its parent and org unit, the choice active', async () => {
    await render();
    h.host.orgUnit.setValue('ouKondele02');
    await h.fixture.whenStable();
    expect(input().value).toBe('Kondele Health Centre — Siaya District · ouKondele02');
    input().click();
    await h.fixture.whenStable();
    expect(input().getAttribute('aria-expanded')).toBe('true');
    expect(listbox().hidden).toBeFalse();
    expect(optionTexts()).toEqual([
      'All Places',
      'Kondele Health Centre — Kisumu District · ouKondele01',
      'Kondele Health Centre — Siaya District · ouKondele02',
      'Kisumu District · ouKisumu001',
      'Nyalenda Health Centre — Kisumu District · ouNyalenda1',
    ]);
    expect(activeText()).toBe('Kondele Health Centre — Siaya District · ouKondele02');
    expect(options()[2].getAttribute('aria-selected')).toBe('true');
    expect(options()[1].getAttribute('aria-selected')).toBe('false');
  });

  it('filters as the manager types, by name, parent or org unit, the first match active', async () => {
    await render();
    await type('kondele');
    expect(orgUnits()).toEqual(['ouKondele01', 'ouKondele02']);
    expect(activeText()).toBe('Kondele Health Centre — Kisumu District · ouKondele01');
    await type('siaya');
    expect(orgUnits()).toEqual(['ouKondele02']);
    await type('OUNYAL');
    expect(orgUnits()).toEqual(['ouNyalenda1']);
    await type('kisumu health');
    expect(orgUnits()).toEqual(['ouKondele01', 'ouNyalenda1']);
    await type('all');
    expect(optionTexts()).toEqual(['All Places']);
  });

  it('moves with the arrow keys and chooses with Enter, which then starts no download', async () => {
    await render();
    const changes: string[] = [];
    h.host.orgUnit.valueChanges.subscribe((value) => changes.push(value));
    await type('kondele');
    expect((await press('ArrowDown')).defaultPrevented).toBeTrue();
    expect(activeText()).toBe('Kondele Health Centre — Siaya District · ouKondele02');
    await press('ArrowDown'); // stays on the last
    await press('ArrowUp');
    await press('ArrowDown');
    const enter = await press('Enter');
    expect(enter.defaultPrevented).toBeTrue();
    expect(h.host.orgUnit.value).toBe('ouKondele02');
    expect(changes).toEqual(['ouKondele02']);
    expect(input().value).toBe('Kondele Health Centre — Siaya District · ouKondele02');
    expect(input().getAttribute('aria-expanded')).toBe('false');
    expect(input().hasAttribute('aria-activedescendant')).toBeFalse();
    // the list closed, Enter is the form's again
    expect((await press('Enter')).defaultPrevented).toBeFalse();
  });

  it('opens on ArrowDown or Alt+ArrowDown without moving, on the choice', async () => {
    await render();
    h.host.orgUnit.setValue('ouKisumu001');
    await h.fixture.whenStable();
    await press('ArrowDown', { altKey: true });
    expect(input().getAttribute('aria-expanded')).toBe('true');
    expect(activeText()).toBe('Kisumu District · ouKisumu001');
    await press('ArrowDown');
    expect(activeText()).toBe('Nyalenda Health Centre — Kisumu District · ouNyalenda1');
  });

  it('says so when nothing matches, and keeps the choice: never a silent All Places', async () => {
    await render();
    h.host.orgUnit.setValue('ouNyalenda1');
    await h.fixture.whenStable();
    await type('xyzzy');
    expect(options().length).toBe(0);
    expect(input().getAttribute('aria-expanded')).toBe('false'); // no empty listbox on show
    expect(listbox().hidden).toBeTrue();
    expect((await press('Enter')).defaultPrevented).toBeTrue();
    expect(announced()).toBe('');
    await pause();
    expect(announced()).toBe('No place matches "xyzzy". The place chosen stays as it was.');
    await leave();
    expect(h.host.orgUnit.value).toBe('ouNyalenda1');
    expect(input().value).toBe('Nyalenda Health Centre — Kisumu District · ouNyalenda1');
    // the query gone, what was said about it goes too
    expect(announced()).toBe('');
  });

  it('announces the number of matches after a pause in typing, not at every key', async () => {
    await render();
    await type('k');
    await type('ko');
    jasmine.clock().tick(PLACE_ANNOUNCE_DELAY_MS - 1);
    await h.fixture.whenStable();
    expect(announced()).toBe('');
    await pause();
    expect(announced()).toBe('2 places match. Use the arrow keys to choose one, then Enter.');
    await type('siaya');
    await pause();
    expect(announced()).toBe('1 place matches: Kondele Health Centre — Siaya District · ouKondele02. Press Enter to choose it.');
    await press('Enter');
    expect(announced()).toBe('');
  });

  it('chooses the one match when the manager leaves the field, and nothing when several match', async () => {
    await render();
    await type('kondele');
    await leave();
    expect(h.host.orgUnit.value).toBe('');
    expect(input().value).toBe('All Places');
    expect(h.host.orgUnit.touched).toBeTrue();
    await type('ouKisumu');
    await leave();
    expect(h.host.orgUnit.value).toBe('ouKisumu001');
    expect(input().value).toBe('Kisumu District · ouKisumu001');
  });

  it('accepts the option the arrow keys moved to when the manager leaves the field, not one merely opened on', async () => {
    await render();
    await press('ArrowDown'); // opens on All Places
    await leave();
    expect(h.host.orgUnit.value).toBe('');
    await press('ArrowDown');
    await press('ArrowDown');
    await press('ArrowDown');
    expect(activeText()).toBe('Kondele Health Centre — Siaya District · ouKondele02');
    await leave();
    expect(h.host.orgUnit.value).toBe('ouKondele02');
    expect(input().value).toBe('Kondele Health Centre — Siaya District · ouKondele02');
    await type('kondele'); // typing again: the first match is active, but not chosen on leaving
    await leave();
    expect(h.host.orgUnit.value).toBe('ouKondele02');
  });

  it('shows the choice again when the field is left before the page had time to redraw (fast typing)', async () => {
    await render();
    for (const key of ['Escape', 'Tab']) {
      input().focus();
      input().value = 'xyzzy';
      input().dispatchEvent(new Event('input'));
      if (key === 'Escape') input().dispatchEvent(new KeyboardEvent('keydown', { key, cancelable: true }));
      else input().dispatchEvent(new FocusEvent('blur'));
      await h.fixture.whenStable();
      expect(input().value).withContext(key).toBe('All Places');
    }
  });

  it('puts the choice back on Escape', async () => {
    await render();
    await type('kondele');
    expect((await press('Escape')).defaultPrevented).toBeTrue();
    expect(input().value).toBe('All Places');
    expect(input().getAttribute('aria-expanded')).toBe('false');
    expect(h.host.orgUnit.value).toBe('');
  });

  it('chooses by mouse without losing the field first', async () => {
    await render();
    input().click();
    await h.fixture.whenStable();
    const mousedown = new MouseEvent('mousedown', { cancelable: true, bubbles: true });
    options()[3].dispatchEvent(mousedown);
    expect(mousedown.defaultPrevented).toBeTrue();
    options()[3].click();
    await h.fixture.whenStable();
    expect(h.host.orgUnit.value).toBe('ouKisumu001');
    expect(input().getAttribute('aria-expanded')).toBe('false');
  });

  it('chooses nothing on Enter when the places change under an open list and its active option is gone', async () => {
    await render();
    await press('ArrowDown');
    for (let i = 0; i < 4; i++) await press('ArrowDown');
    expect(activeText()).toBe('Nyalenda Health Centre — Kisumu District · ouNyalenda1');
    h.host.places.set(kisumu.slice(0, 1)); // another data set: two options now
    await h.fixture.whenStable();
    expect(input().hasAttribute('aria-activedescendant')).toBeFalse();
    expect((await press('Enter')).defaultPrevented).toBeTrue();
    expect(h.host.orgUnit.value).toBe('');
    await press('ArrowUp');
    expect(activeText()).toBe('Kondele Health Centre — Kisumu District · ouKondele01');
  });

  it('follows the form control: a value set, and disabled', async () => {
    await render();
    h.host.orgUnit.setValue('ouKondele01');
    await h.fixture.whenStable();
    expect(input().value).toBe('Kondele Health Centre — Kisumu District · ouKondele01');
    h.host.orgUnit.disable();
    await h.fixture.whenStable();
    expect(input().disabled).toBeTrue();
  });

  it('says when the places are still loading', async () => {
    await render([]);
    h.host.loading.set(true);
    await h.fixture.whenStable();
    expect(status()).toBe('Loading places…');
    expect(input().getAttribute('aria-describedby')).toBe('dhis-place-hint dhis-place-status');
  });
});
