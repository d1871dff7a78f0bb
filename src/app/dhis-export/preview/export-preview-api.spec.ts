import { TestBed } from '@angular/core/testing';
import { firstValueFrom, toArray } from 'rxjs';
import { DhisExportError } from '../data-access/dhis-export-api';
import { DhisExportRequest } from '../domain/models';
import { ExportPreviewApi, previewUrl } from './export-preview-api';
import { previewOf } from './preview-fixtures';

const request: DhisExportRequest = { dataSet: 'VMuFODsyWaO', orgUnit: '', period: '202410', format: 'csv', omitZeros: true };

/** A response whose body arrives in the given chunks, split anywhere. */
const streamed = (chunks: string[], status = 200) =>
  new Response(
    new ReadableStream({
      start(controller) {
        chunks.forEach((chunk) => controller.enqueue(new TextEncoder().encode(chunk)));
        controller.close();
      },
    }),
    { status, headers: { 'Content-Type': 'application/x-ndjson' } },
  );

describe('ExportPreviewApi', () => {
  let api: ExportPreviewApi;
  let fetchSpy: jasmine.Spy<typeof fetch>;

  beforeEach(() => {
    api = TestBed.inject(ExportPreviewApi);
    fetchSpy = spyOn(window, 'fetch');
  });

  it('asks for the preview with the export\'s filters and options', () => {
    const url = new URL(previewUrl(request), 'http://x');
    expect(url.pathname).toBe('/api/v2/export/dhis/preview');
    expect(url.searchParams.get('filters[period]')).toBe('202410');
    expect(url.searchParams.get('options[omitZeros]')).toBe('true');
  });

  it('reads progress lines and the preview, whatever the chunks', async () => {
    const preview = previewOf();
    const body = `{"progress":{"docsRead":0,"docsExpected":4}}\n{"progress":{"docsRead":3,"docsExpected":4}}\n${JSON.stringify({ preview })}\n`;
    fetchSpy.and.resolveTo(streamed([body.slice(0, 17), body.slice(17, 60), body.slice(60)]));
    const events = await firstValueFrom(api.preview(request).pipe(toArray()));
    expect(events).toEqual([{ progress: { docsRead: 0, docsExpected: 4 } }, { progress: { docsRead: 3, docsExpected: 4 } }, { preview }]);
    const [, init] = fetchSpy.calls.mostRecent().args;
    expect(new Headers(init?.headers).get('Accept')).toBe('application/x-ndjson');
    expect(init?.credentials).toBe('include');
  });

  it('says how far the database\'s index is while the server builds it, asks again as Retry-After says, then reads the preview', async () => {
    const preview = previewOf();
    const building = (progress?: number) =>
      new Response(JSON.stringify({ code: 503, error: 'building', reason: 'index-building', ...(progress === undefined ? {} : { progress }) }), {
        status: 503,
        headers: { 'Content-Type': 'application/json', 'Retry-After': '10' },
      });
    fetchSpy.and.returnValues(Promise.resolve(building(42)), Promise.resolve(building()), Promise.resolve(streamed([`${JSON.stringify({ preview })}\n`])));
    const waits: number[] = [];
    api.sleep = async (ms) => void waits.push(ms);
    const events = await firstValueFrom(api.preview(request).pipe(toArray()));
    expect(events).toEqual([{ indexBuilding: { progress: 42 } }, { indexBuilding: { progress: null } }, { preview }]);
    expect(waits).toEqual([10_000, 10_000]);
  });

  it('fails with the server\'s message on a 4xx, and with an error line midway', async () => {
    fetchSpy.and.resolveTo(new Response('{"code":400,"error":"dataSet \\"x\\" is not defined"}', { status: 400 }));
    await expectAsync(firstValueFrom(api.preview(request))).toBeRejectedWith(new DhisExportError(400, 'dataSet "x" is not defined'));
    fetchSpy.and.resolveTo(streamed(['{"progress":{"docsRead":0,"docsExpected":null}}\n{"error":{"code":500,"message":"failed"}}\n']));
    await expectAsync(firstValueFrom(api.preview(request).pipe(toArray()))).toBeRejectedWith(new DhisExportError(500, 'failed'));
  });

  it('aborts the request when unsubscribed', () => {
    fetchSpy.and.returnValue(new Promise(() => undefined));
    const subscription = api.preview(request).subscribe();
    const [, init] = fetchSpy.calls.mostRecent().args;
    expect(init?.signal?.aborted).toBeFalse();
    subscription.unsubscribe();
    expect(init?.signal?.aborted).toBeTrue();
  });
});
