import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import {
  MONTHLY,
  ORG_UNITS,
  QUARTERLY,
  USERS,
  VILLAGES,
  adminFetch,
  dhisPeriod,
  exportUrl,
  monthStart,
  putDocs,
  villageOrgUnit,
  villagesDataSet,
} from './support/deployment';
import { expect, test } from './support/fixtures';
import { ALL_PLACES, PLACE_LABELS, placeLabel, villageLabel } from './support/places';
import { downloadAfterSecondChoice } from './support/downloads';

/**
 * The place picker: one WAI-ARIA combobox (an editable field with a list popup) for every data set.
 * Driven from the keyboard wherever a keyboard user can; the mouse only where the mouse is the point.
 */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const violationsOf = async (page: Page) => {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, targets: nodes.map(({ target }) => target.join(' ')) }));
};

const period = dhisPeriod(monthStart(1));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
/** Every village, in the list's order (by name). */
const VILLAGE_LABELS = range(1, VILLAGES.count).map(villageLabel);

/** The export requests (not previews, logs or sends) and the downloads the page starts from now on. */
const watchExports = (page: Page) => {
  const seen = { requests: [] as URL[], downloads: [] as Download[] };
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/api/v2/export/dhis') seen.requests.push(url);
  });
  page.on('download', (download) => seen.downloads.push(download));
  return seen;
};

/** The file holds the export of `orgUnit` alone, as the API gives it for the same filters, under the one-place file name. */
const expectExportOf = async (file: Download, dataSet: string, orgUnit: string) => {
  expect(file.suggestedFilename()).toBe(`dhis-${dataSet}-${period}-${orgUnit}.json`);
  const { completeDate: _fileDate, ...actual } = JSON.parse(await readFile(await file.path(), 'utf8'));
  const values = actual.dataValues as { orgUnit: string }[];
  expect(values.length).toBeGreaterThan(0);
  expect(new Set(values.map((value) => value.orgUnit))).toEqual(new Set([orgUnit]));
  const api = await adminFetch(exportUrl({ dataSet, period, orgUnit }));
  expect(api.status).toBe(200);
  const { completeDate: _apiDate, ...expected } = await api.json();
  expect(actual).toEqual(expected);
};

test.beforeEach(async ({ exportPage, settings }) => {
  await settings.change((current) => ({ ...current, dhis_data_sets: [...current.dhis_data_sets!, villagesDataSet] }));
  await exportPage.openAs(USERS.manager);
  await expect(exportPage.dataSet).toHaveValue(MONTHLY.id);
});

