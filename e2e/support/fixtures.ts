import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { type AppSettings, type E2eUser, baselineSettings, putSettings, seedDeployment } from './deployment';

export { expect };

/** The settings doc, changed for one test and put back afterwards. */
export interface SettingsControl {
  change(update: (settings: AppSettings) => AppSettings): Promise<void>;
}

export interface ExportPage {
  /** Logs in through the CouchDB session API (the browser gets the AuthSession cookie) and opens the DHIS2 tab. */
  openAs(user: E2eUser): Promise<void>;
  readonly dataSet: Locator;
  readonly place: Locator;
  readonly period: Locator;
  readonly download: Locator;
  readonly status: Locator;
  readonly alert: Locator;
}

export const test = base.extend<{ settings: SettingsControl; exportPage: ExportPage }, { deployment: void }>({
  // Written once per worker; a worker started after a failure writes it again, so a broken test
  // cannot leave its data behind for the next one.
  deployment: [async ({}, use) => {
    await seedDeployment();
    await use();
  }, { scope: 'worker', auto: true }],

  settings: async ({}, use) => {
    let changed = false;
    await use({
      change: async (update) => {
        changed = true;
        await putSettings(update(baselineSettings()));
      },
    });
    if (changed) await putSettings(baselineSettings());
  },

  exportPage: async ({ page }, use) => {
    await use(exportPageOf(page));
  },
});

export const exportPageOf = (page: Page): ExportPage => ({
  openAs: async (user) => {
    const response = await page.request.post('/_session', { data: { name: user.name, password: user.password } });
    expect(response.status(), `log in as ${user.name}`).toBe(200);
    await page.goto('/admin/export/dhis');
    // the header names the user, in whatever language the page speaks
    await expect(page.getByRole('banner').locator('.user-name strong')).toHaveText(user.name);
  },
  dataSet: page.locator('#dhis-data-set'),
  place: page.locator('#dhis-place'),
  period: page.locator('#dhis-period'),
  download: page.getByRole('button', { name: 'Download' }),
  status: page.getByRole('status'),
  alert: page.getByRole('alert'),
});

/** Fills the login form with the mouse and keyboard as a user would. */
export const logIn = async (page: Page, user: { name: string; password: string }) => {
  await page.getByLabel('User name').fill(user.name);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Login' }).click();
};
