import { MONTHLY, USERS, dhisPeriod, monthStart } from './support/deployment';
import { expect, logIn, test } from './support/fixtures';

test('an expired session leads to login, then back to the DHIS2 page, where Download works', async ({ page, context, exportPage }) => {
  await exportPage.openAs(USERS.manager);
  await expect(exportPage.dataSet).toHaveValue(MONTHLY.id);
  let downloads = 0;
  page.on('download', () => downloads++);

  await context.clearCookies();
  await exportPage.download.click();

  await expect(page.getByRole('heading', { name: 'Log in to the Admin Console' })).toBeVisible();
  await expect(page).toHaveURL(/\/login\?returnUrl=%2Fadmin%2Fexport%2Fdhis$/);
  expect(downloads).toBe(0);

  await logIn(page, USERS.manager);
  await expect(page).toHaveURL(/\/admin\/export\/dhis$/);
  await expect(page.getByText(`Logged in as ${USERS.manager.name}`)).toBeVisible();
  await expect(exportPage.dataSet).toHaveValue(MONTHLY.id);
  await expect(exportPage.alert).toHaveCount(0);

  const saved = page.waitForEvent('download');
  await exportPage.download.click();
  expect((await saved).suggestedFilename()).toBe(`dhis-${MONTHLY.id}-${dhisPeriod(monthStart(1))}.json`);
});
