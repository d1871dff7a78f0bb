import { MONTHLY, QUARTERLY, USERS } from './support/deployment';
import { expect, test } from './support/fixtures';

test('with the settings locale "fr" the form shows the French texts of the messages-fr doc', async ({ page, exportPage, settings }) => {
  await settings.change((current) => ({ ...current, locale: 'fr' }));
  await exportPage.openAs(USERS.manager);

  const dataSet = page.getByLabel('Ensemble de données DHIS2');
  await expect(dataSet).toHaveAttribute('id', 'dhis-data-set');
  await expect(dataSet.locator('option')).toHaveText([MONTHLY.nameFr, QUARTERLY.nameFr]);
  await expect(page.getByText('Sélectionnez parmi les intégrations DHIS2 disponibles.')).toBeVisible();
  await expect(dataSet).toHaveAccessibleDescription('Sélectionnez parmi les intégrations DHIS2 disponibles.');
  const place = page.getByRole('combobox', { name: 'Filtrer par Place' });
  await expect(place).toHaveAttribute('id', 'dhis-place');
  await expect(place).toHaveValue('Toutes les Places');
  await exportPage.openPlaceList();
  await expect(page.getByRole('listbox', { name: 'Filtrer par Place' }).getByRole('option').first()).toHaveText('Toutes les Places');
  await page.keyboard.press('Escape');
  await expect(page.getByLabel('Filtrer par période')).toHaveAttribute('id', 'dhis-period');
  await expect(page.getByRole('button', { name: 'Télécharger' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Download', exact: true })).toHaveCount(0);
  // marked as French for screen readers and spell checkers
  await expect(page.locator('.dhis-export')).toHaveAttribute('lang', 'fr');
});

test('with the settings locale "fr" and no data sets, the unconfigured notice is French', async ({ page, exportPage, settings }) => {
  await settings.change((current) => ({ ...current, locale: 'fr', dhis_data_sets: [] }));
  await exportPage.openAs(USERS.manager);
  await expect(page.locator('#dhis-unconfigured')).toHaveText("L'intégration DHIS2 n'est pas configurée.");
});
