import { DhisExportRequest } from '../domain/models';
import { exportPreviewApiActions, exportPreviewPageActions } from './export-preview.actions';
import { exportPreviewFeature, initialExportPreviewState } from './export-preview.feature';
import { previewOf } from './preview-fixtures';

const request: DhisExportRequest = { dataSet: 'ds1', orgUnit: '', period: '202410', format: 'json', omitZeros: false };
const { reducer } = exportPreviewFeature;

describe('exportPreviewFeature', () => {
  it('loads, shows progress, then the preview', () => {
    let state = reducer(initialExportPreviewState, exportPreviewPageActions.previewRequested({ request }));
    expect(state).toEqual({ ...initialExportPreviewState, status: 'loading', previewFor: request });
    state = reducer(state, exportPreviewApiActions.previewProgressed({ progress: { docsRead: 10, docsExpected: 40 } }));
    expect(state.progress).toEqual({ docsRead: 10, docsExpected: 40 });
    const preview = previewOf();
    state = reducer(state, exportPreviewApiActions.previewLoaded({ preview }));
    expect(state).toEqual({ status: 'loaded', previewFor: request, progress: null, indexBuilding: null, preview, error: null });
  });

  it('keeps the previous preview while a second one loads, and clears it on failure', () => {
    const preview = previewOf();
    let state = reducer(
      { ...initialExportPreviewState, status: 'loaded', previewFor: request, preview },
      exportPreviewPageActions.previewRequested({ request: { ...request, period: '202409' } }),
    );
    expect(state.preview).toBe(preview);
    expect(state.previewFor?.period).toBe('202409');
    state = reducer(state, exportPreviewApiActions.previewFailed({ status: 400, error: 'dataSet "x" is not defined' }));
    expect(state).toEqual(jasmine.objectContaining({ status: 'failed', preview: null, error: { status: 400, error: 'dataSet "x" is not defined' } }));
  });

  it('keeps how far the database\'s index is while the preview waits on it, until the server reads', () => {
    let state = reducer(initialExportPreviewState, exportPreviewPageActions.previewRequested({ request }));
    state = reducer(state, exportPreviewApiActions.previewWaitingForIndex({ building: { progress: 42 } }));
    expect(state.indexBuilding).toEqual({ progress: 42 });
    state = reducer(state, exportPreviewApiActions.previewProgressed({ progress: { docsRead: 1, docsExpected: null } }));
    expect(state.indexBuilding).toBeNull();
    expect(reducer(state, exportPreviewPageActions.previewClosed())).toEqual(initialExportPreviewState);
  });

  it('ignores progress that arrives after the preview', () => {
    const loaded = { ...initialExportPreviewState, status: 'loaded' as const, preview: previewOf() };
    expect(reducer(loaded, exportPreviewApiActions.previewProgressed({ progress: { docsRead: 1, docsExpected: null } }))).toBe(loaded);
  });
});
