import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { MONTHLY, USERS, putDocs } from './support/deployment';
import { expect, test } from './support/fixtures';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const violationsOf = async (page: Page) => {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return violations.map(({ id, help, nodes }) => ({ id, help, targets: nodes.map(({ target }) => target.join(' ')) }));
};

/** "octobre 2026": last month as a French reader names it. */
const lastMonthInFrench = () => {
  const now = new Date();
  const month = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return `${month.toLocaleString('fr', { month: 'long' })} ${month.getFullYear()}`;
};

const logInWith = async (page: Page, user: { name: string; password: string }, labels: { name: string; password: string }) => {
  await page.getByLabel(labels.name).fill(user.name);
  await page.getByLabel(labels.password).fill(user.password);
  await page.keyboard.press('Enter');
};

test('a French deployment is French from the login page to the saved file', async ({ page, settings }) => {
  await settings.change((current) => ({ ...current, locale: 'fr' }));
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: "Se connecter à la console d'administration" })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByLabel('Langue')).toHaveValue('fr');
  expect(await violationsOf(page)).toEqual([]);

  await logInWith(page, USERS.manager, { name: "Nom d'utilisateur", password: 'Mot de passe' });
  await expect(page.getByRole('heading', { name: 'Importer & exporter', level: 1 })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('Connecté en tant que');
  await expect(page.getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
  const period = page.getByLabel('Filtrer par période');
  await expect(period.locator('option:checked')).toHaveText(lastMonthInFrench());
  await expect(page.getByLabel('Ensemble de données DHIS2')).toHaveValue(MONTHLY.id);
  expect(await violationsOf(page)).toEqual([]);

  const saved = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Télécharger' }).click();
  const file = await saved;
  await expect(page.getByRole('status')).toContainText(`Export enregistré sous ${file.suggestedFilename()}.`);
});

test('a language chosen in the header holds for the session, and every text follows it', async ({ page, exportPage }) => {
  await exportPage.openAs(USERS.manager);
  await expect(exportPage.download).toHaveText('Download');
  await page.getByLabel('Language').selectOption('fr');
  await expect(page.getByRole('button', { name: 'Télécharger' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
  await expect(page.getByLabel('Filtrer par période').locator('option:checked')).toHaveText(lastMonthInFrench());
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');

  await page.reload();
  await expect(page.getByRole('button', { name: 'Télécharger' })).toBeVisible();
  await page.getByLabel('Langue').selectOption('en');
  await expect(page.getByRole('button', { name: 'Download' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('the user\'s own language (their user-settings doc) wins over the deployment\'s', async ({ page, exportPage }) => {
  await putDocs([{ _id: `org.couchdb.user:${USERS.manager.name}`, type: 'user-settings', name: USERS.manager.name, language: 'fr' } as { _id: string }]);
  try {
    await exportPage.openAs(USERS.manager);
    await expect(page.getByRole('button', { name: 'Télécharger' })).toBeVisible();
    await expect(page.getByLabel('Langue')).toHaveValue('fr');
  } finally {
    await putDocs([{ _id: `org.couchdb.user:${USERS.manager.name}`, _deleted: true } as { _id: string }]);
  }
});

test('texts a translation leaves empty show in English, marked as English, never blank', async ({ page, exportPage, settings }) => {
  await settings.change((current) => ({ ...current, locale: 'hi' }));
  await exportPage.openAs(USERS.manager);
  const label = page.locator('label[for="dhis-data-set"]');
  await expect(label).toHaveText('DHIS2 Data Set');
  await expect(label).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('button', { name: 'डाउनलोड' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'डाउनलोड' })).not.toHaveAttribute('lang', /.+/);
  await expect(page.locator('.dhis-export')).toHaveAttribute('lang', 'hi');
  await expect(exportPage.dataSet.locator('option').first()).toHaveText(MONTHLY.name);
  expect(await violationsOf(page)).toEqual([]);
});
