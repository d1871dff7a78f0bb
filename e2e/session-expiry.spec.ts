import { MONTHLY, ORG_UNITS, QUARTERLY, USERS, dhisPeriod, monthStart } from './support/deployment';
import { expect, logIn, test } from './support/fixtures';
import { PLACE_LABELS } from './support/places';

test('an expired session leads to login, which says why, then back to the DHIS2 page with the choices made, where Download works', async ({
  page,
  context,
  exportPage,
}) => {
  await exportPage.openAs(USERS.manager);
  await expect(exportPage.dataSet).toHaveValue(MONTHLY.id);
  // choices of the manager's own, not the defaults
  await exportPage.dataSet.selectOption(QUARTERLY.id);
  await exportPage.choosePlace(ORG_UNITS.east.id);
  await expect(exportPage.place).toHaveValue(PLACE_LABELS.east);
  const period = await exportPage.period.locator('option').nth(2).getAttribute('value');
  await exportPage.period.selectOption(period!);
  let downloads = 0;
  page.on('download', () => downloads++);

  await context.clearCookies();
  await exportPage.download.click();

  await expect(page.getByRole('heading', { name: 'Log in to the Admin Console' })).toBeVisible();
  await expect(page).toHaveURL(/\/login\?returnUrl=%2Fadmin%2Fexport%2Fdhis&reason=expired$/);
  await expect(page.locator('#login-expired')).toHaveText(/Your session has ended\. Log in again to carry on where you left off/);
  expect(downloads).toBe(0);

  await logIn(page, USERS.manager);
  await expect(page).toHaveURL(/\/admin\/export\/dhis$/);
  await expect(page.getByText(`Logged in as ${USERS.manager.name}`)).toBeVisible();
  // focus on the page's heading, so a screen reader says where the manager is
  await expect(page.getByRole('heading', { level: 1, name: 'Import & export data' })).toBeFocused();
  await expect(exportPage.dataSet).toHaveValue(QUARTERLY.id);
  await expect(exportPage.place).toHaveValue(PLACE_LABELS.east);
  await expect(exportPage.period).toHaveValue(period!);
  await expect(exportPage.alert).toHaveCount(0);

  const saved = page.waitForEvent('download');
  await exportPage.download.click();
  expect((await saved).suggestedFilename()).toBe(`dhis-${QUARTERLY.id}-${period}-${ORG_UNITS.east.id}.json`);
  expect(period).not.toBe(dhisPeriod(monthStart(1)));
});
