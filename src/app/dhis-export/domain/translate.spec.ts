import { MESSAGES_FR } from './messages-fr';
import { DEFAULT_MESSAGES, dataSetOptions, hasShippedMessages, loadShippedMessages, messagesFromDoc, translate, translator } from './translate';

describe('translate', () => {
  it('prefers the database text, then the built-in English, then the key', () => {
    const messages = { 'export.dhis.place.label': 'Filtrer par Place' };
    expect(translate(messages, 'export.dhis.place.label')).toBe('Filtrer par Place');
    expect(translate(messages, 'export.dhis.period.label')).toBe('Filter by period');
    expect(translate(messages, 'no.such.key')).toBe('no.such.key');
  });

  it('fills {{placeholders}}', () => {
    expect(translate({}, 'export.dhis.status.saved', { filename: 'dhis-a-202401.json' })).toBe(
      'Export saved as dhis-a-202401.json.',
    );
  });

  it('has the CHT short labels as English defaults', () => {
    expect(DEFAULT_MESSAGES['export.dhis.dataset.label']).toBe('DHIS2 Data Set');
    expect(DEFAULT_MESSAGES['export.dhis.place.all']).toBe('All Places');
    expect(DEFAULT_MESSAGES['export.button.download']).toBe('Download');
    expect(DEFAULT_MESSAGES['export.dhis.unconfigured']).toBe('DHIS2 integration is not configured.');
  });
});

describe('messagesFromDoc', () => {
  it('lets custom win over generic', () => {
    const messages = messagesFromDoc({
      _id: 'messages-fr',
      generic: { a: 'generic a', b: 'generic b' },
      custom: { b: 'custom b' },
    });
    expect(messages).toEqual({ a: 'generic a', b: 'custom b' });
  });

  it('leaves out texts that are empty or not text, so the English shows', () => {
    const messages = messagesFromDoc({
      _id: 'messages-hi',
      generic: { a: '', b: 5, c: null, d: 'डाउनलोड', e: '  ' } as never,
      custom: 'broken' as never,
    });
    expect(messages).toEqual({ d: 'डाउनलोड' });
    expect(translate(messagesFromDoc({ _id: 'm', generic: { 'export.button.download': '' } }), 'export.button.download')).toBe('Download');
  });

  it('is empty without a doc', () => {
    expect(messagesFromDoc(null)).toEqual({});
  });
});

describe('loadShippedMessages', () => {
  it('loads this page\'s French when needed, and nothing for English or a language it does not ship', async () => {
    expect(await loadShippedMessages('fr_CA')).toBe(MESSAGES_FR);
    expect(await loadShippedMessages('en')).toEqual({});
    expect(await loadShippedMessages('sw')).toEqual({});
    expect(hasShippedMessages('fr')).toBeTrue();
    expect(hasShippedMessages('sw')).toBeFalse();
  });
});

describe('translator', () => {
  it('speaks the page\'s own French, and the database\'s English for keys the language lacks, marking what stays English', () => {
    const t = translator({ 'export.dhis.place.label': 'Filtrer par Place' }, 'fr', { 'ds.monthly': 'Monthly indicators' }, MESSAGES_FR);
    expect(t('export.dhis.place.label')).toBe('Filtrer par Place');
    expect(t('export.button.download')).toBe('Télécharger');
    expect(t('ds.monthly')).toBe('Monthly indicators');
    expect(t.langOf('export.button.download')).toBeNull();
    expect(t.langOf('ds.monthly')).toBe('en');
    expect(translator({}, 'sw').langOf('export.button.download')).toBe('en');
    expect(translator({}, 'en').langOf('export.button.download')).toBeNull();
  });
});

describe('dataSetOptions', () => {
  it('names data sets by their translation key, keeping their order', () => {
    const options = dataSetOptions(
      [{ id: 'b', translation_key: 'ds.b' }, { id: 'a', translation_key: 'ds.a' }, { id: 'c' }],
      translator({ 'ds.b': 'Monthly B' }),
    );
    expect(options).toEqual([
      { id: 'b', name: 'Monthly B' },
      { id: 'a', name: 'ds.a' },
      { id: 'c', name: 'c' },
    ]);
  });
});
