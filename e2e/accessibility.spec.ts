import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { MONTHLY, USERS } from './support/deployment';
import { expect, logIn, test } from './support/fixtures';
import { ALL_PLACES, PLACE_LABELS } from './support/places';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const violationsOf = async (page: Page) => {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  // a readable failure: rule, impact and the offending elements
  return violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, targets: nodes.map(({ target }) => target.join(' ')) }));
};

test('the login page', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Log in to the Admin Console' })).toBeVisible();
  expect(await violationsOf(page)).toEqual([]);
});

test('the login page with its error', async ({ page }) => {
  await page.goto('/login');
  await logIn(page, { name: USERS.manager.name, password: 'wrong-password' });
  await expect(page.getByRole('alert')).toBeFocused();
  expect(await violationsOf(page)).toEqual([]);
});

test('the DHIS2 export form', async ({ page, exportPage }) => {
  await exportPage.openAs(USERS.manager);
  await expect(exportPage.dataSet).toHaveValue(MONTHLY.id);
  expect(await violationsOf(page)).toEqual([]);
});

test('the DHIS2 export form with the place list open', async ({ page, exportPage }) => {
  await exportPage.openAs(USERS.manager);
  await expect(exportPage.dataSet).toHaveValue(MONTHLY.id);
  await exportPage.openPlaceList();
  await expect(exportPage.placeOptions.first()).toHaveText(ALL_PLACES);
  await exportPage.expectActivePlace(ALL_PLACES);
  expect(await violationsOf(page)).toEqual([]);

  // narrowed by typing, the first match active and the count said
  await page.keyboard.type('Health');
  await exportPage.expectActivePlace(PLACE_LABELS.north);
  await expect(exportPage.placeResult).toHaveText('2 places match. Use the arrow keys to choose one, then Enter.');
  expect(await violationsOf(page)).toEqual([]);
});

test('the export error state', async ({ page, exportPage }) => {
  await exportPage.openAs(USERS.manager);
  await page.route('**/api/v2/export/dhis?**', (route) =>
    route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ code: 400, error: 'filter "date.from" must be a number' }) }));
  await exportPage.download.click();
  await expect(exportPage.alert).toBeFocused();
  expect(await violationsOf(page)).toEqual([]);
});

test('the unconfigured state', async ({ page, exportPage, settings }) => {
  await settings.change((current) => ({ ...current, dhis_data_sets: [] }));
  await exportPage.openAs(USERS.manager);
  await expect(page.locator('#dhis-unconfigured')).toBeVisible();
  expect(await violationsOf(page)).toEqual([]);
});

test('the no-permission state', async ({ page, exportPage }) => {
  await exportPage.openAs(USERS.chw);
  await expect(page.locator('#dhis-forbidden')).toBeVisible();
  expect(await violationsOf(page)).toEqual([]);
});
