import { TestBed } from '@angular/core/testing';
import { ExportPreferencesStore } from './export-preferences';

describe('ExportPreferencesStore', () => {
  let store: ExportPreferencesStore;

  beforeEach(() => {
    sessionStorage.removeItem('cht-dhis-export.preferences');
    store = TestBed.inject(ExportPreferencesStore);
  });
  afterEach(() => sessionStorage.removeItem('cht-dhis-export.preferences'));

  it('keeps the choices for the browser session', () => {
    expect(store.read()).toBeNull();
    store.save({ format: 'csv', omitZeros: true });
    expect(store.read()).toEqual({ format: 'csv', omitZeros: true });
    expect(TestBed.inject(ExportPreferencesStore).read()).toEqual({ format: 'csv', omitZeros: true });
  });

  it('ignores what it did not write', () => {
    for (const junk of ['{', '"csv"', '{"format":"pdf","omitZeros":true}', '{"format":"csv","omitZeros":"yes"}']) {
      sessionStorage.setItem('cht-dhis-export.preferences', junk);
      expect(store.read()).withContext(junk).toBeNull();
    }
  });
});
