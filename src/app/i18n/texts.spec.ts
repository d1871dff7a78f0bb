import { textsFor } from './texts';
import { browserLanguage, languageName, resolveLanguage } from './language';

describe('textsFor', () => {
  const english = { greet: 'Hello {{name}}', bye: 'Goodbye', only: 'Only English' };
  const shipped = { fr: { greet: 'Bonjour {{name}}', bye: 'Au revoir' } };

  it('prefers the database, then the shipped text of the language, then English, then the key', () => {
    const t = textsFor('fr', { bye: 'Salut', greet: '' }, shipped, english);
    expect(t('bye')).toBe('Salut');
    expect(t('greet', { name: 'Awa' })).toBe('Bonjour Awa');
    expect(t('only')).toBe('Only English');
    expect(t('no.such.key')).toBe('no.such.key');
  });

  it('marks only the texts left in English, and none on an English page', () => {
    const t = textsFor('fr_CA', {}, shipped, english);
    expect(t.lang).toBe('fr-CA');
    expect(t.langOf('bye')).toBeNull();
    expect(t.langOf('only')).toBe('en');
    expect(textsFor('en', {}, shipped, english).langOf('only')).toBeNull();
  });
});

describe('resolveLanguage', () => {
  it('takes the choice, else the user\'s language, else the deployment\'s, else English', () => {
    expect(resolveLanguage('sw', 'fr', 'es')).toBe('sw');
    expect(resolveLanguage(null, 'fr', 'es')).toBe('fr');
    expect(resolveLanguage(null, null, 'es')).toBe('es');
    expect(resolveLanguage(null, null, null)).toBe('en');
  });

  it('names a language in itself', () => {
    expect(languageName('fr')).toBe('Français');
    expect(languageName('qqq')).toBe('qqq');
  });
});

describe('browserLanguage', () => {
  it('finds the first preferred language the deployment translates, by region or by base language', () => {
    expect(browserLanguage(['de-DE', 'fr-CA', 'en'], ['en', 'fr', 'sw'])).toBe('fr');
    expect(browserLanguage(['fr-CA'], ['en', 'fr_CA'])).toBe('fr_CA');
    expect(browserLanguage(['de'], ['en', 'fr'])).toBeNull();
    expect(browserLanguage([], ['en'])).toBeNull();
  });
});
