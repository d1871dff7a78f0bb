import AxeBuilder from '@axe-core/playwright';
import { USERS } from './support/deployment';
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

    test('the login page fits too', async ({ page }) => {
      await page.goto('/login');
      await expect(page.getByLabel('User name')).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect((await page.getByRole('banner').boundingBox())!.height).toBeLessThanOrEqual(56);
    });
  });
}
