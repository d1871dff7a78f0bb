import AxeBuilder from '@axe-core/playwright';
import { test, expect, type Page } from '@playwright/test';
import { startDhis2StandIn, type Dhis2StandIn } from '../server/test/dhis2-stand-in';
import { MONTHLY, ORG_UNITS, USERS } from './support/deployment';
import { exportPageOf } from './support/fixtures';
import { startSendingServer } from './support/sending-server';
import type { ZonedServer } from './support/zoned-server';

/** The Scheduled sends section: a manager who may send creates, pauses and deletes a schedule. */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const TOKEN = 'd2pat_e2eStandIn000000000000000002';
const ZONE = 'Africa/Nairobi';

const violationsOf = async (page: Page) => {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, targets: nodes.map(({ target }) => target.join(' ')) }));
};

test.describe('scheduled sends', () => {
  let dhis2: Dhis2StandIn;
  let server: ZonedServer;

  test.beforeAll(async () => {
    dhis2 = await startDhis2StandIn({ token: TOKEN, metadata: { orgUnits: [], dataElements: {}, dataSets: {} } });
    server = await startSendingServer(dhis2.url, TOKEN, ZONE);
  });

  test.afterAll(async () => {
    await server?.stop();
    await dhis2?.close();
  });

  test('a manager creates a monthly send for one place, pauses it and deletes it', async ({ browser }) => {
    const context = await browser.newContext({ baseURL: server.url });
    try {
      const page = await context.newPage();
      await exportPageOf(page).openAs(USERS.manager);
      const section = page.getByRole('region', { name: 'Scheduled sends' });
      await expect(section.getByText('No scheduled send yet.')).toBeVisible();
      await section.getByRole('button', { name: 'New scheduled send' }).click();
      const form = section.getByRole('form', { name: 'New scheduled send' });
      await expect(form.getByRole('heading', { name: 'New scheduled send' })).toBeFocused();
      await form.getByLabel('DHIS2 Data Set').selectOption(MONTHLY.id);
      await form.getByLabel('Filter by place').selectOption(ORG_UNITS.north.id);
      await form.getByLabel('Day of the month').fill('12');
      await form.getByLabel('Time', { exact: true }).fill('07:30');
      await expect(form.getByLabel('Time zone')).toHaveValue(ZONE);
      await form.getByLabel('Wait for coverage (%)').fill('80');
      expect(await violationsOf(page)).toEqual([]);
      await form.getByRole('button', { name: 'Save' }).click();

      const row = section.getByRole('row').filter({ hasText: ORG_UNITS.north.name });
      await expect(row).toContainText(`Day 12 of each month at 07:30 (${ZONE})`);
      await expect(row).toContainText('Not run yet');
      await expect(section.locator('[aria-live="polite"]')).toHaveText('Scheduled send saved.');
      expect(await violationsOf(page)).toEqual([]);

      await row.getByRole('button', { name: /^Pause/ }).click();
      await expect(row).toContainText('Paused');
      await expect(row.getByRole('button', { name: /^Resume/ })).toBeVisible();

      await row.getByRole('button', { name: /^Delete/ }).click();
      const confirmation = section.getByRole('group');
      await expect(confirmation.getByRole('button', { name: 'Delete it' })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(section.getByText('No scheduled send yet.')).toBeVisible();
      await expect(section.locator('[aria-live="polite"]')).toHaveText('Scheduled send deleted.');
    } finally {
      await context.close();
    }
  });
});
