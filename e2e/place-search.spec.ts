import AxeBuilder from '@axe-core/playwright';
import { USERS, VILLAGES, villageName, villagesDataSet } from './support/deployment';
import { expect, test } from './support/fixtures';

test.beforeEach(async ({ exportPage, settings }) => {
  await settings.change((current) => ({ ...current, dhis_data_sets: [...current.dhis_data_sets!, villagesDataSet] }));
  await exportPage.openAs(USERS.manager);
});

test('more than 25 places: a search field narrows the place list; Enter filters at once and exports nothing', async ({ page, exportPage }) => {
  const search = page.getByLabel('Search places');
  await expect(search).toHaveCount(0); // the first data set has only 3 places

  await exportPage.dataSet.selectOption({ label: VILLAGES.name });
  await expect(search).toBeVisible();
  // the villages, and the three places mapped to every data set
  const total = VILLAGES.count + 3;
  await expect(search).toHaveAccessibleDescription(new RegExp(`${total} of ${total} places shown\\.`));
  await expect(exportPage.place.locator('option')).toHaveCount(1 + total);

  let downloads = 0;
  page.on('download', () => downloads++);
  await search.fill('27');
  await search.press('Enter');
  await expect(exportPage.place.locator('option')).toHaveText(['All Places', villageName(27)]);
  await expect(search).toHaveAccessibleDescription(new RegExp(`1 of ${total} places shown\\.`));
  // one match: it is the choice
  await expect(exportPage.place.locator('option:checked')).toHaveText(villageName(27));
  await expect(exportPage.status).toHaveText('');
  expect(downloads).toBe(0);

  // no match: said, politely, and the choice stays, never a silent "All Places"
  await search.fill('xyzzy');
  await search.press('Enter');
  await expect(page.locator('#dhis-place-search-result')).toHaveText('No place matches "xyzzy". The place chosen stays as it was.');
  await expect(page.locator('#dhis-place-search-result')).toHaveAttribute('aria-live', 'polite');
  await expect(exportPage.place.locator('option:checked')).toHaveText(villageName(27));

  // by org unit id too; without Enter, the list follows after a pause in typing (the choice stays in it)
  await search.fill('ouVillage1');
  await expect(page.locator('#dhis-place-search-result')).toHaveText('10 places match: choose one in the list below.');
  await expect(exportPage.place.locator('option')).toHaveText([
    'All Places',
    ...Array.from({ length: 10 }, (_, i) => villageName(10 + i)),
    villageName(27),
  ]);
  expect(await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze().then((r) => r.violations)).toEqual([]);
});
