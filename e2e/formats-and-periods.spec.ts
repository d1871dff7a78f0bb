import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { MONTHLY, ORG_UNITS, QUARTERLY, USERS, adminFetch, dhisPeriod, exportUrl, monthStart } from './support/deployment';
import { expect, test } from './support/fixtures';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const violationsOf = async (page: Page) => {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, targets: nodes.map(({ target }) => target.join(' ')) }));
};

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', htmlEntities: true, isArray: (name) => ['dataValue', 'group'].includes(name) });
type Row = { dataElement: string; orgUnit: string; value: number };
const sorted = (rows: Row[]) => rows.map(({ dataElement, orgUnit, value }) => ({ dataElement, orgUnit, value })).sort((a, b) =>
  `${a.orgUnit}/${a.dataElement}`.localeCompare(`${b.orgUnit}/${b.dataElement}`));

/** The values of a downloaded file, whatever its format. */
const valuesIn = (format: string, text: string): Row[] => {
  if (format === 'json') return (JSON.parse(text) as { dataValues: Record<string, string>[] }).dataValues
    .map(({ dataElement, orgUnit, value }) => ({ dataElement, orgUnit, value: Number(value) }));
  if (format === 'csv') {
    const [, ...rows] = parseCsv(text) as string[][];
    return rows.map(([dataElement, , orgUnit, , , value]) => ({ dataElement, orgUnit, value: Number(value) }));
  }
  if (format === 'xml') {
    const { dataValueSet } = xml.parse(text) as { dataValueSet: { xmlns: string; dataValue: Record<string, string>[] } };
    expect(dataValueSet.xmlns).toBe('http://dhis2.org/schema/dxf/2.0');
    return dataValueSet.dataValue.map(({ dataElement, orgUnit, value }) => ({ dataElement, orgUnit, value: Number(value) }));
  }
  const { adx } = xml.parse(text) as { adx: { xmlns: string; group: (Record<string, string> & { dataValue: Record<string, string>[] })[] } };
  expect(adx.xmlns).toBe('urn:ihe:qrph:adx:2015');
  return adx.group.flatMap(({ orgUnit, dataValue }) => dataValue.map(({ dataElement, value }) => ({ dataElement, orgUnit, value: Number(value) })));
};

test('downloads each file format from the keyboard, with the JSON export\'s values, and remembers the choice', async ({ page, exportPage, settings }) => {
  await settings.change((current) => ({
    ...current,
    tasks: { targets: { items: [
      { id: 'births-this-month', dhis: { dataElement: 'deBirths0001', dataSet: MONTHLY.id } },
      { id: 'households-visited', dhis: { dataElement: 'deHhVisit01' } },
    ] } },
  }));
  await exportPage.openAs(USERS.manager);
  const format = page.getByLabel('File format');
  await expect(format.locator('option')).toHaveText(['JSON', 'CSV (for DHIS2 import)', 'XML (DXF2)', 'ADX', 'CSV with names (for a spreadsheet, not for import)']);
  const period = dhisPeriod(monthStart(1));
  const expected = sorted(valuesIn('json', await (await adminFetch(exportUrl({ dataSet: MONTHLY.id, period }))).text()));
  expect(expected.length).toBeGreaterThan(0);

  for (const [index, [name, extension]] of [['json', 'json'], ['csv', 'csv'], ['xml', 'xml'], ['adx', 'adx.xml']].entries()) {
    await format.focus();
    if (index > 0) await page.keyboard.press('ArrowDown');
    await expect(format).toHaveValue(name);
    await page.keyboard.press('Tab'); // Leave out zero values
    await page.keyboard.press('Tab');
    await expect(exportPage.download).toBeFocused();
    const saved = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    const file = await saved;
    expect(file.suggestedFilename()).toBe(`dhis-${MONTHLY.id}-${period}.${extension}`);
    expect(sorted(valuesIn(name, await readFile(await file.path(), 'utf8'))), name).toEqual(expected);
  }

  // leave out zeros with Space on the checkbox: the file has no zeros left
  await page.getByLabel('Leave out zero values').focus();
  await page.keyboard.press('Space');
  await expect(page.getByLabel('Leave out zero values')).toBeChecked();
  await page.keyboard.press('Tab');
  const saved = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const withoutZeros = valuesIn('adx', await readFile(await (await saved).path(), 'utf8'));
  expect(sorted(withoutZeros)).toEqual(expected.filter(({ value }) => value !== 0));
  expect(await violationsOf(page)).toEqual([]);

  // the choice stays for the session
  await page.reload();
  await expect(format).toHaveValue('adx');
  await expect(page.getByLabel('Leave out zero values')).toBeChecked();
});

