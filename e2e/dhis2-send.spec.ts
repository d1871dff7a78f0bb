import AxeBuilder from '@axe-core/playwright';
import { test, expect, type Page } from '@playwright/test';
import { startDhis2StandIn, type Dhis2StandIn } from '../server/test/dhis2-stand-in';
import { MONTHLY, ORG_UNITS, USERS, monthStart, periodLabel, places, putDocs, targetDocs } from './support/deployment';
import { exportPageOf } from './support/fixtures';
import { PLACE_LABELS } from './support/places';
import { startSendingServer } from './support/sending-server';
import type { ZonedServer } from './support/zoned-server';

/**
 * Sending to DHIS2 from the page, against a DHIS2 stand-in (DHIS2 itself cannot run here), with
 * a server of its own started with DHIS2_URL. Every step from the keyboard; axe in every state.
 */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const TOKEN = 'd2pat_e2eStandIn000000000000000001';

const violationsOf = async (page: Page) => {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, targets: nodes.map(({ target }) => target.join(' ')) }));
};

/** Tabs forward until the control has focus, as a keyboard user would. */
const tabTo = async (page: Page, name: string) => {
  for (let presses = 0; presses < 30; presses++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    if (focused === name) return;
  }
  throw new Error(`"${name}" was not reached with Tab`);
};

