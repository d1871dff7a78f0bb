import { expect, test } from './support/fixtures';

test('the server serves the app: its root shows the login page', async ({ page }) => {
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-type']).toMatch(/^text\/html/);

  await expect(page.getByRole('heading', { level: 1, name: 'Log in to the Admin Console' })).toBeVisible();
  await expect(page).toHaveURL(/\/login\?returnUrl=%2Fadmin%2Fexport%2Fdhis$/);
  await expect(page).toHaveTitle('Login – CHT Admin Console');
  await expect(page.getByLabel('User name')).toBeVisible();
  await expect(page.getByLabel('Password')).toHaveAttribute('type', 'password');
  await expect(page.getByRole('button', { name: 'Login' })).toBeVisible();
});
