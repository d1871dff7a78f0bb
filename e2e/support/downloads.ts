import type { Download, Page } from '@playwright/test';

/**
 * Starts a download; when the page holds the file for a second choice (its values are all or mostly
 * zeros, as for a place nobody reports from), makes that choice from the keyboard: "Download anyway".
 */
export const downloadAfterSecondChoice = async (page: Page, start: () => Promise<unknown>): Promise<Download> => {
  const saved = page.waitForEvent('download');
  await start();
  const anyway = page.getByRole('button', { name: 'Download anyway' });
  const first = await Promise.race([
    saved.then(() => 'saved' as const),
    anyway.waitFor().then(() => 'held' as const, () => 'saved' as const),
  ]);
  if (first === 'held') await anyway.press('Enter');
  return saved;
};
