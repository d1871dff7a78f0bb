import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { VILLAGES, adminFetch, dhisPeriod, exportUrl, monthStart } from './deployment';
import { expect } from './fixtures';
import { villageLabel } from './places';

/** What the place picker's specs share: the accessibility check, the villages, and what an export holds. */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const violationsOf = async (page: Page) => {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, targets: nodes.map(({ target }) => target.join(' ')) }));
};

export const period = dhisPeriod(monthStart(1));
export const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
/** Every village, in the list's order (by name). */
export const VILLAGE_LABELS = range(1, VILLAGES.count).map(villageLabel);

/** The export requests (not previews, logs or sends) and the downloads the page starts from now on. */
export const watchExports = (page: Page) => {
  const seen = { requests: [] as URL[], downloads: [] as Download[] };
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/api/v2/export/dhis') seen.requests.push(url);
  });
  page.on('download', (download) => seen.downloads.push(download));
  return seen;
};

/** The file holds the export of `orgUnit` alone, as the API gives it for the same filters, under the one-place file name. */
export const expectExportOf = async (file: Download, dataSet: string, orgUnit: string) => {
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
