import { USERS } from './support/deployment';
import { expect, logIn, test } from './support/fixtures';

test.beforeEach(async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Log in to the Admin Console' })).toBeVisible();
});

test('a wrong password is refused with the CHT message, focused, and the user stays on the login page', async ({ page }) => {
  await logIn(page, { name: USERS.manager.name, password: 'not-the-password' });

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Incorrect user name or password. Please try again.');
  await expect(alert).toBeFocused();
  await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('button', { name: 'Log out' })).toHaveCount(0);
  const session = await page.request.get('/_session');
  expect((await session.json()).userCtx.name).toBeNull();
});

test('an unknown user is refused with the same message', async ({ page }) => {
  await logIn(page, { name: 'nobody-here', password: 'whatever-password' });
  await expect(page.getByRole('alert')).toContainText('Incorrect user name or password. Please try again.');
});

test('the right password opens the DHIS2 tab and the header names the user', async ({ page }) => {
  await logIn(page, USERS.manager);
  await expect(page).toHaveURL(/\/admin\/export\/dhis$/);
  await expect(page.getByText(`Logged in as ${USERS.manager.name}`)).toBeVisible();
  await expect(page.getByRole('tab', { name: 'DHIS2' })).toHaveAttribute('aria-selected', 'true');
});

test('login errors link to their fields and sit beside them; the title says there is an error', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('button', { name: 'Login' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toBeFocused();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(summary.getByRole('link')).toHaveText(['Enter your user name', 'Enter your password']);
  await expect(page.getByLabel('User name')).toHaveAccessibleDescription('Enter your user name');
  await summary.getByRole('link', { name: 'Enter your password' }).click();
  await expect(page.getByLabel('Password')).toBeFocused();
  await expect(page).toHaveURL(/\/login$/);
});
