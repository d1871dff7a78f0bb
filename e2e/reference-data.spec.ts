import { readFile } from 'node:fs/promises';
import { MONTHLY, ORG_UNITS, USERS, dhisPeriod, monthStart, putDocs } from './support/deployment';
import { expect, test } from './support/fixtures';
import { placeLabel } from './support/places';
import { downloadAfterSecondChoice } from './support/downloads';

/** Places as import scripts write them: a number for a name or an org unit, `dataSet: ""` for every data set. */
const scriptedPlaces = [
  { _id: 'e2e-scripted-number', type: 'health_center', name: 1234, dhis: { orgUnit: 5003 }, parent: { _id: 'e2e-district' } },
  { _id: 'e2e-scripted-empty-ds', type: 'health_center', name: 'Zebra Post', dhis: { orgUnit: 'ouZebraPst1', dataSet: '' } },
];
const latePlace = { _id: 'e2e-late-place', type: 'health_center', name: 'Yellow Hill', dhis: { orgUnit: 'ouYellowHl1' } };

const added: { _id: string }[] = [];
const add = async (docs: { _id: string }[]) => {
  await putDocs(docs);
  added.push(...docs);
};

test.afterEach(async () => {
  await putDocs(added.splice(0).map((doc) => ({ _id: doc._id, _deleted: true })));
});

test('places written by import scripts (a number as name or org unit, dataSet "") are offered, and the page works', async ({ page, exportPage }) => {
  await add(scriptedPlaces);
  await exportPage.openAs(USERS.manager);

  await exportPage.dataSet.selectOption(MONTHLY.id);
  await exportPage.openPlaceList();
  // a number as name and org unit, under the district; a place without a parent has no "— parent"
  const numbered = placeLabel('1234', ORG_UNITS.district.name, '5003');
  const zebra = placeLabel('Zebra Post', undefined, 'ouZebraPst1');
  await expect(exportPage.placeOptions.filter({ hasText: '1234' })).toHaveText(numbered);
  await expect(exportPage.placeOptions.filter({ hasText: '1234' })).toHaveAttribute('data-org-unit', '5003');
  await expect(exportPage.placeOptions.filter({ hasText: 'Zebra Post' })).toHaveText(zebra);
  await expect(exportPage.placeOptions.filter({ hasText: 'Zebra Post' })).toHaveAttribute('data-org-unit', 'ouZebraPst1');
  await page.keyboard.press('Escape');
  await exportPage.choosePlace('5003', numbered);
  await expect(exportPage.place).toHaveValue(numbered);
  const saved = downloadAfterSecondChoice(page, () => exportPage.download.click());
  const download = await saved;
  expect(download.suggestedFilename()).toBe(`dhis-${MONTHLY.id}-${dhisPeriod(monthStart(1))}-5003.json`);
  const file = JSON.parse(await readFile(await download.path(), 'utf8'));
  expect(new Set(file.dataValues.map((value: { orgUnit: string }) => value.orgUnit))).toEqual(new Set(['5003']));
});

test('a tab left open over the end of the month offers the new month, and new places, when the manager returns to it', async ({ page, exportPage }) => {
  await page.clock.install({ time: new Date(2026, 10, 30, 18) });
  await exportPage.openAs(USERS.manager);
  await expect(exportPage.period).toHaveValue('202610');
  await expect(exportPage.period.locator('option').first()).toHaveAttribute('value', '202611');
  await exportPage.dataSet.selectOption(MONTHLY.id);
  await exportPage.openPlaceList();
  await expect(exportPage.placeOptions).toHaveCount(4); // All Places and the three places of the data set
  await expect(exportPage.placeOptions.filter({ hasText: 'Yellow Hill' })).toHaveCount(0);
  await page.keyboard.press('Escape');

  await add([latePlace]);
  await page.clock.setSystemTime(new Date(2026, 11, 1, 9));
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));

  await expect(exportPage.period).toHaveValue('202611');
  await expect(exportPage.period.locator('option').first()).toHaveAttribute('value', '202612');
  await exportPage.openPlaceList();
  await expect(exportPage.placeOptions.filter({ hasText: 'Yellow Hill' })).toHaveText(placeLabel('Yellow Hill', undefined, 'ouYellowHl1'));
  await expect(exportPage.dataSet).toHaveValue(MONTHLY.id);
});