test('offers a CSV with names for a spreadsheet beside the import CSV, saved under a name of its own', async ({ page, exportPage }) => {
  await exportPage.openAs(USERS.manager);
  const format = page.getByLabel('File format');
  await format.focus();
  await page.keyboard.press('End');
  await expect(format).toHaveValue('sheet');
  await exportPage.download.focus();
  const saved = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const file = await saved;
  expect(file.suggestedFilename()).toBe(`dhis-${MONTHLY.id}-${dhisPeriod(monthStart(1))}-names.csv`);
  const text = await readFile(await file.path(), 'utf8');
  expect(text).toContain(ORG_UNITS.north.name);
  expect(text).not.toContain(ORG_UNITS.north.id);
});

test('downloads ADX with the option combos of the targets, as DHIS2\'s ADX import takes them', async ({ page, exportPage }) => {
  await exportPage.openAs(USERS.manager);
  await page.getByLabel('File format').selectOption('adx');
  const saved = page.waitForEvent('download');
  await exportPage.download.click();
  const text = await readFile(await (await saved).path(), 'utf8');
  expect(text).toMatch(/<dataValue dataElement="deDeliver001" categoryOptionCombo="cocFacility" value="\d+"\/>/);
  expect(await violationsOf(page)).toEqual([]);
});

test('reporting months of a month_start_date, and the quarters of a quarterly data set', async ({ page, exportPage, settings }) => {
  await settings.change((current) => ({
    ...current,
    uhc: { visit_count: { month_start_date: 26 } },
    dhis_data_sets: [
      { id: MONTHLY.id, translation_key: 'dhis.dataset.monthly' },
      { id: QUARTERLY.id, translation_key: 'dhis.dataset.supervision', periodType: 'Quarterly' },
    ],
  }));
  await exportPage.openAs(USERS.manager);
  const options = exportPage.period.locator('option');
  await expect(options).toHaveCount(12);
  // "26 September – 25 October 2026", across a change of year "26 December 2026 – 25 January 2027"
  for (const label of await options.allTextContents()) {
    expect(label.trim()).toMatch(/^26 \p{L}+( \d{4})? – 25 \p{L}+ \d{4}( \(in progress\))?$/u);
  }

  await exportPage.dataSet.selectOption(QUARTERLY.id);
  await expect(options).toHaveCount(8);
  const quarters = await options.evaluateAll((elements) => elements.map((element) => (element as HTMLOptionElement).value));
  quarters.forEach((value) => expect(value).toMatch(/^\d{4}Q[1-4]$/));
  await expect(page.getByText('The quarter to export.')).toBeVisible();
  const chosen = await exportPage.period.inputValue();
  expect(chosen).toBe(quarters[1]);

  const saved = page.waitForEvent('download');
  await exportPage.download.click();
  // a quarter before the devices' last two months holds only zeros: it waits for the second choice
  const anyway = page.getByRole('button', { name: 'Download anyway' });
  await expect(anyway.or(page.locator('.result-saved'))).toBeVisible();
  if (await anyway.isVisible()) await anyway.click();
  const file = await saved;
  expect(file.suggestedFilename()).toBe(`dhis-${QUARTERLY.id}-${chosen}.json`);
  const api = await adminFetch(exportUrl({ dataSet: QUARTERLY.id, period: chosen }));
  expect(api.status).toBe(200);
  const { completeDate: _apiDate, ...expected } = JSON.parse(await api.text());
  const { completeDate: _fileDate, ...actual } = JSON.parse(await readFile(await file.path(), 'utf8'));
  expect(actual).toEqual(expected);
  expect(actual.period).toBe(chosen);
  expect(await violationsOf(page)).toEqual([]);
});
