import { TestBed } from '@angular/core/testing';
import { DhisExportRequest } from '../domain/models';
import { DhisExportApi, DhisExportError, dhisExportUrl } from './dhis-export-api';

const request: DhisExportRequest = { dataSet: 'VMuFODsyWaO', orgUnit: 'ou-1', period: '202405', format: 'json', omitZeros: false };

describe('dhisExportUrl', () => {
  it('names the filters as the API expects, omitting the org unit for all places', () => {
    const url = new URL(dhisExportUrl(request), 'http://x');
    expect(url.pathname).toBe('/api/v2/export/dhis');
    expect(url.searchParams.get('filters[dataSet]')).toBe('VMuFODsyWaO');
    expect(url.searchParams.get('filters[period]')).toBe('202405');
    // an instant would be read on the server's clock, which may be in another time zone
    expect(url.searchParams.has('filters[date][from]')).toBeFalse();
    expect(url.searchParams.get('filters[orgUnit]')).toBe('ou-1');
    expect(new URL(dhisExportUrl({ ...request, orgUnit: '' }), 'http://x').searchParams.has('filters[orgUnit]')).toBeFalse();
  });

  it('asks for the file format and for zeros left out only when they are not the defaults', () => {
    const json = new URL(dhisExportUrl(request), 'http://x').searchParams;
    expect(json.has('options[format]')).toBeFalse();
    expect(json.has('options[omitZeros]')).toBeFalse();
    const csv = new URL(dhisExportUrl({ ...request, format: 'csv', omitZeros: true }), 'http://x').searchParams;
    expect(csv.get('options[format]')).toBe('csv');
    expect(csv.get('options[omitZeros]')).toBe('true');
  });
});

describe('DhisExportApi', () => {
  let api: DhisExportApi;
  let fetchSpy: jasmine.Spy<typeof fetch>;

  beforeEach(() => {
    api = TestBed.inject(DhisExportApi);
    fetchSpy = spyOn(window, 'fetch');
  });

  it('fetches with the session cookie and names the file as the server does', async () => {
    fetchSpy.and.resolveTo(
      new Response('{"dataSet":"VMuFODsyWaO"}', {
        status: 200,
        headers: { 'Content-Type': 'application/json', 'Content-Disposition': 'attachment; filename="dhis-VMuFODsyWaO-202405.json"' },
      }),
    );
    const file = await api.export(request);
    expect(file.filename).toBe('dhis-VMuFODsyWaO-202405.json');
    expect(await file.blob.text()).toBe('{"dataSet":"VMuFODsyWaO"}');
    const [url, init] = fetchSpy.calls.mostRecent().args;
    expect(url).toBe(dhisExportUrl(request));
    expect(init?.credentials).toBe('include');
    expect(new Headers(init?.headers).get('X-Requested-With')).toBe('XMLHttpRequest');
  });

  it('falls back to dhis-<dataSet>-<YYYYMM>[-<orgUnit>].json without Content-Disposition', async () => {
    fetchSpy.and.resolveTo(new Response('{}', { status: 200 }));
    const file = await api.export(request);
    expect(file.filename).toBe(`dhis-VMuFODsyWaO-202405-${request.orgUnit}.json`);
    expect(file.counts).toBeNull();
  });

  it('reads what the file holds from the server\'s headers', async () => {
    fetchSpy.and.resolveTo(new Response('{}', { status: 200, headers: { 'X-Data-Values': '120', 'X-Org-Units': '30', 'X-Zero-Values': '4' } }));
    expect((await api.export(request)).counts).toEqual({ values: 120, orgUnits: 30, zeros: 4 });
    fetchSpy.and.resolveTo(new Response('{}', { status: 200, headers: { 'X-Data-Values': 'many', 'X-Org-Units': '30', 'X-Zero-Values': '4' } }));
    expect((await api.export(request)).counts).toBeNull();
  });

  it('rejects a 4xx with the server message', async () => {
    fetchSpy.and.resolveTo(
      new Response(JSON.stringify({ code: 400, error: 'Data set "x" is not defined' }), {
        status: 400,
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    const error = await api.export(request).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toEqual(jasmine.any(DhisExportError));
    expect((error as DhisExportError).status).toBe(400);
    expect((error as DhisExportError).serverMessage).toBe('Data set "x" is not defined');
  });

  it('rejects a 5xx without JSON with no server message', async () => {
    fetchSpy.and.resolveTo(new Response('<html>Bad gateway</html>', { status: 502 }));
    await expectAsync(api.export(request)).toBeRejectedWith(jasmine.objectContaining({ status: 502, serverMessage: null }));
  });

  it('asks again as Retry-After says while the server builds its index, then saves the file', async () => {
    const building = () =>
      new Response(JSON.stringify({ code: 503, error: 'building (42 %)', reason: 'index-building', progress: 42 }), {
        status: 503,
        headers: { 'Content-Type': 'application/json', 'Retry-After': '10' },
      });
    fetchSpy.and.returnValues(Promise.resolve(building()), Promise.resolve(building()), Promise.resolve(new Response('{"dataSet":"x"}', { status: 200 })));
    const waits: number[] = [];
    api.sleep = async (ms) => void waits.push(ms);
    const told: unknown[] = [];
    expect(await (await api.export(request, (progress) => told.push(progress))).blob.text()).toBe('{"dataSet":"x"}');
    expect(waits).toEqual([10_000, 10_000]);
    expect(told).toEqual([{ progress: 42 }, { progress: 42 }]);
  });

  it('rejects a 503 that is not an index being built, without asking again', async () => {
    fetchSpy.and.resolveTo(new Response(JSON.stringify({ code: 503, error: 'down' }), { status: 503, headers: { 'Retry-After': '5' } }));
    api.sleep = async () => fail('no wait');
    await expectAsync(api.export(request)).toBeRejectedWith(jasmine.objectContaining({ status: 503, serverMessage: 'down' }));
    expect(fetchSpy).toHaveBeenCalledTimes(1);
  });

  it('stops asking when its signal is aborted while it waits', async () => {
    const controller = new AbortController();
    fetchSpy.and.callFake(async (_url, init) => {
      if (init?.signal?.aborted) throw new DOMException('aborted', 'AbortError');
      return new Response(JSON.stringify({ reason: 'index-building' }), { status: 503, headers: { 'Retry-After': '10' } });
    });
    api.sleep = async () => controller.abort();
    await expectAsync(api.export(request, undefined, controller.signal)).toBeRejectedWith(jasmine.objectContaining({ status: 0 }));
    expect(fetchSpy).toHaveBeenCalledTimes(2);
  });

  it('rejects a network failure with status 0', async () => {
    fetchSpy.and.rejectWith(new TypeError('Failed to fetch'));
    await expectAsync(api.export(request)).toBeRejectedWith(jasmine.objectContaining({ status: 0, serverMessage: null }));
  });
});
