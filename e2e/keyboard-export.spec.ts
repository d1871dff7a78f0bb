import { readFile } from 'node:fs/promises';
import { ORG_UNITS, QUARTERLY, USERS, adminFetch, dhisPeriod, exportUrl, monthStart, periodLabel } from './support/deployment';
import { expect, test } from './support/fixtures';
import { expectFocusRing } from './support/keyboard';
import { ALL_PLACES, PLACE_LABELS } from './support/places';

test('keyboard only: log in, choose data set, place and month, download the file the API gives for them', async ({ page, exportPage }) => {
  const keyboard = page.keyboard;
  const twoMonthsAgo = monthStart(2);

  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Log in to the Admin Console' })).toBeVisible();

  // log in: Tab past the language choice, type, Tab, type, Tab to the button, Shift+Tab back, Enter submits
  await keyboard.press('Tab');
  await expectFocusRing(page.getByLabel('Language'));
  await keyboard.press('Tab');
  await expectFocusRing(page.getByLabel('User name'));
  await keyboard.type(USERS.manager.name);
  await keyboard.press('Tab');
  await expectFocusRing(page.getByLabel('Password'));
  await keyboard.type(USERS.manager.password);
  await keyboard.press('Tab');
  await expectFocusRing(page.getByRole('button', { name: 'Login' }));
  await keyboard.press('Shift+Tab');
  await expect(page.getByLabel('Password')).toBeFocused();
  await keyboard.press('Enter');

  await expect(page).toHaveURL(/\/admin\/export\/dhis$/);
  const dataSet = page.getByLabel('DHIS2 Data Set');
  await expect(dataSet).toBeVisible();

  // after login, focus is on the page's heading; the frame lies before it, in reading order:
  // skip link, language, Log out, sidebar
  await expect(page.getByRole('heading', { level: 1, name: 'Import & export data' })).toBeFocused();
  const sidebarLink = page.getByRole('navigation', { name: 'CHT Admin Console' }).getByRole('link', { name: 'Import & export data' });
  await keyboard.press('Shift+Tab');
  await expectFocusRing(sidebarLink);
  await keyboard.press('Shift+Tab');
  await expectFocusRing(page.getByRole('button', { name: 'Log out' }));
  await keyboard.press('Shift+Tab');
  await expectFocusRing(page.getByLabel('Language'));
  await keyboard.press('Shift+Tab');
  const skipLink = page.getByRole('link', { name: 'Skip to main content' });
  await expectFocusRing(skipLink);
  await expect(skipLink).toBeInViewport();
  await keyboard.press('Tab');
  await keyboard.press('Tab');
  await keyboard.press('Tab');
  await expectFocusRing(sidebarLink);
  await keyboard.press('Enter'); // /admin/export opens its first tab
  await expect(page).toHaveURL(/\/admin\/export\/dhis$/);
  await expect(sidebarLink).toHaveAttribute('aria-current', 'page');
  await keyboard.press('Tab');
  const tab = page.getByRole('tab', { name: 'DHIS2' });
  await expectFocusRing(tab);
  await keyboard.press('ArrowRight'); // the only tab: stays on it, still selected
  await expect(tab).toBeFocused();
  await expect(tab).toHaveAttribute('aria-selected', 'true');

  // the form: the first data set and last month are preselected
  await keyboard.press('Tab');
  await expectFocusRing(dataSet);
  await keyboard.press('ArrowDown');
  await expect(dataSet).toHaveValue(QUARTERLY.id);

  await keyboard.press('Tab');
  const place = page.getByRole('combobox', { name: 'Filter by place' });
  await expectFocusRing(place);
  await expect(place).toHaveValue(ALL_PLACES);
  await expect(place).toHaveAttribute('aria-expanded', 'false');
  // ArrowDown opens the list on the place chosen; it followed the data set: East is mapped to the second data set only
  await keyboard.press('ArrowDown');
  await expect(place).toHaveAttribute('aria-expanded', 'true');
  const options = page.getByRole('listbox', { name: 'Filter by place' }).getByRole('option');
  await expect(options).toHaveText([ALL_PLACES, PLACE_LABELS.district, PLACE_LABELS.east, PLACE_LABELS.north, PLACE_LABELS.south]);
  await exportPage.expectActivePlace(ALL_PLACES);
  await keyboard.press('ArrowDown');
  await keyboard.press('ArrowDown');
  await keyboard.press('ArrowDown');
  await keyboard.press('ArrowUp');
  await exportPage.expectActivePlace(PLACE_LABELS.east);
  // Enter chooses it and closes the list; it downloads nothing
  let downloads = 0;
  page.on('download', () => downloads++);
  await keyboard.press('Enter');
  await expect(place).toHaveAttribute('aria-expanded', 'false');
  await expect(place).toHaveValue(PLACE_LABELS.east);
  await expect(place).toBeFocused();
  expect(downloads).toBe(0);

  await keyboard.press('Tab');
  const period = page.getByLabel('Filter by period');
  await expectFocusRing(period);
  await expect(period.locator('option:checked')).toHaveText(periodLabel(monthStart(1)));
  await expect(period.locator('option').first()).toHaveText(`${periodLabel(monthStart(0))} (in progress)`);
  await keyboard.press('ArrowDown');
  await expect(period.locator('option:checked')).toHaveText(periodLabel(twoMonthsAgo));

  // the file format (JSON unless chosen otherwise) and the zeros choice
  await keyboard.press('Tab');
  const format = page.getByLabel('File format');
  await expectFocusRing(format);
  await expect(format).toHaveValue('json');
  await keyboard.press('Tab');
  await expectFocusRing(page.getByLabel('Leave out zero values'));
  await expect(page.getByLabel('Leave out zero values')).not.toBeChecked();

  await keyboard.press('Tab');
  const download = page.getByRole('button', { name: 'Download' });
  await expectFocusRing(download);
  const saved = page.waitForEvent('download');
  await keyboard.press('Space');
  const file = await saved;

  const filename = `dhis-${QUARTERLY.id}-${dhisPeriod(twoMonthsAgo)}-${ORG_UNITS.east.id}.json`;
  expect(file.suggestedFilename()).toBe(filename);
  await expect(page.getByRole('status')).toContainText(`Export saved as ${filename}.`);
  await expect(download).not.toHaveAttribute('aria-disabled', 'true');

  // the same filters, asked of the API directly by the server admin
  const api = await adminFetch(exportUrl({ dataSet: QUARTERLY.id, orgUnit: ORG_UNITS.east.id, period: dhisPeriod(twoMonthsAgo) }));
  expect(api.status).toBe(200);
  const expected = await api.text();
  const actual = await readFile(await file.path(), 'utf8');
  expect(actual).toBe(expected);
  // and it is the figures written for East two months ago, not an empty file equal to another empty file
  expect(JSON.parse(actual)).toEqual({
    dataSet: QUARTERLY.id,
    completeDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    period: dhisPeriod(twoMonthsAgo),
    orgUnit: ORG_UNITS.east.id,
    dataValues: expect.arrayContaining([
      { dataElement: 'deHhVisit01', orgUnit: ORG_UNITS.east.id, value: '6' },
      { dataElement: 'deSupVisit1', attributeOptionCombo: 'aocPartner1', orgUnit: ORG_UNITS.east.id, value: '5' },
    ]),
  });
  expect(JSON.parse(actual).dataValues).toHaveLength(2);
});

test('the skip link moves focus to the main content and stays on the page', async ({ page, exportPage }) => {
  await exportPage.openAs(USERS.manager);
  await expect(exportPage.dataSet).toBeVisible();
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  await expect(page).toHaveURL(/\/admin\/export\/dhis(#main)?$/);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('tab', { name: 'DHIS2' })).toBeFocused();
});
