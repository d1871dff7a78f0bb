import type { Page, Route } from '@playwright/test';
import { MONTHLY, ORG_UNITS, USERS, dhisPeriod, monthStart } from './support/deployment';
import { expect, test } from './support/fixtures';
import { expectFocusRing } from './support/keyboard';

/*
 * The server answers 503 "index-building" only while Apache CouchDB builds a view's index, which the
 * embedded database these specs run on never does. So the browser's first requests get the server's
 * own answer (its shape is server/src/dhis-export/index-building-reply.ts), with Retry-After: 1 to
 * keep the wait short; then the real server answers, and the page must go on by itself.
 */
const buildingAnswer = (route: Route, progress?: number) =>
  route.fulfill({
    status: 503,
    headers: { 'Retry-After': '1', 'Cache-Control': 'no-store' },
    contentType: 'application/json',
    body: JSON.stringify({
      code: 503,
      error: `CouchDB is building the index of _design/medic-admin${progress === undefined ? '' : ` (${progress} %)`}; ask again in 1 s`,
      reason: 'index-building',
      ...(progress === undefined ? {} : { progress }),
    }),
  });

/** Answers the requests to `pathname` with the index builds of `progresses` in turn, then lets the server answer. */
const whileIndexBuilds = async (page: Page, pathname: string, progresses: readonly (number | undefined)[]) => {
  const asked: (number | undefined)[] = [];
  await page.route(
    (url) => url.pathname === pathname,
    async (route) => {
      if (asked.length >= progresses.length) return route.fallback();
      const progress = progresses[asked.length];
      asked.push(progress);
      await buildingAnswer(route, progress);
    },
  );
  return asked;
};

test.beforeEach(async ({ exportPage }) => {
  await exportPage.openAs(USERS.manager);
  await expect(exportPage.dataSet).toHaveValue(MONTHLY.id);
  await exportPage.choosePlace('North');
});

test('a download waits while the database builds its index, shows how far it is, then saves the file', async ({ page, exportPage }) => {
  const asked = await whileIndexBuilds(page, '/api/v2/export/dhis', [42, 90]);
  const saved = page.waitForEvent('download');
  await exportPage.download.click();

  // said in the status region, and shown by a bar that the same words name
  await expect(exportPage.status).toContainText('Preparing the database: 42%');
  const bar = page.getByRole('progressbar', { name: 'Preparing the database: 42%' });
  await expect(bar).toHaveAttribute('value', '42');
  await expect(page.getByRole('progressbar', { name: 'Preparing the database: 90%' })).toHaveAttribute('value', '90');

  const file = await saved;
  expect(file.suggestedFilename()).toBe(`dhis-${MONTHLY.id}-${dhisPeriod(monthStart(1))}-${ORG_UNITS.north.id}.json`);
  await expect(exportPage.status).toContainText(`Export saved as ${file.suggestedFilename()}.`);
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  expect(asked).toEqual([42, 90]);
});

test('keyboard only: Stop waiting gives the download up and takes the keyboard back to Download', async ({ page, exportPage }) => {
  // the index stays in the making, without a figure: the bar has no value
  await whileIndexBuilds(page, '/api/v2/export/dhis', Array(100).fill(undefined));
  let saved = false;
  page.on('download', () => (saved = true));
  await exportPage.download.focus();
  await page.keyboard.press('Enter');
  await expect(exportPage.status).toContainText('Preparing the database…');
  await expect(page.getByRole('progressbar', { name: 'Preparing the database…' })).not.toHaveAttribute('value');

  const stop = page.getByRole('button', { name: 'Stop waiting' });
  for (let presses = 0; presses < 10 && !(await stop.evaluate((el) => el === document.activeElement)); presses++) await page.keyboard.press('Tab');
  await expectFocusRing(stop);
  await page.keyboard.press('Enter');
  await expect(exportPage.download).toBeFocused();
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await expect(exportPage.status).toHaveText('');
  await page.waitForTimeout(1500);
  expect(saved).toBe(false);
});

test('a preview waits while the database builds its index, says how far it is, then shows the preview', async ({ page }) => {
  await whileIndexBuilds(page, '/api/v2/export/dhis/preview', [7]);
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  const preview = page.getByRole('region', { name: 'Preview' });
  await expect(page.getByRole('progressbar', { name: 'Preparing the database: 7%' })).toHaveAttribute('value', '7');
  await expect(page.locator('.result[role="status"]')).toContainText('Preparing the database: 7%');
  await expect(page.locator('.result[role="status"]')).toContainText('Preview ready:');
  await expect(preview.locator('.preview-summary')).toBeVisible();
});
