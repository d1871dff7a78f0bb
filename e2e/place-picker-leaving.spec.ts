import { MONTHLY, USERS, VILLAGES, villageOrgUnit, villagesDataSet } from './support/deployment';
import { expect, test } from './support/fixtures';
import { ALL_PLACES, PLACE_LABELS, villageLabel } from './support/places';
import { downloadAfterSecondChoice } from './support/downloads';
import { expectExportOf, violationsOf, watchExports } from './support/place-picker';

/** The place picker: what a query that matches nothing, leaving the field, Escape and the mouse choose. */
test.beforeEach(async ({ exportPage, settings }) => {
  await settings.change((current) => ({ ...current, dhis_data_sets: [...current.dhis_data_sets!, villagesDataSet] }));
  await exportPage.openAs(USERS.manager);
  await expect(exportPage.dataSet).toHaveValue(MONTHLY.id);
});

test('a query that matches nothing says so politely; after Escape or Tab the place chosen is shown again and is the one exported', async ({ page, exportPage }) => {
  const exports = watchExports(page);
  await exportPage.dataSet.selectOption(VILLAGES.id);
  await exportPage.choosePlace('ouVillage27');
  await expect(exportPage.place).toHaveValue(villageLabel(27));

  // leave the field and come back to it, as a keyboard user would: its text is selected again
  await page.keyboard.press('Shift+Tab');
  await expect(exportPage.dataSet).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(exportPage.place).toBeFocused();
  await page.keyboard.type('xyzzy');
  await expect(exportPage.place).toHaveValue('xyzzy');
  await expect(exportPage.placeOptions).toHaveCount(0);
  await expect(exportPage.place).not.toHaveAttribute('aria-activedescendant');
  await expect(exportPage.placeResult).toHaveText('No place matches "xyzzy". The place chosen stays as it was.');
  await expect(exportPage.placeResult).toHaveAttribute('aria-live', 'polite');
  expect(await violationsOf(page)).toEqual([]);
  // Enter with nothing to choose downloads nothing either
  await page.keyboard.press('Enter');

  await page.keyboard.press('Escape');
  await expect(exportPage.place).toHaveAttribute('aria-expanded', 'false');
  await expect(exportPage.place).toHaveValue(villageLabel(27));
  await expect(exportPage.placeResult).toHaveText('');

  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('xyzzy');
  await expect(exportPage.placeResult).toHaveText('No place matches "xyzzy". The place chosen stays as it was.');
  await page.keyboard.press('Tab');
  await expect(exportPage.period).toBeFocused();
  await expect(exportPage.place).toHaveValue(villageLabel(27));
  await expect(exportPage.place).toHaveAttribute('aria-expanded', 'false');
  expect(await violationsOf(page)).toEqual([]);
  expect(exports.requests).toHaveLength(0);

  // never a silent "All Places": the download is Village 27's
  const saved = downloadAfterSecondChoice(page, () => exportPage.download.click());
  await expectExportOf(await saved, VILLAGES.id, villageOrgUnit(27));
  expect(exports.requests.map((url) => url.searchParams.get('filters[orgUnit]'))).toEqual([villageOrgUnit(27)]);
});

