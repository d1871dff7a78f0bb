import { Action, Store } from '@ngrx/store';
import { Actions } from '@ngrx/effects';
import { firstValueFrom, of, Subject, toArray } from 'rxjs';
import { DhisExportApi, DhisExportError, DhisExportFile } from '../data-access/dhis-export-api';
import { FileSave } from '../data-access/file-save';
import { heldDownloadActions } from '../held-download/held-download.actions';
import { HeldFile } from '../held-download/held-file';
import { dhisExportApiActions, dhisExportPageActions } from './dhis-export.actions';
import { exportDhis } from './export.effects';
import { request } from './reference-data-fakes.spec';

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
    expect(api.export).toHaveBeenCalledWith(request, jasmine.any(Function), jasmine.any(AbortSignal));
    expect(files.save).toHaveBeenCalledOnceWith(file.blob, 'dhis-ds1-202405.json');
    expect(action).toEqual(dhisExportApiActions.exportSaved({ saved: { filename: 'dhis-ds1-202405.json', request, counts } }));
  });

  it('says how far the database\'s index is while the export waits on it, then saves the file', async () => {
    const file: DhisExportFile = { blob: new Blob(['{}']), filename: 'f.json', counts: { values: 3, orgUnits: 1, zeros: 0 } };
    api.export.and.callFake(async (_request, building) => {
      building?.({ progress: 42 });
      building?.({ progress: null });
      return file;
    });
    const actions = await firstValueFrom(exportDhisWith(of(dhisExportPageActions.downloadRequested({ request }))).pipe(toArray()));
    expect(actions).toEqual([
      dhisExportApiActions.exportWaitingForIndex({ building: { progress: 42 } }),
      dhisExportApiActions.exportWaitingForIndex({ building: { progress: null } }),
      dhisExportApiActions.exportSaved({ saved: { filename: 'f.json', request, counts: file.counts } }),
    ]);
  });

  it('gives the export up when the manager stops waiting: its request is aborted, nothing is saved, the next download runs', async () => {
    const signals: AbortSignal[] = [];
    api.export.and.callFake((_request, building, signal) => {
      signals.push(signal!);
      building?.({ progress: 10 });
      return new Promise(() => undefined);
    });
    const actions$ = new Subject<Action>();
    const emitted: Action[] = [];
    exportDhisWith(actions$).subscribe((action) => emitted.push(action));
    actions$.next(dhisExportPageActions.downloadRequested({ request }));
    actions$.next(dhisExportPageActions.indexWaitStopped());
    expect(signals[0].aborted).toBeTrue();
    expect(emitted).toEqual([dhisExportApiActions.exportWaitingForIndex({ building: { progress: 10 } })]);
    actions$.next(dhisExportPageActions.downloadRequested({ request }));
    expect(api.export).toHaveBeenCalledTimes(2);
    expect(signals[1].aborted).toBeFalse();
    expect(files.save).not.toHaveBeenCalled();
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
