import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { MONTHLY, ORG_UNITS, QUARTERLY, USERS, adminFetch, dhisPeriod, exportUrl, monthStart } from './support/deployment';
import { expect, test } from './support/fixtures';
import { ALL_PLACES, PLACE_LABELS } from './support/places';

const lastMonth = monthStart(1);
const todayLocal = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

/** Every download the page starts, from now on. */
const recordDownloads = (page: Page): Download[] => {
  const downloads: Download[] = [];
  page.on('download', (download) => downloads.push(download));
  return downloads;
};

test.beforeEach(async ({ exportPage }) => {
  await exportPage.openAs(USERS.manager);
  await expect(exportPage.dataSet).toHaveValue(MONTHLY.id);
});

test('an export for one place holds only that org unit, under dhis-<dataSet>-<YYYYMM>-<orgUnit>.json', async ({ page, exportPage }) => {
  await expect(exportPage.dataSet.locator('option')).toHaveText([MONTHLY.name, QUARTERLY.name]);
  await expect(exportPage.place).toHaveValue(ALL_PLACES);
  await exportPage.openPlaceList();
  await expect(exportPage.placeOptions).toHaveText([ALL_PLACES, PLACE_LABELS.district, PLACE_LABELS.north, PLACE_LABELS.south]);
  await exportPage.choosePlace('North');
  await expect(exportPage.place).toHaveValue(PLACE_LABELS.north);

  const saved = page.waitForEvent('download');
  await exportPage.download.click();
  const file = await saved;

  const filename = `dhis-${MONTHLY.id}-${dhisPeriod(lastMonth)}-${ORG_UNITS.north.id}.json`;
  expect(file.suggestedFilename()).toBe(filename);
  await expect(exportPage.status).toContainText(`Export saved as ${filename}.`);
  const dataValueSet = JSON.parse(await readFile(await file.path(), 'utf8'));
  expect(dataValueSet).toEqual({
    dataSet: MONTHLY.id,
    completeDate: todayLocal(),
    period: dhisPeriod(lastMonth),
    orgUnit: ORG_UNITS.north.id,
    dataValues: expect.any(Array),
  });
  const byElement = (a: { dataElement: string }, b: { dataElement: string }) => a.dataElement.localeCompare(b.dataElement);
  expect([...dataValueSet.dataValues].sort(byElement)).toEqual([
    { dataElement: 'deBirths0001', orgUnit: ORG_UNITS.north.id, value: '3' },
    { dataElement: 'deDeliver001', categoryOptionCombo: 'cocFacility', orgUnit: ORG_UNITS.north.id, value: '2' },
    { dataElement: 'deHhVisit01', orgUnit: ORG_UNITS.north.id, value: '11' },
  ]);
  // the result by the button says what the file holds
  const values = dataValueSet.dataValues as { orgUnit: string; value: string }[];
  await expect(exportPage.status).toContainText(`${MONTHLY.name} · ${ORG_UNITS.north.name} ·`);
  await expect(exportPage.status).toContainText(
    `Values: ${values.length} · Org units: ${new Set(values.map((value) => value.orgUnit)).size} · Zero values: ${values.filter((value) => value.value === '0').length}`,
  );
  // and is gone once the choice changes
  await exportPage.choosePlace(ALL_PLACES, ALL_PLACES);
  await expect(exportPage.place).toHaveValue(ALL_PLACES);
  await expect(exportPage.status).toHaveText('');
});

test('while an export runs the button is disabled and says so; a second press starts nothing', async ({ page, exportPage }) => {
  const requests: string[] = [];
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/v2/export/dhis?**', async (route) => {
    requests.push(route.request().url());
    await held;
    await route.continue();
  });
  const downloads = recordDownloads(page);

  await exportPage.download.click();
  await expect(exportPage.download).toHaveAttribute('aria-disabled', 'true');
  await expect(exportPage.status).toHaveText('Preparing the DHIS2 export…');
  await exportPage.download.focus();
  await page.keyboard.press('Enter');
  await exportPage.download.click({ force: true });
  expect(requests).toHaveLength(1);

  release();
  await expect(exportPage.status).toContainText(`Export saved as dhis-${MONTHLY.id}-${dhisPeriod(lastMonth)}.json.`);
  await expect(exportPage.download).not.toHaveAttribute('aria-disabled');
  expect(requests).toHaveLength(1);
  expect(downloads).toHaveLength(1);
});

test.describe('when the export fails', () => {
  test('with the server\'s 400 (the data set was removed after the page loaded): no file, the message is shown and focused', async ({ page, exportPage, settings }) => {
    await settings.change((current) => ({ ...current, dhis_data_sets: current.dhis_data_sets!.filter(({ id }) => id !== MONTHLY.id) }));
    const answer = await adminFetch(exportUrl({ dataSet: MONTHLY.id, period: dhisPeriod(lastMonth) }));
    expect(answer.status).toBe(400);
    const { error } = (await answer.json()) as { error: string };
    expect(error).toContain('is not defined');
    const downloads = recordDownloads(page);

    await exportPage.download.click();

    await expect(exportPage.alert).toBeFocused();
    await expect(exportPage.alert.getByRole('heading', { level: 2 })).toHaveText('There is a problem');
    await expect(exportPage.alert).toContainText(error);
    // the error summary says it, once: the status region stays quiet
    await expect(exportPage.status).toHaveText('');
    await expect(exportPage.download).not.toHaveAttribute('aria-disabled');
    expect(downloads).toHaveLength(0);

    // in plain words first, the server's words as the detail; the way out reads the settings again
    await expect(exportPage.alert).toContainText('Reload the settings and try again.');
    await exportPage.alert.getByRole('button', { name: 'Reload the settings' }).click();
    await expect(exportPage.dataSet.locator('option')).toHaveText([QUARTERLY.name]);
    await expect(exportPage.alert).toHaveCount(0);
  });

  test('with a 500 that is not JSON: no file, a message with the status, focused; a retry that works clears it', async ({ page, exportPage }) => {
    await page.route('**/api/v2/export/dhis?**', (route) => route.fulfill({ status: 500, contentType: 'text/html', body: '<h1>Internal Server Error</h1>' }));
    const downloads = recordDownloads(page);

    await exportPage.download.click();

    await expect(exportPage.alert).toBeFocused();
    await expect(exportPage.alert).toContainText('The server could not make the file (HTTP 500). Try again');
    await expect(exportPage.alert).not.toContainText('Internal Server Error');
    expect(downloads).toHaveLength(0);
    await expect(page).toHaveTitle(/^Error: /);

    // the way out: Try again, in the error summary, repeats the same export
    await page.unroute('**/api/v2/export/dhis?**');
    const saved = page.waitForEvent('download');
    await exportPage.alert.getByRole('button', { name: 'Try again' }).click();
    await saved;
    await expect(page).not.toHaveTitle(/^Error: /);
    await expect(exportPage.alert).toHaveCount(0);
    await expect(exportPage.status).toContainText(`Export saved as dhis-${MONTHLY.id}-${dhisPeriod(lastMonth)}.json.`);
  });

  test('because the server cannot be reached: no file, the network message, focused', async ({ page, exportPage }) => {
    await page.route('**/api/v2/export/dhis?**', (route) => route.abort('connectionrefused'));
    const downloads = recordDownloads(page);

    await exportPage.download.click();

    await expect(exportPage.alert).toBeFocused();
    await expect(exportPage.alert).toContainText('The server could not be reached. Check your connection and try again.');
    expect(downloads).toHaveLength(0);
  });
});
