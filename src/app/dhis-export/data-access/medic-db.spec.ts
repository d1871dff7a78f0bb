import { TestBed } from '@angular/core/testing';
import { CONTACTS_BY_DHIS_ORGUNIT, MEDIC_DATABASE, MedicDatabase, MedicDb } from './medic-db';

describe('MedicDb', () => {
  let db: jasmine.SpyObj<MedicDatabase>;
  let medicDb: MedicDb;

  beforeEach(() => {
    db = jasmine.createSpyObj<MedicDatabase>('db', ['get', 'query', 'allDocs']);
    TestBed.configureTestingModule({ providers: [{ provide: MEDIC_DATABASE, useValue: db }] });
    medicDb = TestBed.inject(MedicDb);
  });

  it('returns the settings field of the settings doc', async () => {
    db.get.and.resolveTo({ _id: 'settings', settings: { locale: 'fr' } } as never);
    expect(await medicDb.getSettings()).toEqual({ locale: 'fr' });
    expect(db.get).toHaveBeenCalledWith('settings');
  });

  it('reads messages-<locale>', async () => {
    const doc = { _id: 'messages-fr', type: 'translations', generic: { a: 'b' } };
    db.get.and.resolveTo(doc as never);
    expect(await medicDb.getTranslations('fr')).toEqual(doc);
    expect(db.get).toHaveBeenCalledWith('messages-fr');
  });

  it('treats a missing translations doc as none', async () => {
    db.get.and.rejectWith({ status: 404, name: 'not_found' });
    expect(await medicDb.getTranslations('sw')).toBeNull();
  });

  it('passes on other errors', async () => {
    db.get.and.rejectWith({ status: 401, name: 'unauthorized' });
    await expectAsync(medicDb.getTranslations('sw')).toBeRejectedWith(jasmine.objectContaining({ status: 401 }));
  });

  it('queries the org-unit view with docs', async () => {
    db.query.and.resolveTo({
      rows: [
        { id: 'a', key: 'ou-a', doc: { _id: 'a', name: 'A', dhis: { orgUnit: 'ou-a' } } },
        { id: 'gone', key: 'ou-x', doc: null },
      ],
    } as never);
    expect(await medicDb.getPlacesWithOrgUnits()).toEqual([{ _id: 'a', name: 'A', dhis: { orgUnit: 'ou-a' } }]);
    expect(db.query).toHaveBeenCalledWith(CONTACTS_BY_DHIS_ORGUNIT, { include_docs: true });
  });

  it('reads the parents by key, leaving out those missing or deleted, and asks nothing for none', async () => {
    db.allDocs.and.resolveTo({
      rows: [{ key: 'district', doc: { _id: 'district', name: 'District' } }, { key: 'gone', doc: null }, { key: 'never' }],
    } as never);
    expect(await medicDb.getDocs(['district', 'gone', 'never'])).toEqual([{ _id: 'district', name: 'District' }]);
    expect(db.allDocs).toHaveBeenCalledWith({ keys: ['district', 'gone', 'never'], include_docs: true });
    db.allDocs.calls.reset();
    expect(await medicDb.getDocs([])).toEqual([]);
    expect(db.allDocs).not.toHaveBeenCalled();
  });
});
