import AxeBuilder from '@axe-core/playwright';
import { test, expect, type Page } from '@playwright/test';
import { startDhis2StandIn, type Dhis2StandIn } from '../server/test/dhis2-stand-in';
import { DEFAULT_COC, importMetadataOf, type StandInCatalogue } from '../server/test/dhis2-stand-in-metadata';
import { MONTHLY, ORG_UNITS, USERS, dhisPeriod, monthStart, periodLabel } from './support/deployment';
import { exportPageOf } from './support/fixtures';
import { startSendingServer } from './support/sending-server';
import type { ZonedServer } from './support/zoned-server';

/**
 * A manager compares the month with DHIS2 (a stand-in: DHIS2 itself cannot run here) before sending,
 * and sees the DHIS2 figure the send would replace with 0.
 */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const TOKEN = 'd2pat_e2eStandIn000000000000000002';
const BEFORE = monthStart(2);

const catalogue: StandInCatalogue = {
  dataSets: {
    [MONTHLY.id]: {
      name: 'CHW monthly report',
      periodType: 'Monthly',
      dataSetElements: [{ dataElement: 'deBirths0001' }, { dataElement: 'deDeliver001' }, { dataElement: 'deHhVisit01' }],
      organisationUnits: [ORG_UNITS.district.id, ORG_UNITS.north.id, ORG_UNITS.south.id],
    },
  },
  dataElements: {
    deBirths0001: { name: 'Live births', valueType: 'INTEGER_ZERO_OR_POSITIVE', zeroIsSignificant: true },
    deDeliver001: { name: 'Facility deliveries', valueType: 'INTEGER_ZERO_OR_POSITIVE', categoryCombo: 'ccPlace0001' },
    deHhVisit01: { name: 'Households visited', valueType: 'INTEGER_ZERO_OR_POSITIVE' },
  },
  categoryCombos: { ccPlace0001: { cocFacility: 'Facility' } },
  orgUnits: { [ORG_UNITS.district.id]: 'Central District', [ORG_UNITS.north.id]: 'North HC', [ORG_UNITS.south.id]: 'South HC' },
};

const violationsOf = async (page: Page) => {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, targets: nodes.map(({ target }) => target.join(' ')) }));
};

test.describe('comparing with DHIS2 before sending', () => {
  let dhis2: Dhis2StandIn;
  let server: ZonedServer;

  test.beforeAll(async () => {
    dhis2 = await startDhis2StandIn({ token: TOKEN, version: '2.43.0', metadata: importMetadataOf(catalogue), catalogue });
    // DHIS2 already holds the month: South's 6 births (the CHT now has none), the district's 10 visits (now 14)
    dhis2.stored.set(`${ORG_UNITS.south.id}/deBirths0001/${DEFAULT_COC}/${dhisPeriod(BEFORE)}`, 6);
    dhis2.stored.set(`${ORG_UNITS.north.id}/deBirths0001/${DEFAULT_COC}/${dhisPeriod(BEFORE)}`, 1);
    dhis2.stored.set(`${ORG_UNITS.district.id}/deHhVisit01/${DEFAULT_COC}/${dhisPeriod(BEFORE)}`, 10);
    server = await startSendingServer(dhis2.url, TOKEN);
  });

  test.afterAll(async () => {
    await server?.stop();
    await dhis2?.close();
  });

  test('a manager previews the month, sees the DHIS2 figure that would become 0, and the confirmation repeats the counts', async ({ browser }) => {
    const context = await browser.newContext({ baseURL: server.url });
    try {
      const page = await context.newPage();
      const exportPage = exportPageOf(page);
      await exportPage.openAs(USERS.manager);
      await exportPage.period.selectOption({ label: periodLabel(BEFORE) });
      await page.getByRole('button', { name: 'Preview', exact: true }).click();

      // compared by itself after the preview, as sending is configured
      const compare = page.getByRole('region', { name: 'Compare with DHIS2' });
      await expect(compare.getByRole('status')).toContainText(`Compared with DHIS2 at ${new URL(dhis2.url).host} (version 2.43.0).`);
      await expect(compare.getByRole('status')).toContainText('What a send would change: 2 new, 1 changed, 1 would become 0, 5 unchanged.');
      const table = compare.getByRole('table', { name: 'Figures in DHIS2 a send would replace' });
      await expect(table.getByRole('columnheader')).toHaveText(['Place', 'Data element', 'In DHIS2 now', 'After the send']);
      const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim() ?? '')));
      expect(rows).toEqual([
        [`South HC (in the CHT: ${ORG_UNITS.south.name}) · ${ORG_UNITS.south.id}`, 'Live births (in the CHT: births-this-month) · deBirths0001', '6', '0 — would become 0'],
        [`Central District (in the CHT: ${ORG_UNITS.district.name}) · ${ORG_UNITS.district.id}`, 'Households visited (in the CHT: households-visited) · deHhVisit01', '10', '14'],
      ]);
      await expect(compare.getByRole('list', { name: /DHIS2 checks/ })).toHaveCount(0);
      await expect(compare).toContainText("DHIS2's settings for this data set raise no problem.");
      expect(await violationsOf(page)).toEqual([]);

      // the send confirmation repeats what the send would change
      const send = page.getByRole('region', { name: 'Send to DHIS2' });
      await expect(send.getByRole('button', { name: 'Send to DHIS2' })).toBeEnabled();
      await send.getByRole('button', { name: 'Send to DHIS2' }).click();
      const confirmation = send.getByRole('group');
      await expect(confirmation).toContainText('Compared with DHIS2: 2 new, 1 changed, 1 would become 0, 5 unchanged.');
      await confirmation.getByRole('button', { name: 'Cancel' }).click();
      expect(dhis2.received).toEqual([]);

      // DHIS2 refuses the token: the compare says so, the rest of the page works
      dhis2.options.token = 'another-token';
      await compare.getByRole('button', { name: 'Compare with DHIS2' }).click();
      await expect(compare.locator('[data-code="dhis2-credentials"]')).toContainText("DHIS2 did not accept this server's credentials");
      await expect(page.getByRole('button', { name: 'Download' })).toBeEnabled();
    } finally {
      dhis2.options.token = TOKEN;
      await context.close();
    }
  });
});
