import { Actions } from '@ngrx/effects';
import { Action } from '@ngrx/store';
import { Observable, Subject, of, throwError } from 'rxjs';
import { DhisExportError } from '../data-access/dhis-export-api';
import { DhisExportRequest } from '../domain/models';
import { exportPreviewApiActions, exportPreviewPageActions } from './export-preview.actions';
import { ExportPreviewApi } from './export-preview-api';
import { previewExport } from './export-preview.effects';
import { previewOf } from './preview-fixtures';
import { PreviewEvent } from './preview-models';

const request: DhisExportRequest = { dataSet: 'ds1', orgUnit: '', period: '202410', format: 'json', omitZeros: false };

describe('previewExport effect', () => {
  it('turns the stream into the index build waited on, progress, then the preview', () => {
    const actions$ = new Subject<Action>();
    const preview = previewOf();
    const events: PreviewEvent[] = [{ indexBuilding: { progress: 42 } }, { progress: { docsRead: 5, docsExpected: 10 } }, { preview }];
    const api = { preview: () => of(...events) } as unknown as ExportPreviewApi;
    const seen: Action[] = [];
    previewExport(actions$ as unknown as Actions, api).subscribe((action) => seen.push(action));
    actions$.next(exportPreviewPageActions.previewRequested({ request }));
    expect(seen).toEqual([
      exportPreviewApiActions.previewWaitingForIndex({ building: { progress: 42 } }),
      exportPreviewApiActions.previewProgressed({ progress: { docsRead: 5, docsExpected: 10 } }),
      exportPreviewApiActions.previewLoaded({ preview }),
    ]);
  });

  it('replaces a request in flight: the first is unsubscribed, so its fetch is aborted', () => {
    const actions$ = new Subject<Action>();
    const streams: Array<{ request: DhisExportRequest; closed: boolean; events: Subject<PreviewEvent> }> = [];
    const api = {
      preview: (asked: DhisExportRequest) =>
        new Observable<PreviewEvent>((subscriber) => {
          const entry = { request: asked, closed: false, events: new Subject<PreviewEvent>() };
          streams.push(entry);
          const subscription = entry.events.subscribe(subscriber);
          return () => {
            entry.closed = true;
            subscription.unsubscribe();
          };
        }),
    } as unknown as ExportPreviewApi;
    const seen: Action[] = [];
    previewExport(actions$ as unknown as Actions, api).subscribe((action) => seen.push(action));
    actions$.next(exportPreviewPageActions.previewRequested({ request }));
    actions$.next(exportPreviewPageActions.previewRequested({ request: { ...request, period: '202409' } }));
    expect(streams.map(({ closed }) => closed)).toEqual([true, false]);
    streams[0].events.next({ preview: previewOf() });
    expect(seen).toEqual([]);
    const second = previewOf(1, 1, { period: '202409' });
    streams[1].events.next({ preview: second });
    expect(seen).toEqual([exportPreviewApiActions.previewLoaded({ preview: second })]);
  });

  it('reports a failure with the server\'s message, and lives on', () => {
    const actions$ = new Subject<Action>();
    let calls = 0;
    const api = {
      preview: () => (++calls === 1 ? throwError(() => new DhisExportError(400, 'period is wrong')) : of<PreviewEvent[]>({ preview: previewOf() })),
    } as unknown as ExportPreviewApi;
    const seen: Action[] = [];
    previewExport(actions$ as unknown as Actions, api).subscribe((action) => seen.push(action));
    actions$.next(exportPreviewPageActions.previewRequested({ request }));
    actions$.next(exportPreviewPageActions.previewRequested({ request }));
    expect(seen[0]).toEqual(exportPreviewApiActions.previewFailed({ status: 400, error: 'period is wrong' }));
    expect(seen[1].type).toBe(exportPreviewApiActions.previewLoaded.type);
  });
});
