import { readFile } from 'node:fs/promises';
import { test, expect, type Page } from '@playwright/test';
import {
  MONTHLY,
  ORG_UNITS,
  USERS,
  adminFetch,
  baselineSettings,
  places,
  putDocs,
  putUser,
  targetDoc,
  translationDocs,
} from './support/deployment';
import { exportPageOf } from './support/fixtures';
import { startZonedServer, type ZonedServer } from './support/zoned-server';
import { downloadAfterSecondChoice } from './support/downloads';

/**
 * The manager's browser and the server in different time zones: the month chosen on the page is
 * the month exported. Each pairing has a server of its own, started with `TZ`; the browser's clock
 * is fixed near a month's end, where the two calendars name different months. The server keeps
 * the real clock: the two never need to agree.
 */

/** Births per month at the North health centre: every month a different figure. */
const BIRTHS: Record<string, number> = { '2026-08': 8, '2026-09': 9, '2026-10': 10, '2026-11': 11, '2026-12': 12, '2027-01': 1 };
const monthDocs = () =>
  Object.entries(BIRTHS).map(([month, births]) => {
    const [year, monthNumber] = month.split('-').map(Number);
    return targetDoc(new Date(year, monthNumber - 1, 15), 'e2e-chw-north', { 'births-this-month': births, 'deliveries-facility': 100 + births });
  });

interface Pairing {
  readonly title: string;
  readonly browserZone: string;
  readonly serverZone: string;
  /** The browser's clock. */
  readonly browserNow: string;
  /** What the page must offer by the manager's calendar. */
  readonly currentMonth: string;
  readonly preselected: { readonly label: string; readonly period: string };
  /** Another month, chosen on the page. */
  readonly chosen: { readonly label: string; readonly period: string };
  /** The month of the preselected month's first local midnight on the server's clock (the CHT's filters[date][from]). */
  readonly instantOnServerClock: string;
}

const PAIRINGS: readonly Pairing[] = [
  {
    title: 'browser UTC+3 (Nairobi), server UTC',
    browserZone: 'Africa/Nairobi',
    serverZone: 'UTC',
    // 22:00 UTC on 31 October: already November in Nairobi
    browserNow: '2026-11-01T01:00:00+03:00',
    currentMonth: 'November, 2026',
    preselected: { label: 'October, 2026', period: '202610' },
    chosen: { label: 'September, 2026', period: '202609' },
    // midnight of 1 October in Nairobi is still 30 September in UTC
    instantOnServerClock: '202609',
  },
  {
    title: 'browser UTC−5 (Bogotá), server UTC+5:45 (Kathmandu)',
    browserZone: 'America/Bogota',
    serverZone: 'Asia/Kathmandu',
    // 08:45 on 1 November in Kathmandu: still October in Bogotá
    browserNow: '2026-10-31T22:00:00-05:00',
    currentMonth: 'October, 2026',
    preselected: { label: 'September, 2026', period: '202609' },
    chosen: { label: 'October, 2026', period: '202610' },
    instantOnServerClock: '202609',
  },
  {
    title: 'browser and server in the same zone (Kathmandu), at the change of year',
    browserZone: 'Asia/Kathmandu',
    serverZone: 'Asia/Kathmandu',
    browserNow: '2027-01-01T00:30:00+05:45',
    currentMonth: 'January, 2027',
    preselected: { label: 'December, 2026', period: '202612' },
    chosen: { label: 'November, 2026', period: '202611' },
    instantOnServerClock: '202612',
  },
];

/** Presses Download and reads the saved file. */
const download = async (page: Page) => {
  const exportPage = exportPageOf(page);
  // a month of zeros, or the one under way, asks for the second choice: made here, the subject is the month
  const file = await downloadAfterSecondChoice(page, () => exportPage.download.click());
  return { filename: file.suggestedFilename(), body: JSON.parse(await readFile(await file.path(), 'utf8')) };
};

const expectMonthExported = async (page: Page, period: string, { filename, body }: Awaited<ReturnType<typeof download>>) => {
  const births = BIRTHS[`${period.slice(0, 4)}-${period.slice(4)}`];
  const expectedName = `dhis-${MONTHLY.id}-${period}.json`;
  expect(filename).toBe(expectedName);
  await expect(exportPageOf(page).status).toContainText(`Export saved as ${expectedName}.`);
  expect(body.period).toBe(period);
  // every place: no set-level org unit, so no completeDate (DHIS2 2.43 would refuse it; see docs/periods-and-formats.md)
  expect(body.completeDate).toBeUndefined();
  expect(body.dataValues).toEqual(
    expect.arrayContaining([
      { dataElement: 'deBirths0001', orgUnit: ORG_UNITS.north.id, value: String(births) },
      { dataElement: 'deDeliver001', categoryOptionCombo: 'cocFacility', orgUnit: ORG_UNITS.north.id, value: String(100 + births) },
      { dataElement: 'deBirths0001', orgUnit: ORG_UNITS.district.id, value: String(births) },
    ]),
  );
};

for (const pairing of PAIRINGS) {
  test.describe(pairing.title, () => {
    let server: ZonedServer;

    test.beforeAll(async () => {
      server = await startZonedServer(pairing.serverZone);
      await putDocs([{ _id: 'settings', settings: baselineSettings() } as { _id: string }, ...translationDocs(), ...places, ...monthDocs()], server.url);
      await putUser(USERS.manager, server.url);
    });

    test.afterAll(async () => {
      await server?.stop();
    });

    test('the months follow the manager\'s calendar, and the month chosen is the month exported', async ({ browser }) => {
      const context = await browser.newContext({ baseURL: server.url, timezoneId: pairing.browserZone, acceptDownloads: true });
      try {
        const page = await context.newPage();
        await page.clock.setFixedTime(new Date(pairing.browserNow));
        const exportPage = exportPageOf(page);
        await exportPage.openAs(USERS.manager);
        // the browser is in its zone: the offset written in browserNow is the page's own
        const [, sign, hours, minutes] = /([+-])(\d{2}):(\d{2})$/.exec(pairing.browserNow)!;
        expect(await page.evaluate(() => -new Date().getTimezoneOffset())).toBe(Number(`${sign}1`) * (Number(hours) * 60 + Number(minutes)));

        await expect(exportPage.period.locator('option').first()).toHaveText(`${pairing.currentMonth} (in progress)`);
        await expect(exportPage.period.locator('option:checked')).toHaveText(pairing.preselected.label);
        await expectMonthExported(page, pairing.preselected.period, await download(page));

        await exportPage.period.selectOption(pairing.chosen.period);
        await expectMonthExported(page, pairing.chosen.period, await download(page));

        // The CHT's filters[date][from] with the instant the page used to send, the preselected
        // month's first midnight in the browser: its month is the one on the server's clock.
        const [year, month] = [Number(pairing.preselected.period.slice(0, 4)), Number(pairing.preselected.period.slice(4))];
        const midnight = await page.evaluate(([y, m]) => new Date(y, m - 1, 1).getTime(), [year, month]);
        const response = await adminFetch(`/api/v2/export/dhis?filters[dataSet]=${MONTHLY.id}&filters[date][from]=${midnight}`, {}, server.url);
        expect(response.status).toBe(200);
        expect((await response.json()).period).toBe(pairing.instantOnServerClock);
      } finally {
        await context.close();
      }
    });
  });
}
