import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { type AppSettings, type E2eUser, baselineSettings, putSettings, seedDeployment } from './deployment';

export { expect };

/** The settings doc, changed for one test and put back afterwards. */
export interface SettingsControl {
  change(update: (settings: AppSettings) => AppSettings): Promise<void>;
}

export interface ExportPage {
  /** Logs in through the CouchDB session API (the browser gets the AuthSession cookie) and opens the DHIS2 tab. */
  openAs(user: E2eUser): Promise<void>;
  readonly dataSet: Locator;
  /** The place combobox `#dhis-place`: its value is the chosen place's label (see `placeLabel`), or "All Places". */
  readonly place: Locator;
  /** `#dhis-place-listbox`, the combobox's list (hidden while collapsed). */
  readonly placeList: Locator;
  /** The options of the place list: "All Places" first unless a query leaves it out. */
  readonly placeOptions: Locator;
  /** `#dhis-place-search-result`, the polite live region that says how many places match what is typed. */
  readonly placeResult: Locator;
  /** Opens the place list as a keyboard user would: focus the field, then Alt+ArrowDown. */
  openPlaceList(): Promise<void>;
  /**
   * Chooses a place as a keyboard user would: focus the field, type `text` in place of what it
   * shows, wait until the active option is `label` (by default: an option holding every word of
   * `text`), press Enter. The list closes and the field shows the label. Returns the label chosen.
   */
  choosePlace(text: string, label?: string): Promise<string>;
  /** The chosen place's label, as the field shows it when nobody is typing in it. */
  chosenPlace(): Promise<string>;
  /**
   * The field's aria-activedescendant points at the option `label` (a RegExp: whose text matches),
   * which is the one option marked aria-selected="true".
   */
  expectActivePlace(label: string | RegExp): Promise<void>;
  readonly period: Locator;
  readonly download: Locator;
  readonly status: Locator;
  readonly alert: Locator;
}

export const test = base.extend<{ settings: SettingsControl; exportPage: ExportPage }, { deployment: void }>({
  // Written once per worker; a worker started after a failure writes it again, so a broken test
  // cannot leave its data behind for the next one.
  deployment: [async ({}, use) => {
    await seedDeployment();
    await use();
  }, { scope: 'worker', auto: true }],

  settings: async ({}, use) => {
    let changed = false;
    await use({
      change: async (update) => {
        changed = true;
        await putSettings(update(baselineSettings()));
      },
    });
    if (changed) await putSettings(baselineSettings());
  },

  exportPage: async ({ page }, use) => {
    await use(exportPageOf(page));
  },
});

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Text holding every word of `query`, in any order and case, as the place search matches. */
const allWordsOf = (query: string) =>
  new RegExp(`^${query.trim().split(/\s+/).map((word) => `(?=.*${escapeRegExp(word)})`).join('')}`, 'is');
const normalized = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

export const exportPageOf = (page: Page): ExportPage => {
  const place = page.locator('#dhis-place');
  const placeList = page.locator('#dhis-place-listbox');
  const placeOptions = placeList.locator('[role="option"]');

  /** The active option: its text, and whether it (and only it) is marked aria-selected. */
  const activeOption = async () => {
    const id = await place.getAttribute('aria-activedescendant');
    if (!id) return { activedescendant: null };
    const option = page.locator(`[id="${id}"]`);
    return {
      activedescendant: id,
      role: await option.getAttribute('role', { timeout: 1_000 }).catch(() => null),
      text: normalized(await option.textContent({ timeout: 1_000 }).catch(() => null)),
      ariaSelected: await option.getAttribute('aria-selected', { timeout: 1_000 }).catch(() => null),
      optionsSelected: await placeOptions.and(page.locator('[aria-selected="true"]')).count(),
    };
  };
  const expectActivePlace = async (label: string | RegExp) => {
    await expect.poll(activeOption, { message: `the active place option is ${label}` }).toEqual({
      activedescendant: expect.any(String),
      role: 'option',
      text: typeof label === 'string' ? label : expect.stringMatching(label),
      ariaSelected: 'true',
      optionsSelected: 1,
    });
  };

  return {
    openAs: async (user) => {
      const response = await page.request.post('/_session', { data: { name: user.name, password: user.password } });
      expect(response.status(), `log in as ${user.name}`).toBe(200);
      await page.goto('/admin/export/dhis');
      // the header names the user, in whatever language the page speaks
      await expect(page.getByRole('banner').locator('.user-name strong')).toHaveText(user.name);
    },
    dataSet: page.locator('#dhis-data-set'),
    place,
    placeList,
    placeOptions,
    placeResult: page.locator('#dhis-place-search-result'),
    openPlaceList: async () => {
      await place.focus();
      if ((await place.getAttribute('aria-expanded')) !== 'true') await page.keyboard.press('Alt+ArrowDown');
      await expect(place).toHaveAttribute('aria-expanded', 'true');
      await expect(placeList).toBeVisible();
    },
    choosePlace: async (text, label) => {
      await place.focus();
      await page.keyboard.press('ControlOrMeta+a'); // focus selects the text already; so does this, wherever the caret was
      await page.keyboard.type(text);
      await expect(place).toHaveAttribute('aria-expanded', 'true');
      await expectActivePlace(label ?? allWordsOf(text));
      const chosen = (await activeOption()).text!;
      await page.keyboard.press('Enter');
      await expect(place).toHaveAttribute('aria-expanded', 'false');
      await expect(place).toHaveValue(chosen);
      return chosen;
    },
    chosenPlace: () => place.inputValue(),
    expectActivePlace,
    period: page.locator('#dhis-period'),
    download: page.getByRole('button', { name: 'Download' }),
    status: page.getByRole('status'),
    alert: page.getByRole('alert'),
  };
};

/** Fills the login form with the mouse and keyboard as a user would. */
export const logIn = async (page: Page, user: { name: string; password: string }) => {
  await page.getByLabel('User name').fill(user.name);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Login' }).click();
};
