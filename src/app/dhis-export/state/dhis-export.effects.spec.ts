import { Router } from '@angular/router';
import moment from 'moment';
import { MESSAGES_FR } from '../domain/messages-fr';
import { useMomentLocale } from '../domain/moment-locales';
import { Action, Store } from '@ngrx/store';
import { firstValueFrom, of, Subject, toArray } from 'rxjs';
import { Actions } from '@ngrx/effects';
import { DhisExportApi, DhisExportError, DhisExportFile } from '../data-access/dhis-export-api';
import { ExportSession } from '../data-access/export-session';
import { FileSave } from '../data-access/file-save';
import { MedicDb } from '../data-access/medic-db';
import { DhisExportRequest } from '../domain/models';
import { dhisExportApiActions, dhisExportPageActions } from './dhis-export.actions';
import {
  REFRESH_MIN_INTERVAL_MS,
  exportDhis,
  loadReferenceData,
  refreshReferenceData,
  referenceDataReads,
  rememberPreferences,
  restorePreferences,
  returnToLoginWhenSessionExpired,
} from './dhis-export.effects';
import { ExportPreferencesStore } from '../data-access/export-preferences';
import { LoadStatus } from './dhis-export.feature';
import { heldDownloadActions } from '../held-download/held-download.actions';
import { HeldFile } from '../held-download/held-file';

const request: DhisExportRequest = { dataSet: 'ds1', orgUnit: 'ou-1', period: '202405', format: 'json', omitZeros: false };
const now = new Date(2024, 5, 15);

function fakeDb(overrides: Partial<Record<keyof MedicDb, jasmine.Spy>> = {}): MedicDb {
  return {
    getSettings: jasmine.createSpy('getSettings').and.resolveTo({
      locale: 'fr',
      dhis_data_sets: [{ id: 'ds1', translation_key: 'ds.one' }],
      permissions: { can_export_dhis: ['national_admin'] },
    }),
    getTranslations: jasmine
      .createSpy('getTranslations')
      .and.resolveTo({ _id: 'messages-fr', generic: { a: 'generic', b: 'generic' }, custom: { b: 'custom' } }),
    getPlacesWithOrgUnits: jasmine
      .createSpy('getPlacesWithOrgUnits')
      .and.resolveTo([{ _id: 'p', name: 'Place', dhis: { orgUnit: 'ou-1' }, parent: { _id: 'district' } }]),
    getDocs: jasmine.createSpy('getDocs').and.resolveTo([{ _id: 'district', name: 'District' }]),
    ...overrides,
  } as unknown as MedicDb;
}

function fakeSession(roles: string[] = ['national_admin']): jasmine.SpyObj<ExportSession> {
  const session = jasmine.createSpyObj<ExportSession>('session', ['roles', 'expired']);
  session.roles.and.resolveTo(roles);
  return session;
}

const storeWith = (status: LoadStatus) => ({ select: () => of(status) }) as unknown as Store;

