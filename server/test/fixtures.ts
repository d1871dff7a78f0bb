import { readFileSync } from 'node:fs';
import path from 'node:path';

const FIXTURES = path.resolve(__dirname, '../../fixtures');

/** The CHT's own default app settings, unchanged. */
export const chtDefaultSettings = () =>
  JSON.parse(readFileSync(path.join(FIXTURES, 'cht-default-app_settings.json'), 'utf8')) as Record<string, unknown>;

/** The CHT's UI strings for this page, as `messages-<locale>` docs like a real CHT database holds. */
export const chtTranslationDocs = () => {
  const byLocale = JSON.parse(readFileSync(path.join(FIXTURES, 'cht-translations-export-dhis.json'), 'utf8')) as Record<string, Record<string, string>>;
  return Object.entries(byLocale).map(([code, generic]) => ({ _id: `messages-${code}`, type: 'translations', code, generic, custom: {} }));
};
