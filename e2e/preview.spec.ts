import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { MONTHLY, ORG_UNITS, USERS, dhisPeriod, monthStart, putDocs } from './support/deployment';
import { expect, test } from './support/fixtures';
import { expectFocusRing } from './support/keyboard';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const violationsOf = async (page: Page) => {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, targets: nodes.map(({ target }) => target.join(' ')) }));
};

/** Health workers as the CHT keeps them: one synced North, one under South who never did. */
const userSettings = [
  { _id: 'org.couchdb.user:amina', type: 'user-settings', name: 'amina', fullname: 'Amina North', contact_id: 'e2e-chw-north', facility_id: 'e2e-hc-north', roles: ['chw'] },
  { _id: 'org.couchdb.user:dalia', type: 'user-settings', name: 'dalia', fullname: 'Dalia South', facility_id: ['e2e-hc-south'], roles: ['chw'] },
];

/** Presses Tab until `name`d button has focus, as a keyboard user would. */
const tabTo = async (page: Page, name: string, key = 'Tab') => {
  const target = page.getByRole('button', { name, exact: true });
  for (let presses = 0; presses < 25 && !(await target.evaluate((el) => el === document.activeElement)); presses++) {
    await page.keyboard.press(key);
  }
  await expectFocusRing(target);
};

/** Tabs to a details' summary and opens it with Enter. */
const openDetails = async (page: Page, name: string | RegExp) => {
  const summary = page.locator('summary').filter({ hasText: name });
  for (let presses = 0; presses < 40 && !(await summary.evaluate((el) => el === document.activeElement)); presses++) {
    await page.keyboard.press('Tab');
  }
  await expect(summary).toBeFocused();
  await page.keyboard.press('Enter');
};

test('keyboard only: preview the export, read values and warnings, expand missing health workers, then download the same values', async ({ page, exportPage, settings }) => {
  await settings.change((baseline) => ({ ...baseline, roles: { chw: { name: 'usertype.chw', offline: true }, program_manager: { name: 'usertype.program-manager' } } }));
  await putDocs(userSettings);
  await exportPage.openAs(USERS.manager);
  await expect(exportPage.dataSet).toHaveValue(MONTHLY.id);

  await tabTo(page, 'Preview');
  await page.keyboard.press('Enter');
  await expect(exportPage.status).toContainText(/Preview ready: \d+ values; to check: \d+ warnings?(, \d+ notices?)?\./);

  // the values, one step away, as a table with a caption and headers
  await openDetails(page, /^Values in the file/);
  const values = page.getByRole('table', { name: /Values in the file/ });
  await expect(values.getByRole('columnheader')).toHaveText(['Place', 'Org unit', 'Target', 'Data element', 'Option combos', 'Value']);
  const rows = await values.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((cell) => cell.textContent?.trim() ?? '')),
  );
  expect(rows).toContainEqual([ORG_UNITS.north.name, ORG_UNITS.north.id, 'births-this-month', 'deBirths0001', '', '3']);
  await openDetails(page, /^Totals per data element/);
  await expect(page.getByRole('table', { name: 'Totals per data element' })).toBeVisible();

  // the warnings, each with what to do
  const warnings = page.getByRole('list', { name: /Warnings/ });
  await expect(warnings.locator('[data-code="nested-places"]')).toContainText('counted in both');
  await expect(warnings.locator('[data-code="invalid-uid"]')).toContainText('deBirths0001');
  expect(await violationsOf(page)).toEqual([]);

  // the health worker who has not synced, one step away under South
  await openDetails(page, 'Sync coverage');
  const coverage = page.getByRole('table', { name: /Health workers per org unit/ });
  const south = coverage.getByRole('row', { name: new RegExp(ORG_UNITS.south.name) });
  const followUp = south.locator('summary');
  for (let presses = 0; presses < 40 && !(await followUp.evaluate((el) => el === document.activeElement)); presses++) {
    await page.keyboard.press('Tab');
  }
  await expect(followUp).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(south.getByText('Dalia South (dalia): no target document for the period')).toBeVisible();
  expect(await violationsOf(page)).toEqual([]);

  // back to Download: the file holds what the preview showed
  await tabTo(page, 'Download', 'Shift+Tab');
  const saved = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const file = JSON.parse(await readFile(await (await saved).path(), 'utf8')) as {
    period: string;
    dataValues: Array<{ orgUnit: string; dataElement: string; categoryOptionCombo?: string; value: number }>;
  };
  expect(file.period).toBe(dhisPeriod(monthStart(1)));
  const byName = new Map<string, string>(Object.values(ORG_UNITS).map(({ id, name }) => [id, name]));
  const fromFile = file.dataValues.map(({ orgUnit, dataElement, categoryOptionCombo, value }) =>
    [byName.get(orgUnit) ?? orgUnit, orgUnit, dataElement, categoryOptionCombo ?? '', String(value)].join('|'));
  const fromPreview = rows.map(([name, orgUnit, , dataElement, combos, value]) => [name, orgUnit, dataElement, combos, value].join('|'));
  expect(fromPreview.sort()).toEqual(fromFile.sort());
  await putDocs(userSettings.map((doc) => ({ ...doc, _deleted: true })));
});
