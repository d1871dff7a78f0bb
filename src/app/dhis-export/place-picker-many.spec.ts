import { PLACE_OPTION_CAP } from './place-picker';
import { manyPlaces, placePickerHarness } from './place-picker-harness.spec';

describe('PlacePicker with 10,000 places', () => {
  const h = placePickerHarness();
  const { render, input, options, optionTexts, orgUnits, activeText, announced, status, type, press, pause } = h;

  beforeEach(() => jasmine.clock().install());
  afterEach(() => jasmine.clock().uninstall());

  const places = manyPlaces(10_000);

  it('lists the first 100, and says so beside the field', async () => {
    await render(places);
    expect(PLACE_OPTION_CAP).toBe(100);
    expect(status()).toBe('The list shows 100 of 10,000 places: type to find the others.');
    input().click();
    await h.fixture.whenStable();
    expect(options().length).toBe(1 + PLACE_OPTION_CAP);
    expect(optionTexts().slice(0, 3)).toEqual(['All Places', 'Place 00000 · ou-0', 'Place 00001 · ou-1']);
  });

  it('finds the places beyond the list by typing', async () => {
    await render(places);
    await type('place 09999');
    expect(orgUnits()).toEqual(['ou-9999']);
    expect(status()).toBeUndefined();
    await press('Enter');
    expect(h.host.orgUnit.value).toBe('ou-9999');
  });

  it('caps many matches too, and says how many match', async () => {
    await render(places);
    await type('ou-1');
    // ou-1, ou-10 … ou-19, ou-100 … ou-199, ou-1000 … ou-1999
    expect(options().length).toBe(PLACE_OPTION_CAP);
    expect(orgUnits().slice(0, 3)).toEqual(['ou-1', 'ou-10', 'ou-11']);
    expect(status()).toBe('The list shows 100 of the 1,111 places that match: type more to find the others.');
    await pause();
    expect(announced()).toBe('1,111 places match. Use the arrow keys to choose one, then Enter.');
  });

  it('keeps a place chosen beyond the cap in the list, in its place', async () => {
    await render(places);
    h.host.orgUnit.setValue('ou-5000');
    await h.fixture.whenStable();
    input().click();
    await h.fixture.whenStable();
    expect(options().length).toBe(1 + PLACE_OPTION_CAP + 1);
    expect(orgUnits().at(-1)).toBe('ou-5000');
    expect(activeText()).toBe('Place 05000 · ou-5000');
  });

  it('writes the numbers in the language of the texts', async () => {
    await render(places);
    h.host.locale.set('fr');
    await h.fixture.whenStable();
    expect(status()).toMatch(/^The list shows 100 of 10\s000 places/);
  });
});