test('leaving the field accepts the option the arrows moved to, or the one place a query matches; a query that matches several leaves the choice as it was', async ({ page, exportPage }) => {
  const exports = watchExports(page);
  await exportPage.dataSet.selectOption(VILLAGES.id);
  await exportPage.dataSet.focus();
  await page.keyboard.press('Tab');
  await page.keyboard.type('ouVillage05');
  await page.keyboard.press('Tab');
  await expect(exportPage.period).toBeFocused();
  await expect(exportPage.place).toHaveValue(villageLabel(5));

  await page.keyboard.press('Shift+Tab');
  await expect(exportPage.place).toBeFocused();
  await page.keyboard.type('Village 1'); // 01, 10–19, 21
  await expect(exportPage.placeResult).toHaveText('12 places match. Use the arrow keys to choose one, then Enter.');
  await page.keyboard.press('Tab');
  await expect(exportPage.place).toHaveValue(villageLabel(5));

  // Tab with the whole list open (longer than its box: it scrolls) goes on to the next field, the choice unchanged
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Alt+ArrowDown');
  await expect(exportPage.placeOptions).toHaveCount(1 + 3 + VILLAGES.count);
  await page.keyboard.press('Tab');
  await expect(exportPage.period).toBeFocused();
  await expect(exportPage.place).toHaveAttribute('aria-expanded', 'false');
  await expect(exportPage.place).toHaveValue(villageLabel(5));

  // the option the arrow keys moved to is accepted by Tab, as the WAI-ARIA combobox pattern has it
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.type('Village 1');
  await expect(exportPage.placeResult).toHaveText('12 places match. Use the arrow keys to choose one, then Enter.');
  await page.keyboard.press('ArrowDown'); // Village 01 → Village 10
  await exportPage.expectActivePlace(villageLabel(10));
  await page.keyboard.press('Tab');
  await expect(exportPage.period).toBeFocused();
  await expect(exportPage.place).toHaveValue(villageLabel(10));

  // leaving with the mouse, by a click elsewhere on the page, is leaving too
  await exportPage.place.focus();
  await page.keyboard.type('ouVillage07');
  await page.getByRole('heading', { level: 1 }).click();
  await expect(exportPage.place).not.toBeFocused();
  await expect(exportPage.place).toHaveValue(villageLabel(7));
  await expect(exportPage.place).toHaveAttribute('aria-expanded', 'false');
  expect(exports.downloads).toHaveLength(0);

  const saved = downloadAfterSecondChoice(page, () => exportPage.download.click());
  await expectExportOf(await saved, VILLAGES.id, villageOrgUnit(7));
});

test('Escape closes the list and puts the chosen label back, the choice unchanged', async ({ page, exportPage }) => {
  await exportPage.dataSet.selectOption(VILLAGES.id);
  await exportPage.choosePlace('ouVillage03');

  // Alt+ArrowDown opens the list on the place chosen
  await page.keyboard.press('Alt+ArrowDown');
  await expect(exportPage.place).toHaveAttribute('aria-expanded', 'true');
  await expect(exportPage.placeList).toBeVisible();
  await exportPage.expectActivePlace(villageLabel(3));
  await page.keyboard.press('ArrowDown');
  await exportPage.expectActivePlace(villageLabel(4));
  await page.keyboard.press('Escape');
  await expect(exportPage.place).toHaveAttribute('aria-expanded', 'false');
  await expect(exportPage.placeList).toBeHidden();
  await expect(exportPage.place).not.toHaveAttribute('aria-activedescendant');
  await expect(exportPage.place).toHaveValue(villageLabel(3));

  // and what was typed gives way to the label again
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('South');
  await exportPage.expectActivePlace(PLACE_LABELS.south);
  await page.keyboard.press('Escape');
  await expect(exportPage.place).toHaveAttribute('aria-expanded', 'false');
  await expect(exportPage.place).toHaveValue(villageLabel(3));

  // Enter, the list closed, downloads the place still chosen
  const saved = downloadAfterSecondChoice(page, () => page.keyboard.press('Enter'));
  await expectExportOf(await saved, VILLAGES.id, villageOrgUnit(3));
});

test('with the mouse: a click in the field opens the list, a click on an option chooses it', async ({ page, exportPage }) => {
  await exportPage.dataSet.selectOption(VILLAGES.id);
  await exportPage.place.click();
  await expect(exportPage.place).toHaveAttribute('aria-expanded', 'true');
  await expect(exportPage.placeOptions).toHaveCount(1 + 3 + VILLAGES.count);
  await exportPage.expectActivePlace(ALL_PLACES);

  await exportPage.placeOptions.filter({ hasText: villageOrgUnit(9) }).click();
  await expect(exportPage.place).toHaveValue(villageLabel(9));
  await expect(exportPage.place).toHaveAttribute('aria-expanded', 'false');
  await expect(exportPage.placeList).toBeHidden();

  const saved = downloadAfterSecondChoice(page, () => exportPage.download.click());
  await expectExportOf(await saved, VILLAGES.id, villageOrgUnit(9));
});