/** A promise the test settles when it wants, to order the answers of the fake database. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const settled = () => new Promise((resolve) => setTimeout(resolve));
/** Waits until `done` holds (the month names load between the reads), at most a second. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}
const readAll = (db: MedicDb, session = fakeSession()) => firstValueFrom(referenceDataReads(db, session, now).pipe(toArray()));

// the settings here are French: the month names are fetched once, and moment goes back to English for the other specs
beforeAll(() => useMomentLocale('fr'));
afterEach(() => moment.locale('en'));

describe('referenceDataReads', () => {
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

describe('loadReferenceData effect', () => {
  it('loads once the reducer marked a load as started', async () => {
    const db = fakeDb();
    const actions$ = of(dhisExportPageActions.opened()) as Actions;
    const actions = await firstValueFrom(
      loadReferenceData(actions$, storeWith('loading'), db, fakeSession(), () => now, of(null)).pipe(toArray()),
    );
    expect(actions.map((a) => a.type).sort()).toEqual(
      [
        dhisExportApiActions.settingsLoaded.type,
        dhisExportApiActions.translationsLoaded.type,
        dhisExportApiActions.placesLoaded.type,
      ].sort(),
    );
  });

  it('reads nothing when already loaded', async () => {
    const db = fakeDb();
    const actions$ = of(dhisExportPageActions.opened()) as Actions;
    const emitted = await firstValueFrom(
      loadReferenceData(actions$, storeWith('loaded'), db, fakeSession(), () => now, of(null)).pipe(toArray()),
    );
    expect(emitted).toEqual([]);
    expect(db.getSettings).not.toHaveBeenCalled();
    expect(db.getPlacesWithOrgUnits).not.toHaveBeenCalled();
  });

  it('reports a failed read with its status, once', async () => {
    const db = fakeDb({
      getSettings: jasmine.createSpy().and.rejectWith({ status: 401, reason: 'You are not authorized' }),
      getPlacesWithOrgUnits: jasmine.createSpy().and.rejectWith({ status: 401, reason: 'You are not authorized' }),
    });
    const actions$ = of(dhisExportPageActions.opened()) as Actions;
    const actions = await firstValueFrom(
      loadReferenceData(actions$, storeWith('loading'), db, fakeSession(), () => now, of(null)).pipe(toArray()),
    );
    expect(actions).toEqual([dhisExportApiActions.referenceDataLoadFailed({ status: 401, error: 'You are not authorized' })]);
  });
});

describe('refreshReferenceData effect', () => {
  const clock = (start: Date) => {
    let at = start.getTime();
    return { now: () => new Date(at), advance: (ms: number) => (at += ms) };
  };

  it('reads settings and places again when the manager returns after a while, with the months of the new date', async () => {
    const db = fakeDb();
    const time = clock(new Date(2026, 10, 30, 18));
    const actions$ = new Subject<Action>();
    const emitted: Action[] = [];
    refreshReferenceData(actions$ as Actions, storeWith('loaded'), db, fakeSession(), time.now, of(null)).subscribe((action) => emitted.push(action));
    actions$.next(dhisExportPageActions.opened());
    actions$.next(dhisExportPageActions.returnedTo());
    await settled();
    expect(db.getSettings).not.toHaveBeenCalled();

    time.advance(14 * 60 * 60 * 1000); // the next morning: 1 December
    actions$.next(dhisExportPageActions.returnedTo());
    actions$.next(dhisExportPageActions.returnedTo());
    await until(() => emitted.some((action) => action.type === dhisExportApiActions.placesLoaded.type) && emitted.length >= 3);
    expect(db.getSettings).toHaveBeenCalledTimes(1);
    const loaded = emitted.find(
      (action): action is ReturnType<typeof dhisExportApiActions.settingsLoaded> => action.type === dhisExportApiActions.settingsLoaded.type,
    )!;
    expect(loaded.settings.periodChoices!.Monthly.periods[0].value).toBe('202612');
    expect(loaded.settings.periodChoices!.Monthly.preselected).toBe('202611');
    expect(emitted.map((action) => action.type)).toContain(dhisExportApiActions.placesLoaded.type);
  });

  it('keeps the places offered when they cannot be read again, and reads nothing before the page has loaded', async () => {
    const db = fakeDb({ getPlacesWithOrgUnits: jasmine.createSpy().and.rejectWith({ status: 500, reason: 'down' }) });
    const time = clock(now);
    const actions$ = new Subject<Action>();
    const emitted: Action[] = [];
    refreshReferenceData(actions$ as Actions, storeWith('loaded'), db, fakeSession(), time.now, of(null)).subscribe((action) => emitted.push(action));
    time.advance(REFRESH_MIN_INTERVAL_MS);
    actions$.next(dhisExportPageActions.returnedTo());
    await settled();
    await settled();
    expect(emitted.map((action) => action.type)).not.toContain(dhisExportApiActions.placesLoadFailed.type);
    expect(emitted).toContain(dhisExportApiActions.referenceDataRefreshFailed({ status: 500, error: 'down' }));

    const idle = fakeDb();
    refreshReferenceData(of(dhisExportPageActions.returnedTo()) as Actions, storeWith('loading'), idle, fakeSession(), () => new Date(now.getTime() + 10 * REFRESH_MIN_INTERVAL_MS), of(null)).subscribe();
    await settled();
    expect(idle.getSettings).not.toHaveBeenCalled();
  });
});

describe('exportDhis effect', () => {
  let api: jasmine.SpyObj<DhisExportApi>;
  let files: jasmine.SpyObj<FileSave>;
  let held: HeldFile;
  /** The periods offered: the request's period is the one under way only where a test says so. */
  const periodsStore = (current = '209901') =>
    ({ select: () => of(new Map([['ds1', { type: 'monthly', periods: [{ value: current, label: current }], defaultPeriod: current }]])) }) as unknown as Store;
  const exportDhisWith = (actions$: unknown, current?: string) => exportDhis(actions$ as Actions, api, files, periodsStore(current), held);

  beforeEach(() => {
    api = jasmine.createSpyObj<DhisExportApi>('api', ['export']);
    files = jasmine.createSpyObj<FileSave>('files', ['save']);
    held = new HeldFile();
  });

  it('holds a file of zeros for a second choice instead of saving it', async () => {
    const counts = { values: 6, orgUnits: 2, zeros: 6 };
    const file: DhisExportFile = { blob: new Blob(['{}']), filename: 'dhis-ds1-202405.json', counts };
    api.export.and.resolveTo(file);
    const action = await firstValueFrom(exportDhisWith(of(dhisExportPageActions.downloadRequested({ request }))));
    expect(files.save).not.toHaveBeenCalled();
    expect(action).toEqual(heldDownloadActions.held({ request, counts, risks: ['all-zeros'] }));
    expect(held.take()).toEqual({ file, request });
  });

  it('holds a file of the period under way, however full', async () => {
    const counts = { values: 6, orgUnits: 2, zeros: 0 };
    api.export.and.resolveTo({ blob: new Blob(['{}']), filename: 'f.json', counts });
    const action = await firstValueFrom(exportDhisWith(of(dhisExportPageActions.downloadRequested({ request })), request.period));
    expect(files.save).not.toHaveBeenCalled();
    expect(action).toEqual(heldDownloadActions.held({ request, counts, risks: ['in-progress'] }));
  });

  it('saves the file under the server name', async () => {
    const counts = { values: 12, orgUnits: 3, zeros: 1 };
    const file: DhisExportFile = { blob: new Blob(['{}']), filename: 'dhis-ds1-202405.json', counts };
    api.export.and.resolveTo(file);
    const action = await firstValueFrom(exportDhisWith(of(dhisExportPageActions.downloadRequested({ request }))));
    expect(api.export).toHaveBeenCalledWith(request);
    expect(files.save).toHaveBeenCalledOnceWith(file.blob, 'dhis-ds1-202405.json');
    expect(action).toEqual(dhisExportApiActions.exportSaved({ saved: { filename: 'dhis-ds1-202405.json', request, counts } }));
  });

  it('saves nothing when the server refuses, and passes its message on', async () => {
    api.export.and.rejectWith(new DhisExportError(400, 'Data set "ds1" has no dataElements'));
    const action = await firstValueFrom(exportDhisWith(of(dhisExportPageActions.downloadRequested({ request }))));
    expect(files.save).not.toHaveBeenCalled();
    expect(action).toEqual(dhisExportApiActions.exportFailed({ status: 400, error: 'Data set "ds1" has no dataElements' }));
  });

  it('ignores a second request while one runs', async () => {
    let finish!: (file: DhisExportFile) => void;
    api.export.and.returnValue(new Promise((resolve) => (finish = resolve)));
    const actions$ = new Subject<Action>();
    const emitted: Action[] = [];
    exportDhisWith(actions$).subscribe((action) => emitted.push(action));
    actions$.next(dhisExportPageActions.downloadRequested({ request }));
    actions$.next(dhisExportPageActions.downloadRequested({ request }));
    finish({ blob: new Blob(['{}']), filename: 'f.json', counts: null });
    await Promise.resolve();
    await Promise.resolve();
    expect(api.export).toHaveBeenCalledTimes(1);
    expect(files.save).toHaveBeenCalledTimes(1);
    expect(emitted.length).toBe(1);
  });
});

