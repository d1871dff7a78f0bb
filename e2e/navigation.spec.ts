import { USERS } from './support/deployment';
import { expect, logIn, test } from './support/fixtures';

const PAGE_URL = /\/admin\/export\/dhis$/;

test('reload keeps the user on /admin/export/dhis, logged in, with the DHIS2 tab open', async ({ page, exportPage }) => {
  await exportPage.openAs(USERS.manager);
  await expect(exportPage.download).toBeVisible();

  await page.reload();

  await expect(page).toHaveURL(PAGE_URL);
  await expect(page.getByText(`Logged in as ${USERS.manager.name}`)).toBeVisible();
  await expect(page.getByRole('tab', { name: 'DHIS2' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { level: 1, name: 'Import & export data' })).toBeVisible();
  await expect(exportPage.download).toBeVisible();
});

test('Back to the login page and Forward again keep a logged-in user on /admin/export/dhis', async ({ page, exportPage }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login\?returnUrl=/);
  await logIn(page, USERS.manager);
  await expect(page).toHaveURL(PAGE_URL);
  await expect(exportPage.download).toBeVisible();

  // the sidebar entry leads to the same page, not to a bare /admin/export
  await page.getByRole('navigation', { name: 'Admin Console' }).getByRole('link', { name: 'Import & export data' }).click();
  await expect(page).toHaveURL(PAGE_URL);
  await expect(exportPage.download).toBeVisible();

  // Back returns to the login entry of the history: a logged-in user is sent on to the page
  const visited: string[] = [];
  page.on('framenavigated', (frame) => visited.push(new URL(frame.url()).pathname));
  await page.goBack();
  await expect.poll(() => visited).toEqual(['/login', '/admin/export/dhis']);
  await expect(page).toHaveURL(PAGE_URL);
  await expect(page.getByRole('button', { name: 'Login' })).toHaveCount(0);
  await expect(exportPage.download).toBeVisible();

  await page.goForward();
  await expect(page).toHaveURL(PAGE_URL);
  await expect(exportPage.download).toBeVisible();
});

test('Back from another page returns to /admin/export/dhis, which loads again from the server', async ({ page, exportPage }) => {
  await exportPage.openAs(USERS.manager);
  await expect(exportPage.download).toBeVisible();
  await page.goto('/_session');
  await expect(page.locator('body')).toContainText('"userCtx"');

  await page.goBack();

  await expect(page).toHaveURL(PAGE_URL);
  await expect(page.getByRole('tab', { name: 'DHIS2' })).toHaveAttribute('aria-selected', 'true');
  await expect(exportPage.download).toBeVisible();
});

test('the export area URL /admin/export opens the DHIS2 tab at its own URL', async ({ page, exportPage }) => {
  await exportPage.openAs(USERS.manager);
  await page.goto('/admin/export');
  await expect(page).toHaveURL(PAGE_URL);
  await expect(page.getByRole('tabpanel', { name: 'DHIS2' })).toBeVisible();
});
