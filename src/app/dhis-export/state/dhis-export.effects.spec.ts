import { Router } from '@angular/router';
import { Action, Store } from '@ngrx/store';
import { firstValueFrom, of, Subject, toArray } from 'rxjs';
import { Actions } from '@ngrx/effects';
import { DhisExportApi, DhisExportError, DhisExportFile } from '../data-access/dhis-export-api';
import { ExportSession } from '../data-access/export-session';
import { FileSave } from '../data-access/file-save';
import { MedicDb } from '../data-access/medic-db';
import { dhisExportApiActions, dhisExportPageActions } from './dhis-export.actions';
import { exportDhis, loadReferenceData, readReferenceData, returnToLoginWhenSessionExpired } from './dhis-export.effects';
import { LoadStatus } from './dhis-export.feature';

const request = { dataSet: 'ds1', orgUnit: 'ou-1', from: new Date(2024, 4, 1).getTime() };
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
      .and.resolveTo([{ _id: 'p', name: 'Place', dhis: { orgUnit: 'ou-1' } }]),
    ...overrides,
  } as unknown as MedicDb;
}

function fakeSession(roles: string[] = ['national_admin']): jasmine.SpyObj<ExportSession> {
  const session = jasmine.createSpyObj<ExportSession>('session', ['roles', 'expired']);
  session.roles.and.resolveTo(roles);
  return session;
}

const storeWith = (status: LoadStatus) => ({ select: () => of(status) }) as unknown as Store;

describe('readReferenceData', () => {
  it('reads settings, the locale translations and places, and checks permission', async () => {
    const db = fakeDb();
    const data = await readReferenceData(db, fakeSession(), now);
    expect(db.getTranslations).toHaveBeenCalledWith('fr');
    expect(data.locale).toBe('fr');
    expect(data.messages).toEqual({ a: 'generic', b: 'custom' });
    expect(data.dataSets).toEqual([{ id: 'ds1', translation_key: 'ds.one' }]);
    expect(data.places).toEqual([{ orgUnit: 'ou-1', name: 'Place' }]);
    expect(data.permitted).toBeTrue();
    expect(data.periods.length).toBe(12);
    expect(data.preselectedPeriod).toBe(new Date(2024, 4, 1).getTime());
  });

  it('does not fail for a user without permission whose places read fails', async () => {
    const db = fakeDb({ getPlacesWithOrgUnits: jasmine.createSpy().and.rejectWith({ status: 403 }) });
    const data = await readReferenceData(db, fakeSession(['chw']), now);
    expect(data.permitted).toBeFalse();
    expect(data.places).toEqual([]);
  });

  it('fails for a permitted user when places cannot be read', async () => {
    const db = fakeDb({ getPlacesWithOrgUnits: jasmine.createSpy().and.rejectWith({ status: 500, reason: 'view' }) });
    await expectAsync(readReferenceData(db, fakeSession(), now)).toBeRejectedWith(jasmine.objectContaining({ status: 500 }));
  });
});

describe('loadReferenceData effect', () => {
  it('loads once the reducer marked a load as started', async () => {
    const db = fakeDb();
    const actions$ = of(dhisExportPageActions.opened()) as Actions;
    const action = await firstValueFrom(loadReferenceData(actions$, storeWith('loading'), db, fakeSession(), () => now));
    expect(action.type).toBe(dhisExportApiActions.referenceDataLoaded.type);
  });

  it('reads nothing when already loaded', async () => {
    const db = fakeDb();
    const actions$ = of(dhisExportPageActions.opened()) as Actions;
    const emitted = await firstValueFrom(
      loadReferenceData(actions$, storeWith('loaded'), db, fakeSession(), () => now).pipe(toArray()),
    );
    expect(emitted).toEqual([]);
    expect(db.getSettings).not.toHaveBeenCalled();
  });

  it('reports a failed read with its status', async () => {
    const db = fakeDb({ getSettings: jasmine.createSpy().and.rejectWith({ status: 401, reason: 'You are not authorized' }) });
    const actions$ = of(dhisExportPageActions.opened()) as Actions;
    const action = await firstValueFrom(loadReferenceData(actions$, storeWith('loading'), db, fakeSession(), () => now));
    expect(action).toEqual(dhisExportApiActions.referenceDataLoadFailed({ status: 401, error: 'You are not authorized' }));
  });
});

describe('exportDhis effect', () => {
  let api: jasmine.SpyObj<DhisExportApi>;
  let files: jasmine.SpyObj<FileSave>;

  beforeEach(() => {
    api = jasmine.createSpyObj<DhisExportApi>('api', ['export']);
    files = jasmine.createSpyObj<FileSave>('files', ['save']);
  });

  it('saves the file under the server name', async () => {
    const file: DhisExportFile = { blob: new Blob(['{}']), filename: 'dhis-ds1-202405.json' };
    api.export.and.resolveTo(file);
    const action = await firstValueFrom(exportDhis(of(dhisExportPageActions.downloadRequested({ request })) as Actions, api, files));
    expect(api.export).toHaveBeenCalledWith(request);
    expect(files.save).toHaveBeenCalledOnceWith(file.blob, 'dhis-ds1-202405.json');
    expect(action).toEqual(dhisExportApiActions.exportSaved({ filename: 'dhis-ds1-202405.json' }));
  });

  it('saves nothing when the server refuses, and passes its message on', async () => {
    api.export.and.rejectWith(new DhisExportError(400, 'Data set "ds1" has no dataElements'));
    const action = await firstValueFrom(exportDhis(of(dhisExportPageActions.downloadRequested({ request })) as Actions, api, files));
    expect(files.save).not.toHaveBeenCalled();
    expect(action).toEqual(dhisExportApiActions.exportFailed({ status: 400, error: 'Data set "ds1" has no dataElements' }));
  });

  it('ignores a second request while one runs', async () => {
    let finish!: (file: DhisExportFile) => void;
    api.export.and.returnValue(new Promise((resolve) => (finish = resolve)));
    const actions$ = new Subject<Action>();
    const emitted: Action[] = [];
    exportDhis(actions$ as Actions, api, files).subscribe((action) => emitted.push(action));
    actions$.next(dhisExportPageActions.downloadRequested({ request }));
    actions$.next(dhisExportPageActions.downloadRequested({ request }));
    finish({ blob: new Blob(['{}']), filename: 'f.json' });
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
