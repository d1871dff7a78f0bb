import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import { MONTHLY, ORG_UNITS, USERS, dhisPeriod, monthStart } from './support/deployment';
import { expect, test } from './support/fixtures';
import { ALL_PLACES, PLACE_LABELS } from './support/places';

/** Phones, and 400 % zoom of a 1280 px window (WCAG 1.4.10): checked by the boxes of the elements. */
for (const width of [320, 375]) {
  test.describe(`at ${width} px wide`, () => {
    test.use({ viewport: { width, height: 640 } });

    test('the header keeps one line, nothing scrolls sideways, and Download is at hand without scrolling', async ({ page, exportPage }) => {
      await exportPage.openAs(USERS.manager);
      await expect(exportPage.download).toBeVisible();
      const header = (await page.getByRole('banner').boundingBox())!;
      expect(header.height).toBeLessThanOrEqual(56);
      for (const control of [page.getByRole('button', { name: 'Log out' }), page.getByLabel('Language')]) {
        const box = (await control.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(width);
        expect(box.y + box.height).toBeLessThanOrEqual(header.y + header.height);
      }
      // the name is still said to screen readers
      await expect(page.getByRole('banner')).toContainText(`Logged in as ${USERS.manager.name}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      // Download sits in the window as the page opens, however long the form
      const download = (await exportPage.download.boundingBox())!;
      expect(download.y + download.height).toBeLessThanOrEqual(640);
      expect(download.x + download.width).toBeLessThanOrEqual(width);
      await page.screenshot({ path: test.info().outputPath(`export-${width}.png`) });
      const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(violations.map(({ id }) => id)).toEqual([]);
    });

    test('the open place list fits too: long place labels wrap, nothing is cut or scrolls sideways', async ({ page, exportPage }) => {
      await exportPage.openAs(USERS.manager);
      await exportPage.openPlaceList();
      await expect(exportPage.placeOptions).toHaveText([ALL_PLACES, PLACE_LABELS.district, PLACE_LABELS.north, PLACE_LABELS.south]);
      // the open list is scrolled into the window, above the Download bar that stays at its bottom
      const list = (await exportPage.placeList.boundingBox())!;
      const downloadBar = (await exportPage.download.boundingBox())!;
      expect(list.y).toBeGreaterThanOrEqual(0);
      expect(list.y + list.height).toBeLessThanOrEqual(downloadBar.y);
      for (const option of await exportPage.placeOptions.all()) {
        const box = (await option.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(width);
        // the whole label is there to read, on as many lines as it takes
        expect(await option.evaluate((element) => element.scrollWidth - element.clientWidth)).toBeLessThanOrEqual(0);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(violations.map(({ id }) => id)).toEqual([]);
    });

    test('keyboard only: a place found by typing part of its name, downloaded, and the page says what the file holds', async ({ page, exportPage }) => {
      await exportPage.openAs(USERS.manager);
      await exportPage.dataSet.focus();
      await page.keyboard.press('Tab');
      await expect(exportPage.place).toBeFocused();
      await page.keyboard.type('sout');
      await exportPage.expectActivePlace(PLACE_LABELS.south);
      await page.keyboard.press('Enter');
      await expect(exportPage.place).toHaveValue(PLACE_LABELS.south);
      // with the list closed, Enter in the field is Download
      const saved = page.waitForEvent('download');
      await page.keyboard.press('Enter');
      const file = await saved;
      const filename = `dhis-${MONTHLY.id}-${dhisPeriod(monthStart(1))}-${ORG_UNITS.south.id}.json`;
      expect(file.suggestedFilename()).toBe(filename);
      const values = JSON.parse(await readFile(await file.path(), 'utf8')).dataValues as { orgUnit: string; value: string }[];
      expect(values.length).toBeGreaterThan(0);
      expect(new Set(values.map(({ orgUnit }) => orgUnit))).toEqual(new Set([ORG_UNITS.south.id]));
      await expect(exportPage.status).toContainText(`Export saved as ${filename}.`);
      await expect(exportPage.status).toContainText(`${MONTHLY.name} · ${ORG_UNITS.south.name} ·`);
      await expect(exportPage.status).toContainText(
        `Values: ${values.length} · Org units: 1 · Zero values: ${values.filter(({ value }) => value === '0').length}`,
      );
      // the result sits in the window, by the button
      const result = (await exportPage.status.first().boundingBox())!;
      expect(result.x + result.width).toBeLessThanOrEqual(width);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    });

    test('the login page fits too', async ({ page }) => {
      await page.goto('/login');
      await expect(page.getByLabel('User name')).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect((await page.getByRole('banner').boundingBox())!.height).toBeLessThanOrEqual(56);
    });
  });
}