test.describe('sending to DHIS2', () => {
  let dhis2: Dhis2StandIn;
  let server: ZonedServer;

  test.beforeAll(async () => {
    dhis2 = await startDhis2StandIn({
      token: TOKEN,
      metadata: {
        orgUnits: [ORG_UNITS.district.id, ORG_UNITS.north.id],
        dataElements: { deBirths0001: [], deDeliver001: ['cocFacility'], deHhVisit01: [] },
        dataSets: { [MONTHLY.id]: { dataElements: ['deBirths0001', 'deDeliver001', 'deHhVisit01'], orgUnits: [ORG_UNITS.north.id] } },
      },
    });
    server = await startSendingServer(dhis2.url, TOKEN);
  });

  test.afterAll(async () => {
    await server?.stop();
    await dhis2?.close();
  });

  test('a manager dry-runs, reads the conflicts by place and target, sends after confirming, and sees the record', async ({ browser }) => {
    const context = await browser.newContext({ baseURL: server.url });
    try {
      const page = await context.newPage();
      const exportPage = exportPageOf(page);
      await exportPage.openAs(USERS.manager);
      const send = page.getByRole('region', { name: 'Send to DHIS2' });
      await expect(send.getByRole('button', { name: 'Check with DHIS2 (dry run)' })).toBeVisible();
      await expect(exportPage.period.locator('option:checked')).toHaveText(periodLabel(monthStart(1)));
      expect(await violationsOf(page)).toEqual([]);

      // dry run, from the keyboard
      await exportPage.dataSet.focus();
      await tabTo(page, 'Check with DHIS2 (dry run)');
      await page.keyboard.press('Enter');
      const result = send.locator('.send-result');
      await expect(result).toBeFocused();
      await expect(result.getByRole('heading', { level: 3 })).toHaveText(/DHIS2 would not accept every value: \d+ conflicts\. Nothing was saved\./);
      const conflicts = result.getByRole('listitem');
      await expect(conflicts.filter({ hasText: `${ORG_UNITS.south.name} (${ORG_UNITS.south.id})` }).first()).toContainText('E7612');
      const unassigned = conflicts.filter({ hasText: `${ORG_UNITS.district.name} (${ORG_UNITS.district.id}) — births-this-month (deBirths0001)` });
      await expect(unassigned).toContainText('E7636');
      await expect(unassigned).toContainText('assign the organisation unit to the data set');
      expect(dhis2.received.at(-1)?.dryRun).toBe(true);
      expect(dhis2.stored.size).toBe(0);
      await expect(send.getByRole('list', { name: 'Recent exports of this data set and month' })).toContainText('Checked');
      expect(await violationsOf(page)).toEqual([]);

      // send North only, after confirming
      await exportPage.choosePlace(ORG_UNITS.north.id);
      await expect(exportPage.place).toHaveValue(PLACE_LABELS.north);
      await expect(result).toHaveCount(0);
      // the number of values for the confirmation is read first
      await expect(send.getByRole('button', { name: 'Send to DHIS2' })).toBeEnabled();
      await exportPage.place.focus();
      await tabTo(page, 'Send to DHIS2');
      await page.keyboard.press('Enter');
      const confirmation = send.getByRole('group');
      await expect(confirmation).toContainText(
        `Send 3 values of ${MONTHLY.name} for ${periodLabel(monthStart(1))}, ${PLACE_LABELS.north}, to DHIS2 at ${new URL(dhis2.url).host}?`,
      );
      await expect(confirmation.getByRole('button', { name: 'Yes, send to DHIS2' })).toBeFocused();
      expect(await violationsOf(page)).toEqual([]);
      await page.keyboard.press('Enter');
      await expect(result.getByRole('heading', { level: 3 })).toHaveText('DHIS2 accepted all 3 values.');
      await expect(result).toBeFocused();
      expect(dhis2.stored.size).toBe(3);
      await expect(send.getByRole('list', { name: 'Recent exports of this data set and month' }).getByRole('listitem').first())
        .toContainText(/^Sent .* by manager: 3 values, North Health Centre \(ouNorth0001\); DHIS2: accepted, 3 imported, 0 updated, 0 ignored$/);
      await expect(send).toContainText('Nothing has changed since the send of');
      expect(await violationsOf(page)).toEqual([]);

      // DHIS2 refuses the token: a focused error, nothing recorded as sent
      dhis2.options.token = 'another-token';
      await send.getByRole('button', { name: 'Send to DHIS2' }).focus();
      await page.keyboard.press('Enter');
      await expect(confirmation.getByRole('button', { name: 'Yes, send to DHIS2' })).toBeFocused();
      await page.keyboard.press('Enter');
      const alert = send.getByRole('alert');
      await expect(alert).toBeFocused();
      await expect(alert).toContainText('did not accept the server\'s credentials');
      await expect(send.getByRole('list', { name: 'Recent exports of this data set and month' }).getByRole('listitem').first()).toContainText(/^Not sent /);
      expect(await violationsOf(page)).toEqual([]);
    } finally {
      dhis2.options.token = TOKEN;
      await context.close();
    }
  });

  test('a figure that changes between the confirmation and the send stops the send, says what changed, and the next confirmation sends the new figures', async ({ browser }) => {
    const context = await browser.newContext({ baseURL: server.url });
    try {
      const page = await context.newPage();
      const exportPage = exportPageOf(page);
      await exportPage.openAs(USERS.manager);
      const send = page.getByRole('region', { name: 'Send to DHIS2' });
      await exportPage.choosePlace(ORG_UNITS.north.id);
      await expect(send.getByRole('button', { name: 'Send to DHIS2' })).toBeEnabled();
      await send.getByRole('button', { name: 'Send to DHIS2' }).click();
      const confirmation = send.getByRole('group');
      await expect(confirmation).toContainText('Send 3 values');
      // a device syncs while the manager reads the confirmation
      const late = targetDocs().find((doc) => doc._id.includes('e2e-chw-north') && doc.reporting_period === targetDocs()[0]!.reporting_period)!;
      await putDocs([{ ...late, _id: `${late._id}-late`, targets: [{ id: 'births-this-month', value: { pass: 10, total: 10 } }] }], server.url);
      const imports = dhis2.received.filter((received) => !received.dryRun).length;
      await confirmation.getByRole('button', { name: 'Yes, send to DHIS2' }).click();
      const alert = send.getByRole('alert');
      await expect(alert).toBeFocused();
      await expect(alert).toContainText('The figures changed since you confirmed them: 3 values (total 16) then, 3 values (total 26) now. Nothing was sent');
      expect(dhis2.received.filter((received) => !received.dryRun).length).toBe(imports);
      expect(await violationsOf(page)).toEqual([]);

      await send.getByRole('button', { name: 'Send to DHIS2' }).click();
      await confirmation.getByRole('button', { name: 'Yes, send to DHIS2' }).click();
      await expect(send.locator('.send-result').getByRole('heading', { level: 3 })).toHaveText('DHIS2 accepted all 3 values.');
      expect(dhis2.stored.get(`${ORG_UNITS.north.id}/deBirths0001/HllvX50cXC0/${dhis2.received.at(-1)!.body.period}`)).toBe('13');
    } finally {
      await context.close();
    }
  });
});
