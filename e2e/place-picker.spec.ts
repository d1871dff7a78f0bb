import type { Download } from '@playwright/test';
import { MONTHLY, ORG_UNITS, QUARTERLY, USERS, VILLAGES, villageOrgUnit, villagesDataSet } from './support/deployment';
import { expect, test } from './support/fixtures';
import { ALL_PLACES, PLACE_LABELS, villageLabel } from './support/places';
import { downloadAfterSecondChoice } from './support/downloads';
import { VILLAGE_LABELS, expectExportOf, period, range, violationsOf, watchExports } from './support/place-picker';

/**
 * The place picker: one WAI-ARIA combobox (an editable field with a list popup) for every data set.
 * Driven from the keyboard wherever a keyboard user can; the mouse only where the mouse is the point.
 * Here: what the list offers, and how typing finds places.
 */
test.beforeEach(async ({ exportPage, settings }) => {
  await settings.change((current) => ({ ...current, dhis_data_sets: [...current.dhis_data_sets!, villagesDataSet] }));
  await exportPage.openAs(USERS.manager);
  await expect(exportPage.dataSet).toHaveValue(MONTHLY.id);
});

test('"All Places" comes first, each place reads name — parent · org unit id, and each data set lists its own places', async ({ page, exportPage }) => {
  await expect(exportPage.place).toHaveAttribute('role', 'combobox');
  await expect(exportPage.place).toHaveAccessibleName('Filter by place');
  // what a place includes, and how to find one, read with the field
  await expect(exportPage.place).toHaveAccessibleDescription(/under this place in the hierarchy\. Type part of a place's name/);
  await expect(exportPage.place).toHaveAttribute('aria-controls', 'dhis-place-listbox');
  await expect(exportPage.place).toHaveAttribute('aria-expanded', 'false');
  await expect(exportPage.placeList).toBeHidden();
  await expect(exportPage.place).toHaveValue(ALL_PLACES);

  await exportPage.openPlaceList();
  await expect(page.getByRole('listbox', { name: 'Filter by place' })).toBeVisible();
  // a place without a parent (the district) has no "— parent"
  await expect(exportPage.placeOptions).toHaveText([ALL_PLACES, PLACE_LABELS.district, PLACE_LABELS.north, PLACE_LABELS.south]);
  const orgUnits = await exportPage.placeOptions.evaluateAll((options) => options.map((option) => option.getAttribute('data-org-unit')));
  expect(orgUnits).toEqual(['', ORG_UNITS.district.id, ORG_UNITS.north.id, ORG_UNITS.south.id]);
  // the place chosen is the active option
  await exportPage.expectActivePlace(ALL_PLACES);
  await page.keyboard.press('Escape');
  await expect(exportPage.place).toHaveAttribute('aria-expanded', 'false');

  // the villages' data set: its 30 villages and the three places mapped to every data set
  await exportPage.dataSet.selectOption(VILLAGES.id);
  await expect(exportPage.place).toHaveValue(ALL_PLACES);
  await exportPage.openPlaceList();
  await expect(exportPage.placeOptions).toHaveText([ALL_PLACES, PLACE_LABELS.district, PLACE_LABELS.north, PLACE_LABELS.south, ...VILLAGE_LABELS]);
  await page.keyboard.press('Escape');

  // the second data set: East is mapped to it alone, no village is
  await exportPage.dataSet.selectOption(QUARTERLY.id);
  await exportPage.openPlaceList();
  await expect(exportPage.placeOptions).toHaveText([ALL_PLACES, PLACE_LABELS.district, PLACE_LABELS.east, PLACE_LABELS.north, PLACE_LABELS.south]);
});

test('typing narrows the list with the first match active; the arrow keys move it; Enter chooses it and downloads nothing; Download exports that place alone', async ({ page, exportPage }) => {
  const exports = watchExports(page);
  await exportPage.dataSet.selectOption(VILLAGES.id);
  await exportPage.dataSet.focus();
  await page.keyboard.press('Tab');
  await expect(exportPage.place).toBeFocused();
  // entering the field selects its text, so typing replaces it
  expect(await exportPage.place.evaluate((input: HTMLInputElement) => [input.selectionStart, input.selectionEnd, input.value.length])).toEqual([0, ALL_PLACES.length, ALL_PLACES.length]);

  await page.keyboard.type('Village 2');
  await expect(exportPage.place).toHaveValue('Village 2');
  await expect(exportPage.place).toHaveAttribute('aria-expanded', 'true');
  // every word in the name: Village 02, 12, 20–29; All Places is not among them
  const matches = [2, 12, ...range(20, 29)].map(villageLabel);
  await expect(exportPage.placeOptions).toHaveText(matches);
  await exportPage.expectActivePlace(matches[0]);
  await expect(exportPage.placeResult).toHaveText('12 places match. Use the arrow keys to choose one, then Enter.');
  await expect(exportPage.placeResult).toHaveAttribute('aria-live', 'polite');
  expect(await violationsOf(page)).toEqual([]);

  await page.keyboard.press('ArrowDown');
  await exportPage.expectActivePlace(villageLabel(12));
  await page.keyboard.press('ArrowDown');
  await exportPage.expectActivePlace(villageLabel(20));
  await page.keyboard.press('ArrowUp');
  await exportPage.expectActivePlace(villageLabel(12));
  await expect(exportPage.place).toHaveValue('Village 2'); // moving through the list leaves the typed text alone

  await page.keyboard.press('Enter');
  await expect(exportPage.place).toHaveAttribute('aria-expanded', 'false');
  await expect(exportPage.placeList).toBeHidden();
  await expect(exportPage.place).not.toHaveAttribute('aria-activedescendant');
  await expect(exportPage.place).toHaveValue(villageLabel(12));
  await expect(exportPage.place).toBeFocused();
  await expect(exportPage.status).toHaveText('');
  expect(exports.requests).toHaveLength(0);
  expect(exports.downloads).toHaveLength(0);

  // with the list closed, Enter submits the form: the export of Village 12 alone
  const saved = downloadAfterSecondChoice(page, () => page.keyboard.press('Enter'));
  await expectExportOf(await saved, VILLAGES.id, villageOrgUnit(12));
  expect(exports.requests.map((url) => url.searchParams.get('filters[orgUnit]'))).toEqual([villageOrgUnit(12)]);
  await expect(exportPage.status).toContainText(`Export saved as dhis-${VILLAGES.id}-${period}-${villageOrgUnit(12)}.json.`);
});

test('an org unit id, in any case, a parent\'s name, or words from both find places, and the count is said', async ({ page, exportPage }) => {
  await exportPage.dataSet.selectOption(VILLAGES.id);
  await exportPage.place.focus();

  await page.keyboard.type('ouvillage27');
  await expect(exportPage.placeOptions).toHaveText([villageLabel(27)]);
  await exportPage.expectActivePlace(villageLabel(27));
  await expect(exportPage.placeResult).toHaveText(`1 place matches: ${villageLabel(27)}. Press Enter to choose it.`);
  await page.keyboard.press('Enter');
  await expect(exportPage.place).toHaveValue(villageLabel(27));

  // the parent's name finds its children (and the parent itself, by its own name)
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('north health');
  await expect(exportPage.placeOptions).toHaveText([PLACE_LABELS.north, ...VILLAGE_LABELS]);
  await exportPage.expectActivePlace(PLACE_LABELS.north);
  await expect(exportPage.placeResult).toHaveText(`${1 + VILLAGES.count} places match. Use the arrow keys to choose one, then Enter.`);

  // one word from the name, one from the parent's
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('14 North');
  await expect(exportPage.placeOptions).toHaveText([villageLabel(14)]);
  await expect(exportPage.placeResult).toHaveText(`1 place matches: ${villageLabel(14)}. Press Enter to choose it.`);
  await page.keyboard.press('Enter');
  await expect(exportPage.place).toHaveValue(villageLabel(14));
});
