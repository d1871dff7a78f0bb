import moment from 'moment';
import { Action } from '@ngrx/store';
import { firstValueFrom, toArray } from 'rxjs';
import { MESSAGES_FR } from '../domain/messages-fr';
import { useMomentLocale } from '../domain/moment-locales';
import { MedicDb } from '../data-access/medic-db';
import { dhisExportApiActions } from './dhis-export.actions';
import { referenceDataReads } from './reference-data-reads';
import { deferred, fakeDb, fakeSession, now, settled, until } from './reference-data-fakes.spec';

const readAll = (db: MedicDb, session = fakeSession()) => firstValueFrom(referenceDataReads(db, session, now).pipe(toArray()));

describe('referenceDataReads', () => {
  // the settings here are French: the month names are fetched once, and moment goes back to English for the other specs
  beforeAll(() => useMomentLocale('fr'));
  afterEach(() => moment.locale('en'));

  it('reads settings, the locale translations and places, and checks permission', async () => {
    const db = fakeDb();
    const actions = await readAll(db);
    expect(db.getTranslations).toHaveBeenCalledWith('fr');
    const { settings } = actions.find(
      (action): action is ReturnType<typeof dhisExportApiActions.settingsLoaded> =>
        action.type === dhisExportApiActions.settingsLoaded.type,
    )!;
    expect(settings.locale).toBe('fr');
    expect(settings.dataSets).toEqual([{ id: 'ds1', translation_key: 'ds.one' }]);
    expect(settings.permitted).toBeTrue();
    expect(settings.periodChoices!.Monthly.periods.length).toBe(12);
    expect(settings.periodChoices!.Monthly.periods[0]).toEqual({ value: '202406', label: 'juin 2024' }, 'in the settings\' locale, French');
    expect(settings.periodChoices!.Monthly.preselected).toBe('202405');
    expect(settings.periodChoices!.Quarterly.preselected).toBe('2024Q1');
    expect(settings.periodChoices!.Yearly.periods.map(({ value }) => value)).toEqual(['2024', '2023', '2022']);
    expect(db.getTranslations).toHaveBeenCalledWith('en');
    expect(actions).toContain(
      dhisExportApiActions.translationsLoaded({
        messages: { a: 'generic', b: 'custom' },
        englishMessages: { a: 'generic', b: 'custom' },
        shippedMessages: MESSAGES_FR,
      }),
    );
    expect(db.getDocs).toHaveBeenCalledWith(['district']);
    expect(actions).toContain(dhisExportApiActions.placesLoaded({ places: [{ orgUnit: 'ou-1', name: 'Place', parent: 'District' }] }));
    expect(actions.length).toBe(3);
  });

  it('starts the places and settings reads together, and the translations as soon as the settings arrive', async () => {
    const settings = deferred<object>();
    const places = deferred<object[]>();
    const db = fakeDb({
      getSettings: jasmine.createSpy().and.returnValue(settings.promise),
      getPlacesWithOrgUnits: jasmine.createSpy().and.returnValue(places.promise),
    });
    const emitted: Action[] = [];
    referenceDataReads(db, fakeSession(), now).subscribe((action) => emitted.push(action));

    expect(db.getSettings).toHaveBeenCalledTimes(1);
    expect(db.getPlacesWithOrgUnits).toHaveBeenCalledTimes(1);
    expect(db.getTranslations).not.toHaveBeenCalled();

    settings.resolve({ locale: 'fr', dhis_data_sets: [{ id: 'ds1' }] });
    await until(() => emitted.length >= 2);
    // the translations do not wait for the places
    expect((db.getTranslations as jasmine.Spy).calls.allArgs()).toEqual([['fr'], ['en']]);
    expect(emitted.map((a) => a.type)).toEqual([
      dhisExportApiActions.settingsLoaded.type,
      dhisExportApiActions.translationsLoaded.type,
    ]);

    places.resolve([{ _id: 'p', name: 'Place', dhis: { orgUnit: 'ou-1' } }]);
    await settled();
    expect(emitted.map((a) => a.type)).toEqual([
      dhisExportApiActions.settingsLoaded.type,
      dhisExportApiActions.translationsLoaded.type,
      dhisExportApiActions.placesLoaded.type,
    ]);
    expect(db.getSettings).toHaveBeenCalledTimes(1);
  });

  it('delivers places that arrive before the settings', async () => {
    const settings = deferred<object>();
    const db = fakeDb({ getSettings: jasmine.createSpy().and.returnValue(settings.promise) });
    const emitted: Action[] = [];
    referenceDataReads(db, fakeSession(), now).subscribe((action) => emitted.push(action));
    await settled();
    expect(emitted.map((a) => a.type)).toEqual([dhisExportApiActions.placesLoaded.type]);
    settings.resolve({});
    await settled();
    expect(db.getTranslations).toHaveBeenCalledOnceWith('en');
    expect(emitted.length).toBe(3);
  });

  it('offers the places without their parents\' names when the parents cannot be read', async () => {
    const db = fakeDb({ getDocs: jasmine.createSpy().and.rejectWith({ status: 500, reason: 'down' }) });
    const actions = await readAll(db, fakeSession());
    expect(actions).toContain(dhisExportApiActions.placesLoaded({ places: [{ orgUnit: 'ou-1', name: 'Place' }] }));
  });

  it('reports a failed places read on its own, leaving the settings and translations', async () => {
    const db = fakeDb({ getPlacesWithOrgUnits: jasmine.createSpy().and.rejectWith({ status: 403, reason: 'forbidden' }) });
    const actions = await readAll(db, fakeSession(['chw']));
    expect(actions).toContain(dhisExportApiActions.placesLoadFailed({ status: 403, error: 'forbidden' }));
    expect(actions.map((a) => a.type)).toContain(dhisExportApiActions.translationsLoaded.type);
  });

  it('ends the load when the settings cannot be read', async () => {
    const db = fakeDb({ getSettings: jasmine.createSpy().and.rejectWith({ status: 500, reason: 'down' }) });
    await expectAsync(readAll(db)).toBeRejectedWith(jasmine.objectContaining({ status: 500 }));
    expect(db.getTranslations).not.toHaveBeenCalled();
  });

  it('ends the whole load when the session expired during the places read', async () => {
    const settings = deferred<object>();
    const db = fakeDb({
      getSettings: jasmine.createSpy().and.returnValue(settings.promise),
      getPlacesWithOrgUnits: jasmine.createSpy().and.rejectWith({ status: 401, reason: 'You are not authorized' }),
    });
    const result = readAll(db);
    await expectAsync(result).toBeRejectedWith(jasmine.objectContaining({ status: 401 }));
    settings.resolve({});
    await settled();
    expect(db.getTranslations).not.toHaveBeenCalled();
  });
});
