import { USERS } from './support/deployment';
import { expect, test } from './support/fixtures';

test('no data sets configured: the tab says DHIS2 integration is not configured, and offers no form', async ({ page, exportPage, settings }) => {
  await settings.change((current) => ({ ...current, dhis_data_sets: [] }));
  await exportPage.openAs(USERS.manager);

  await expect(page.locator('#dhis-unconfigured')).toHaveText('DHIS2 integration is not configured.');
  await expect(page.getByRole('tabpanel', { name: 'DHIS2' })).toContainText('DHIS2 integration is not configured.');
  await expect(exportPage.download).toHaveCount(0);
  await expect(exportPage.dataSet).toHaveCount(0);
});

test('a user without can_export_dhis or can_export_all is told so instead of getting a form that fails', async ({ page, exportPage }) => {
  await exportPage.openAs(USERS.chw);

  await expect(page.locator('#dhis-forbidden')).toContainText('You do not have permission to export DHIS2 data.');
  await expect(exportPage.download).toHaveCount(0);
  await expect(exportPage.dataSet).toHaveCount(0);
  await expect(page.locator('#dhis-unconfigured')).toHaveCount(0);
});

test('can_export_dhis alone is enough: the program manager gets the form', async ({ page, exportPage }) => {
  await exportPage.openAs(USERS.manager);
  await expect(exportPage.download).toBeVisible();
  await expect(page.locator('#dhis-forbidden')).toHaveCount(0);
});
