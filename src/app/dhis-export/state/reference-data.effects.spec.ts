import moment from 'moment';
import { Action } from '@ngrx/store';
import { Actions } from '@ngrx/effects';
import { firstValueFrom, of, Subject, toArray } from 'rxjs';
import { useMomentLocale } from '../domain/moment-locales';
import { dhisExportApiActions, dhisExportPageActions } from './dhis-export.actions';
import { REFRESH_MIN_INTERVAL_MS, loadReferenceData, refreshReferenceData } from './reference-data.effects';
import { fakeDb, fakeSession, now, settled, storeWith, until } from './reference-data-fakes.spec';

describe('loadReferenceData effect', () => {
  // the settings here are French: the month names are fetched once, and moment goes back to English for the other specs
  beforeAll(() => useMomentLocale('fr'));
  afterEach(() => moment.locale('en'));

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
  // the settings here are French: the month names are fetched once, and moment goes back to English for the other specs
  beforeAll(() => useMomentLocale('fr'));
  afterEach(() => moment.locale('en'));

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