describe('returnToLoginWhenSessionExpired effect', () => {
  it('asks the host to log in again and come back to the page on 401', async () => {
    const session = fakeSession();
    const router = { url: '/admin/export/dhis' } as Router;
    const actions$ = of(
      dhisExportApiActions.exportFailed({ status: 403, error: 'forbidden' }),
      dhisExportApiActions.exportFailed({ status: 401, error: null }),
    ) as Actions;
    await firstValueFrom(returnToLoginWhenSessionExpired(actions$, session, router).pipe(toArray()));
    expect(session.expired).toHaveBeenCalledOnceWith('/admin/export/dhis');
  });
});

describe('restorePreferences and rememberPreferences', () => {
  it('restores the session\'s choices when the page opens, and nothing when there are none', async () => {
    const store = jasmine.createSpyObj<ExportPreferencesStore>('preferences', ['read', 'save']);
    store.read.and.returnValue({ format: 'adx', omitZeros: true });
    const restored = await firstValueFrom(restorePreferences(of(dhisExportPageActions.opened()) as Actions, store).pipe(toArray()));
    expect(restored).toEqual([dhisExportApiActions.preferencesRestored({ preferences: { format: 'adx', omitZeros: true } })]);
    store.read.and.returnValue(null);
    expect(await firstValueFrom(restorePreferences(of(dhisExportPageActions.opened()) as Actions, store).pipe(toArray()))).toEqual([]);
  });

  it('saves the choices the user makes', async () => {
    const store = jasmine.createSpyObj<ExportPreferencesStore>('preferences', ['read', 'save']);
    const changed = dhisExportPageActions.preferencesChanged({ preferences: { format: 'csv', omitZeros: false } });
    await firstValueFrom(rememberPreferences(of(changed) as Actions, store).pipe(toArray()));
    expect(store.save).toHaveBeenCalledOnceWith({ format: 'csv', omitZeros: false });
  });
});
