import { Router } from 'express';
import { localeOf, type AppSettings } from '../settings/app-settings';
import { translationsOf, type TranslationsDoc } from '../settings/translations';

/**
 * The texts a page shows before anyone logs in (the login page and the frame), in any language
 * the database translates: nothing else of the translations, and nothing else of the database.
 */
export const PUBLIC_TEXT_KEYS = new Set([
  'User Name', 'Password', 'login', 'login.incorrect', 'login.missing.name', 'login.missing.password', 'login.unavailable', 'login.title',
  'login.expired', 'logout', 'error.prefix',
  'import.export', 'admin.console', 'skip.link', 'logged.in.as', 'export.tabs.label', 'error.summary.title', 'language.label',
]);

const LOCALE = /^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*$/;

export interface PublicTexts {
  /** The language these texts are for. */
  locale: string;
  /** The deployment's language (the settings' `locale`), for a user who has not chosen one. */
  defaultLocale: string;
  /** The settings' `locale` when the deployment sets one; null when it does not, so the browser's language may decide. */
  deploymentLocale: string | null;
  /** Languages with a translations doc. */
  languages: string[];
  messages: Record<string, string>;
}

const isNotFound = (error: unknown) => (error as { status?: number }).status === 404;

export const readPublicTexts = async (db: PouchDB.Database, requested: unknown): Promise<PublicTexts> => {
  const settingsDoc = await db.get<{ settings?: unknown }>('settings').catch(error => (isNotFound(error) ? {} as { settings?: unknown } : Promise.reject(error)));
  const settings = (typeof settingsDoc.settings === 'object' && settingsDoc.settings !== null ? settingsDoc.settings : {}) as AppSettings;
  const defaultLocale = localeOf(settings);
  const { rows } = await db.allDocs({ startkey: 'messages-', endkey: 'messages-\ufff0' });
  const languages = rows.map(row => row.id.slice('messages-'.length)).filter(code => LOCALE.test(code));
  const locale = typeof requested === 'string' && LOCALE.test(requested) ? requested : defaultLocale;
  const doc = await db.get<TranslationsDoc>(`messages-${locale}`).catch(error => (isNotFound(error) ? undefined : Promise.reject(error)));
  const messages = Object.fromEntries(Object.entries(translationsOf(doc)).filter(([key, text]) => PUBLIC_TEXT_KEYS.has(key) && text.trim() !== ''));
  const deploymentLocale = typeof settings.locale === 'string' && settings.locale !== '' ? settings.locale : null;
  return { locale, defaultLocale, deploymentLocale, languages, messages };
};

/** `GET /api/v2/texts?locale=fr`: open to everyone, as the login page needs it. */
export const publicTextsRouter = (db: PouchDB.Database) => {
  const router = Router();
  router.get('/api/v2/texts', async (req, res) => {
    res.set('Cache-Control', 'no-cache');
    res.json(await readPublicTexts(db, req.query['locale']));
  });
  return router;
};
