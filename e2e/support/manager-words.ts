import type { Page } from '@playwright/test';

/** What a manager reads and presses in each language, as the end-to-end round checks it. */
export interface Words {
  locale: 'en' | 'fr';
  preview: string;
  dryRun: string;
  send: string;
  yes: string;
  cancel: string;
  download: string;
  downloadAnyway: string;
  dont: string;
  wouldAccept: RegExp;
  accepted: RegExp;
  confirmRows: RegExp[];
  heldTitle: string;
  acceptZeros: string;
  logTitle: string;
  logSent: RegExp;
}

export const ENGLISH: Words = {
  locale: 'en',
  preview: 'Preview',
  dryRun: 'Check with DHIS2 (dry run)',
  send: 'Send to DHIS2',
  yes: 'Yes, send to DHIS2',
  cancel: 'Cancel',
  download: 'Download',
  downloadAnyway: 'Download anyway',
  dont: 'Do not download',
  wouldAccept: /^DHIS2 would accept all 6 values\. Nothing was saved\.$/,
  accepted: /^DHIS2 accepted all 6 values\.$/,
  confirmRows: [/Values\s*6, of which 0 are zeros/, /Places\s*2/, /Last check with DHIS2\s*.+: DHIS2 would accept every value\./, /DHIS2\s*127\.0\.0\.1:\d+/, /DHIS2 keeps no undo/],
  heldTitle: 'Check before you download',
  acceptZeros: 'Send them anyway: I know DHIS2 will store each zero as a figure',
  logTitle: 'Recent exports of this data set and month',
  logSent: /^Sent .+ by manager: 6 values, all places; DHIS2: accepted, 6 imported, 0 updated, 0 ignored$/,
};

const NNBSP = '\u202f';
export const FRENCH: Words = {
  locale: 'fr',
  preview: 'Aperçu',
  dryRun: 'Vérifier avec DHIS2 (essai à blanc)',
  send: 'Envoyer à DHIS2',
  yes: 'Oui, envoyer à DHIS2',
  cancel: 'Annuler',
  download: 'Télécharger',
  downloadAnyway: 'Télécharger quand même',
  dont: 'Ne pas télécharger',
  wouldAccept: new RegExp(`^DHIS2 accepterait les 6 valeurs\\. Rien n'a été enregistré\\.$`),
  accepted: /^DHIS2 a accepté les 6 valeurs\.$/,
  confirmRows: [/Valeurs\s*6, dont 0 zéros/, /Lieux\s*2/, new RegExp(`Dernière vérification avec DHIS2\\s*.+${NNBSP}: DHIS2 accepterait toutes les valeurs\\.`), /DHIS2 ne garde aucune annulation/],
  heldTitle: 'Vérifiez avant de télécharger',
  acceptZeros: 'Les envoyer quand même : je sais que DHIS2 enregistrera chaque zéro comme un chiffre'.replace(' :', `${NNBSP}:`),
  logTitle: 'Exports récents de cet ensemble de données et de ce mois',
  logSent: new RegExp(`^Envoyé le .+ par manager${NNBSP}: 6 valeurs, tous les lieux${NNBSP}; DHIS2${NNBSP}: accepté, 6 importées, 0 mises à jour, 0 ignorées$`),
};

/** Tabs forward until the control named `name` has focus, as a keyboard user would. */
export const tabTo = async (page: Page, name: string) => {
  for (let presses = 0; presses < 60; presses++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => (document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '').trim());
    if (focused === name) return;
  }
  throw new Error(`"${name}" was not reached with Tab`);
};

/** The page's text in French, outside what is marked as another language: no English left, French punctuation. */
export const frenchProblems = async (page: Page) =>
  page.locator('#main').evaluate((main) => {
    const problems: string[] = [];
    // nothing left in English but the server's own words under "Technical details"
    for (const english of main.querySelectorAll('[lang="en"]')) {
      if (!english.closest('.error-detail') && english.checkVisibility() && english.textContent!.trim()) problems.push(`Marked English: ${english.textContent!.trim()}`);
    }
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement!;
      if (element.closest('[lang]')?.getAttribute('lang') !== 'fr' || element.closest('code, .visually-hidden, [hidden]')) continue;
      if (!element.checkVisibility()) continue;
      const text = node.textContent!.replace(/[ \t\n\r]+/g, ' ').trim();
      if (!text) continue;
      if (/\b(the|would|values|was|were|not|and|Sent|Checked|Downloaded|Warning|Error|Notice|period|target docs?)\b/.test(text)) problems.push(`English: ${text}`);
      if (/[^\u202f]:(\s|$)|[^\u202f][;!?](\s|$)/.test(text)) problems.push(`French spacing: ${text}`);
    }
    return problems;
  });