test('"All Places" comes first, each place reads name — parent · org unit id, and each data set lists its own places', async ({ page, exportPage }) => {
  await expect(exportPage.place).toHaveAttribute('role', 'combobox');
  await expect(exportPage.place).toHaveAccessibleName('Filter by place');
  // what a place includes, and how to find one, read with the field
  await expect(exportPage.place).toHaveAccessibleDescription(/under this place in the hierarchy\. Type part of a place's name/);
  await expect(exportPage.place).toHaveAttribute('aria-controls', 'dhis-place-listbox');
  await expect(exportPage.place).toHaveAttribute('aria-expanded', 'false');
  await expect(exportPage.placeList).toBeHidden();
  await expect(exportPage.place).toHaveValue(ALL_PLACES);

  await exportPage.openPlaceList();
  await expect(page.getByRole('listbox', { name: 'Filter by place' })).toBeVisible();
  // a place without a parent (the district) has no "— parent"
  await expect(exportPage.placeOptions).toHaveText([ALL_PLACES, PLACE_LABELS.district, PLACE_LABELS.north, PLACE_LABELS.south]);
  const orgUnits = await exportPage.placeOptions.evaluateAll((options) => options.map((option) => option.getAttribute('data-org-unit')));
  expect(orgUnits).toEqual(['', ORG_UNITS.district.id, ORG_UNITS.north.id, ORG_UNITS.south.id]);
  // the place chosen is the active option
  await exportPage.expectActivePlace(ALL_PLACES);
  await page.keyboard.press('Escape');
  await expect(exportPage.place).toHaveAttribute('aria-expanded', 'false');

  // the villages' data set: its 30 villages and the three places mapped to every data set
  await exportPage.dataSet.selectOption(VILLAGES.id);
  await expect(exportPage.place).toHaveValue(ALL_PLACES);
  await exportPage.openPlaceList();
  await expect(exportPage.placeOptions).toHaveText([ALL_PLACES, PLACE_LABELS.district, PLACE_LABELS.north, PLACE_LABELS.south, ...VILLAGE_LABELS]);
  await page.keyboard.press('Escape');

  // the second data set: East is mapped to it alone, no village is
  await exportPage.dataSet.selectOption(QUARTERLY.id);
  await exportPage.openPlaceList();
  await expect(exportPage.placeOptions).toHaveText([ALL_PLACES, PLACE_LABELS.district, PLACE_LABELS.east, PLACE_LABELS.north, PLACE_LABELS.south]);
});

test('typing narrows the list with the first match active; the arrow keys move it; Enter chooses it and downloads nothing; Download exports that place alone', async ({ page, exportPage }) => {
  const exports = watchExports(page);
  await exportPage.dataSet.selectOption(VILLAGES.id);
  await exportPage.dataSet.focus();
  await page.keyboard.press('Tab');
  await expect(exportPage.place).toBeFocused();
  // entering the field selects its text, so typing replaces it
  expect(await exportPage.place.evaluate((input: HTMLInputElement) => [input.selectionStart, input.selectionEnd, input.value.length])).toEqual([0, ALL_PLACES.length, ALL_PLACES.length]);

  await page.keyboard.type('Village 2');
  await expect(exportPage.place).toHaveValue('Village 2');
  await expect(exportPage.place).toHaveAttribute('aria-expanded', 'true');
  // every word in the name: Village 02, 12, 20–29; All Places is not among them
  const matches = [2, 12, ...range(20, 29)].map(villageLabel);
  await expect(exportPage.placeOptions).toHaveText(matches);
  await exportPage.expectActivePlace(matches[0]);
  await expect(exportPage.placeResult).toHaveText('12 places match. Use the arrow keys to choose one, then Enter.');
  await expect(exportPage.placeResult).toHaveAttribute('aria-live', 'polite');
  expect(await violationsOf(page)).toEqual([]);

  await page.keyboard.press('ArrowDown');
  await exportPage.expectActivePlace(villageLabel(12));
  await page.keyboard.press('ArrowDown');
  await exportPage.expectActivePlace(villageLabel(20));
  await page.keyboard.press('ArrowUp');
  await exportPage.expectActivePlace(villageLabel(12));
  await expect(exportPage.place).toHaveValue('Village 2'); // moving through the list leaves the typed text alone

  await page.keyboard.press('Enter');
  await expect(exportPage.place).toHaveAttribute('aria-expanded', 'false');
  await expect(exportPage.placeList).toBeHidden();
  await expect(exportPage.place).not.toHaveAttribute('aria-activedescendant');
  await expect(exportPage.place).toHaveValue(villageLabel(12));
  await expect(exportPage.place).toBeFocused();
  await expect(exportPage.status).toHaveText('');
  expect(exports.requests).toHaveLength(0);
  expect(exports.downloads).toHaveLength(0);

  // with the list closed, Enter submits the form: the export of Village 12 alone
  const saved = downloadAfterSecondChoice(page, () => page.keyboard.press('Enter'));
  await expectExportOf(await saved, VILLAGES.id, villageOrgUnit(12));
  expect(exports.requests.map((url) => url.searchParams.get('filters[orgUnit]'))).toEqual([villageOrgUnit(12)]);
  await expect(exportPage.status).toContainText(`Export saved as dhis-${VILLAGES.id}-${period}-${villageOrgUnit(12)}.json.`);
});

test('an org unit id, in any case, a parent\'s name, or words from both find places, and the count is said', async ({ page, exportPage }) => {
  await exportPage.dataSet.selectOption(VILLAGES.id);
  await exportPage.place.focus();

  await page.keyboard.type('ouvillage27');
  await expect(exportPage.placeOptions).toHaveText([villageLabel(27)]);
  await exportPage.expectActivePlace(villageLabel(27));
  await expect(exportPage.placeResult).toHaveText(`1 place matches: ${villageLabel(27)}. Press Enter to choose it.`);
  await page.keyboard.press('Enter');
  await expect(exportPage.place).toHaveValue(villageLabel(27));

  // the parent's name finds its children (and the parent itself, by its own name)
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('north health');
  await expect(exportPage.placeOptions).toHaveText([PLACE_LABELS.north, ...VILLAGE_LABELS]);
  await exportPage.expectActivePlace(PLACE_LABELS.north);
  await expect(exportPage.placeResult).toHaveText(`${1 + VILLAGES.count} places match. Use the arrow keys to choose one, then Enter.`);

  // one word from the name, one from the parent's
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('14 North');
  await expect(exportPage.placeOptions).toHaveText([villageLabel(14)]);
  await expect(exportPage.placeResult).toHaveText(`1 place matches: ${villageLabel(14)}. Press Enter to choose it.`);
  await page.keyboard.press('Enter');
  await expect(exportPage.place).toHaveValue(villageLabel(14));
});

test('a query that matches nothing says so politely; after Escape or Tab the place chosen is shown again and is the one exported', async ({ page, exportPage }) => {
  const exports = watchExports(page);
  await exportPage.dataSet.selectOption(VILLAGES.id);
  await exportPage.choosePlace('ouVillage27');
  await expect(exportPage.place).toHaveValue(villageLabel(27));

  // leave the field and come back to it, as a keyboard user would: its text is selected again
  await page.keyboard.press('Shift+Tab');
  await expect(exportPage.dataSet).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(exportPage.place).toBeFocused();
  await page.keyboard.type('xyzzy');
  await expect(exportPage.place).toHaveValue('xyzzy');
  await expect(exportPage.placeOptions).toHaveCount(0);
  await expect(exportPage.place).not.toHaveAttribute('aria-activedescendant');
  await expect(exportPage.placeResult).toHaveText('No place matches "xyzzy". The place chosen stays as it was.');
  await expect(exportPage.placeResult).toHaveAttribute('aria-live', 'polite');
  expect(await violationsOf(page)).toEqual([]);
  // Enter with nothing to choose downloads nothing either
  await page.keyboard.press('Enter');

  await page.keyboard.press('Escape');
  await expect(exportPage.place).toHaveAttribute('aria-expanded', 'false');
  await expect(exportPage.place).toHaveValue(villageLabel(27));
  await expect(exportPage.placeResult).toHaveText('');

  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('xyzzy');
  await expect(exportPage.placeResult).toHaveText('No place matches "xyzzy". The place chosen stays as it was.');
  await page.keyboard.press('Tab');
  await expect(exportPage.period).toBeFocused();
  await expect(exportPage.place).toHaveValue(villageLabel(27));
  await expect(exportPage.place).toHaveAttribute('aria-expanded', 'false');
  expect(await violationsOf(page)).toEqual([]);
  expect(exports.requests).toHaveLength(0);

  // never a silent "All Places": the download is Village 27's
  const saved = downloadAfterSecondChoice(page, () => exportPage.download.click());
  await expectExportOf(await saved, VILLAGES.id, villageOrgUnit(27));
  expect(exports.requests.map((url) => url.searchParams.get('filters[orgUnit]'))).toEqual([villageOrgUnit(27)]);
});

test('leaving the field accepts the option the arrows moved to, or the one place a query matches; a query that matches several leaves the choice as it was', async ({ page, exportPage }) => {
  const exports = watchExports(page);
  await exportPage.dataSet.selectOption(VILLAGES.id);
  await exportPage.dataSet.focus();
  await page.keyboard.press('Tab');
  await page.keyboard.type('ouVillage05');
  await page.keyboard.press('Tab');
  await expect(exportPage.period).toBeFocused();
  await expect(exportPage.place).toHaveValue(villageLabel(5));

  await page.keyboard.press('Shift+Tab');
  await expect(exportPage.place).toBeFocused();
  await page.keyboard.type('Village 1'); // 01, 10–19, 21
  await expect(exportPage.placeResult).toHaveText('12 places match. Use the arrow keys to choose one, then Enter.');
  await page.keyboard.press('Tab');
  await expect(exportPage.place).toHaveValue(villageLabel(5));

  // Tab with the whole list open (longer than its box: it scrolls) goes on to the next field, the choice unchanged
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Alt+ArrowDown');
  await expect(exportPage.placeOptions).toHaveCount(1 + 3 + VILLAGES.count);
  await page.keyboard.press('Tab');
  await expect(exportPage.period).toBeFocused();
  await expect(exportPage.place).toHaveAttribute('aria-expanded', 'false');
  await expect(exportPage.place).toHaveValue(villageLabel(5));

  // the option the arrow keys moved to is accepted by Tab, as the WAI-ARIA combobox pattern has it
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.type('Village 1');
  await expect(exportPage.placeResult).toHaveText('12 places match. Use the arrow keys to choose one, then Enter.');
  await page.keyboard.press('ArrowDown'); // Village 01 → Village 10
  await exportPage.expectActivePlace(villageLabel(10));
  await page.keyboard.press('Tab');
  await expect(exportPage.period).toBeFocused();
  await expect(exportPage.place).toHaveValue(villageLabel(10));

  // leaving with the mouse, by a click elsewhere on the page, is leaving too
  await exportPage.place.focus();
  await page.keyboard.type('ouVillage07');
  await page.getByRole('heading', { level: 1 }).click();
  await expect(exportPage.place).not.toBeFocused();
  await expect(exportPage.place).toHaveValue(villageLabel(7));
  await expect(exportPage.place).toHaveAttribute('aria-expanded', 'false');
  expect(exports.downloads).toHaveLength(0);

  const saved = downloadAfterSecondChoice(page, () => exportPage.download.click());
  await expectExportOf(await saved, VILLAGES.id, villageOrgUnit(7));
});

test('Escape closes the list and puts the chosen label back, the choice unchanged', async ({ page, exportPage }) => {
  await exportPage.dataSet.selectOption(VILLAGES.id);
  await exportPage.choosePlace('ouVillage03');

  // Alt+ArrowDown opens the list on the place chosen
  await page.keyboard.press('Alt+ArrowDown');
  await expect(exportPage.place).toHaveAttribute('aria-expanded', 'true');
  await expect(exportPage.placeList).toBeVisible();
  await exportPage.expectActivePlace(villageLabel(3));
  await page.keyboard.press('ArrowDown');
  await exportPage.expectActivePlace(villageLabel(4));
  await page.keyboard.press('Escape');
  await expect(exportPage.place).toHaveAttribute('aria-expanded', 'false');
  await expect(exportPage.placeList).toBeHidden();
  await expect(exportPage.place).not.toHaveAttribute('aria-activedescendant');
  await expect(exportPage.place).toHaveValue(villageLabel(3));

  // and what was typed gives way to the label again
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('South');
  await exportPage.expectActivePlace(PLACE_LABELS.south);
  await page.keyboard.press('Escape');
  await expect(exportPage.place).toHaveAttribute('aria-expanded', 'false');
  await expect(exportPage.place).toHaveValue(villageLabel(3));

  // Enter, the list closed, downloads the place still chosen
  const saved = downloadAfterSecondChoice(page, () => page.keyboard.press('Enter'));
  await expectExportOf(await saved, VILLAGES.id, villageOrgUnit(3));
});

test('with the mouse: a click in the field opens the list, a click on an option chooses it', async ({ page, exportPage }) => {
  await exportPage.dataSet.selectOption(VILLAGES.id);
  await exportPage.place.click();
  await expect(exportPage.place).toHaveAttribute('aria-expanded', 'true');
  await expect(exportPage.placeOptions).toHaveCount(1 + 3 + VILLAGES.count);
  await exportPage.expectActivePlace(ALL_PLACES);

  await exportPage.placeOptions.filter({ hasText: villageOrgUnit(9) }).click();
  await expect(exportPage.place).toHaveValue(villageLabel(9));
  await expect(exportPage.place).toHaveAttribute('aria-expanded', 'false');
  await expect(exportPage.placeList).toBeHidden();

  const saved = downloadAfterSecondChoice(page, () => exportPage.download.click());
  await expectExportOf(await saved, VILLAGES.id, villageOrgUnit(9));
});

test.describe('two places of the same name', () => {
  /** Two "Kondele Health Centre"s, under North and under South, mapped to every data set: written for this test only. */
  const kondele = [
    {
      _id: 'e2e-kondele-north', type: 'clinic', name: 'Kondele Health Centre',
      dhis: { orgUnit: 'ouKondele01' }, parent: { _id: 'e2e-hc-north', parent: { _id: 'e2e-district' } },
    },
    {
      _id: 'e2e-kondele-south', type: 'clinic', name: 'Kondele Health Centre',
      dhis: { orgUnit: 'ouKondele02' }, parent: { _id: 'e2e-hc-south', parent: { _id: 'e2e-district' } },
    },
  ];
  const north = placeLabel('Kondele Health Centre', ORG_UNITS.north.name, 'ouKondele01');
  const south = placeLabel('Kondele Health Centre', ORG_UNITS.south.name, 'ouKondele02');

  test.afterEach(async () => {
    await putDocs(kondele.map(({ _id }) => ({ _id, _deleted: true })));
  });

  test('are told apart by their parent and org unit, and each can be chosen and exported', async ({ page, exportPage }) => {
    await putDocs(kondele);
    await page.reload();
    await expect(exportPage.dataSet).toHaveValue(MONTHLY.id);

    await exportPage.place.focus();
    await page.keyboard.type('Kondele');
    await expect(exportPage.placeOptions).toHaveCount(2);
    expect((await exportPage.placeOptions.allTextContents()).map((text) => text.trim()).sort()).toEqual([north, south]);
    await expect(exportPage.placeResult).toHaveText('2 places match. Use the arrow keys to choose one, then Enter.');
    await page.keyboard.press('Escape');

    await exportPage.choosePlace('Kondele South', south);
    await expect(exportPage.place).toHaveValue(south);
    let saved = downloadAfterSecondChoice(page, () => exportPage.download.click());
    await expectExportOf(await saved, MONTHLY.id, 'ouKondele02');

    await exportPage.choosePlace('Kondele ouKondele01', north);
    await expect(exportPage.place).toHaveValue(north);
    saved = downloadAfterSecondChoice(page, () => exportPage.download.click());
    await expectExportOf(await saved, MONTHLY.id, 'ouKondele01');
  });
});
