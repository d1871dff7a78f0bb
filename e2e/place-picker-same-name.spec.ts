import { MONTHLY, ORG_UNITS, USERS, putDocs, villagesDataSet } from './support/deployment';
import { expect, test } from './support/fixtures';
import { placeLabel } from './support/places';
import { downloadAfterSecondChoice } from './support/downloads';
import { expectExportOf } from './support/place-picker';

/** The place picker: places of the same name told apart. */
test.beforeEach(async ({ exportPage, settings }) => {
  await settings.change((current) => ({ ...current, dhis_data_sets: [...current.dhis_data_sets!, villagesDataSet] }));
  await exportPage.openAs(USERS.manager);
  await expect(exportPage.dataSet).toHaveValue(MONTHLY.id);
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
