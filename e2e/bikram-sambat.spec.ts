import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import { test, expect, type Page } from '@playwright/test';
import { MONTHLY, ORG_UNITS, USERS, baselineSettings, places, putDocs, putUser, translationDocs } from './support/deployment';
import { exportPageOf } from './support/fixtures';
import { startZonedServer, type ZonedServer } from './support/zoned-server';

/**
 * A deployment in Nepal: the settings say `uhc.visit_count.use_bikram_sambat_months`, the devices
 * tag their target docs with Bikram Sambat months, the DHIS2 runs the Nepali calendar
 * (DHIS2_CALENDAR=nepali), and the manager reads the page in Nepali. The browser's clock is fixed
 * on 28 October 2026 in Kathmandu: Kartik 11, 2083.
 */
const bsDoc = (tag: string, owner: string, births: number) => ({
  _id: `target~${tag}~${owner}~org.couchdb.user:${owner}`, type: 'target', owner, user: `org.couchdb.user:${owner}`,
  reporting_period: tag, targets: [{ id: 'births-this-month', value: { pass: births, total: births } }],
});
const births = (body: { dataValues: { dataElement: string; orgUnit: string; value: unknown }[] }) =>
  body.dataValues.find((row) => row.dataElement === 'deBirths0001' && row.orgUnit === ORG_UNITS.north.id)?.value;

const download = async (page: Page) => {
  const saved = page.waitForEvent('download');
  await page.getByRole('button', { name: 'डाउनलोड' }).click();
  // a month in progress waits for the second choice (its words in English where Nepali has none)
  const anyway = page.getByRole('button', { name: 'Download anyway' });
  await expect(anyway.or(page.locator('.result-saved'))).toBeVisible();
  if (await anyway.isVisible()) await anyway.click();
  const file = await saved;
  return { filename: file.suggestedFilename(), body: JSON.parse(await readFile(await file.path(), 'utf8')) };
};

test.describe('a Bikram Sambat deployment, the page in Nepali', () => {
  // a server of its own, an accessibility scan and two downloads: more than most specs do in one test
  test.describe.configure({ timeout: 60_000 });
  let server: ZonedServer;

  test.beforeAll(async () => {
    server = await startZonedServer('Asia/Kathmandu', { DHIS2_CALENDAR: 'nepali' });
    const settings = { ...baselineSettings(), locale: 'ne', uhc: { visit_count: { use_bikram_sambat_months: true } } };
    await putDocs([
      { _id: 'settings', settings } as { _id: string }, ...translationDocs(), ...places,
      // Ashwin and Kartik 2083, and the Gregorian October beside them, which a Gregorian reading would sum.
      bsDoc('2083-06', 'e2e-chw-north', 6), bsDoc('2083-07', 'e2e-chw-north', 7), bsDoc('2026-10', 'e2e-chw-north', 99),
    ], server.url);
    await putUser(USERS.manager, server.url);
  });

  test.afterAll(async () => {
    await server?.stop();
  });

  test('offers BS months named in Nepali with their Gregorian days, and exports the month chosen from the devices\' BS docs', async ({ browser }) => {
    const context = await browser.newContext({ baseURL: server.url, timezoneId: 'Asia/Kathmandu', acceptDownloads: true });
    try {
      const page = await context.newPage();
      await page.clock.setFixedTime(new Date('2026-10-28T10:00:00+05:45'));
      await exportPageOf(page).openAs(USERS.manager);
      await expect(page.locator('html')).toHaveAttribute('lang', 'ne');
      const period = page.getByLabel('अवधिको आधारमा छान्नुहोस्');
      await expect(period.locator('option').first()).toHaveText(/^कार्तिक २०८३ \(१८ .+ – १६ .+ २०२६\) \(चालु\)$/);
      await expect(period.locator('option:checked')).toHaveText(/^असोज २०८३ \(१७ .+ – १७ .+ २०२६\)$/);
      await expect(period).toHaveValue('208306');
      const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(violations.map(({ id }) => id)).toEqual([]);

      const ashwin = await download(page);
      expect(ashwin.filename).toBe(`dhis-${MONTHLY.id}-208306.json`);
      expect(ashwin.body.period).toBe('208306');
      expect(births(ashwin.body)).toBe('6');

      await period.selectOption('208307');
      const kartik = await download(page);
      expect(kartik.body.period).toBe('208307');
      expect(births(kartik.body)).toBe('7');
    } finally {
      await context.close();
    }
  });

  test('names the months transliterated in another language', async ({ browser }) => {
    const context = await browser.newContext({ baseURL: server.url, timezoneId: 'Asia/Kathmandu', acceptDownloads: true });
    try {
      const page = await context.newPage();
      await page.clock.setFixedTime(new Date('2026-10-28T10:00:00+05:45'));
      await exportPageOf(page).openAs(USERS.manager);
      await page.getByLabel('भाषा').or(page.getByLabel('Language')).selectOption('en');
      await expect(page.locator('#dhis-period option:checked')).toHaveText('Ashwin 2083 (17 September – 17 October 2026)');
    } finally {
      await context.close();
    }
  });
});
