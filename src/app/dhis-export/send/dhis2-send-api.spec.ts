import { Dhis2SendApi, SendError } from './dhis2-send-api';

const request = { dataSet: 'ds1', orgUnit: 'ou-1', period: '202405', format: 'csv' as const, omitZeros: true };

describe('Dhis2SendApi', () => {
  let calls: { url: string; init: RequestInit }[];
  let answer: Response;

  beforeEach(() => {
    calls = [];
    spyOn(window, 'fetch').and.callFake(async (url: RequestInfo | URL, init?: RequestInit) => {
      calls.push({ url: String(url), init: init ?? {} });
      return answer;
    });
  });

  it('sends the selection with every option of the download but the format, dryRun and the confirmed digest, as JSON', async () => {
    answer = new Response(JSON.stringify({ outcome: 'success' }), { status: 200 });
    await new Dhis2SendApi().send(request, false, 'digest-1');
    expect(calls[0]!.url).toBe('/api/v2/export/dhis/send');
    expect((calls[0]!.init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({
      dryRun: false, confirm: 'digest-1', filters: { dataSet: 'ds1', period: '202405', orgUnit: 'ou-1' }, options: { omitZeros: true },
    });
  });

  it('reads the log with the same options, so its count is the send\'s', async () => {
    answer = new Response(JSON.stringify({ current: { values: 1, total: 1 }, records: [] }), { status: 200 });
    await new Dhis2SendApi().log(request);
    expect(new URL(calls[0]!.url, 'http://x').searchParams.get('options[omitZeros]')).toBe('true');
  });

  it('takes an unknown outcome as a result, and any other refusal as an error with its code and values', async () => {
    answer = new Response(JSON.stringify({ code: 'send.unknown', outcome: 'unknown', sent: null, readBack: { outcome: 'in-dhis2' } }), { status: 504 });
    expect((await new Dhis2SendApi().send(request, false)).outcome).toBe('unknown');
    answer = new Response(JSON.stringify({ code: 'send.busy', error: 'busy', holder: 'ana', since: 'x' }), { status: 409 });
    const error = await new Dhis2SendApi().send(request, false).catch((caught: unknown) => caught);
    expect(error).toEqual(jasmine.any(SendError));
    expect((error as SendError).code).toBe('send.busy');
    expect((error as SendError).details).toEqual({ holder: 'ana', since: 'x' });
  });
});
