import { INDEX_WAIT_MS, askOnceIndexed, indexBuildingOf } from './ask-once-indexed';

const answer = (body: unknown, status = 503, retryAfter: string | null = '10') =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: retryAfter ? { 'Retry-After': retryAfter } : {} });

describe('indexBuildingOf', () => {
  it('reads how far the build is, within 0–100, and how long to wait (at most a minute)', async () => {
    expect(await indexBuildingOf(answer({ reason: 'index-building', progress: 42.7 }))).toEqual({ building: { progress: 42 }, retryAfterMs: 10_000 });
    expect(await indexBuildingOf(answer({ reason: 'index-building', progress: 140 }, 503, '600'))).toEqual({ building: { progress: 100 }, retryAfterMs: 60_000 });
    expect(await indexBuildingOf(answer({ reason: 'index-building', progress: '42' }))).toEqual({ building: { progress: null }, retryAfterMs: 10_000 });
  });

  it('is null for any other answer: another 503, no Retry-After, not JSON, not a 503', async () => {
    expect(await indexBuildingOf(answer({ code: 503, error: 'down' }))).toBeNull();
    expect(await indexBuildingOf(answer({ reason: 'index-building' }, 503, null))).toBeNull();
    expect(await indexBuildingOf(answer('<html>busy</html>'))).toBeNull();
    expect(await indexBuildingOf(answer({ reason: 'index-building' }, 500))).toBeNull();
  });

  it('leaves the body to read', async () => {
    const response = answer({ reason: 'index-building', error: 'building' });
    await indexBuildingOf(response);
    expect(await response.json()).toEqual({ reason: 'index-building', error: 'building' });
  });
});

describe('askOnceIndexed', () => {
  it('gives up waiting after INDEX_WAIT_MS and answers the server\'s 503', async () => {
    let asked = 0;
    let slept = 0;
    const response = await askOnceIndexed(
      async () => (asked++, answer({ reason: 'index-building', progress: 1 }, 503, '60')),
      async (ms) => void (slept += ms),
    );
    expect(response.status).toBe(503);
    expect(slept).toBe(INDEX_WAIT_MS);
    expect(asked).toBe(INDEX_WAIT_MS / 60_000 + 1);
  });
});
