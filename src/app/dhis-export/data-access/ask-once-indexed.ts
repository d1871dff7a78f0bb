import { IndexBuilding } from '../domain/index-building';

/** How long the page keeps asking while the database builds its index. */
export const INDEX_WAIT_MS = 10 * 60 * 1000;

/** The index build `response` tells of, with how long to wait before asking again; null for any other answer. */
export async function indexBuildingOf(response: Response): Promise<{ building: IndexBuilding; retryAfterMs: number } | null> {
  const retryAfter = Number(response.headers.get('Retry-After'));
  if (response.status !== 503 || !(retryAfter > 0)) return null;
  try {
    const { reason, progress } = (await response.clone().json()) as { reason?: unknown; progress?: unknown };
    if (reason !== 'index-building') return null;
    const known = typeof progress === 'number' && Number.isFinite(progress);
    return { building: { progress: known ? Math.min(100, Math.max(0, Math.floor(progress))) : null }, retryAfterMs: Math.min(retryAfter, 60) * 1000 };
  } catch {
    return null;
  }
}

/**
 * Asks with `ask` until the server stops answering that the database builds an index the export
 * needs: each time, tells `building` how far the build is, then waits as Retry-After says (at most a
 * minute), for up to INDEX_WAIT_MS; past that, the server's 503 is the answer.
 */
export async function askOnceIndexed(
  ask: () => Promise<Response>,
  sleep: (ms: number) => Promise<void>,
  building: (building: IndexBuilding) => void = () => undefined,
): Promise<Response> {
  for (let waited = 0; ; ) {
    const response = await ask();
    const wait = waited < INDEX_WAIT_MS ? await indexBuildingOf(response) : null;
    if (!wait) return response;
    building(wait.building);
    await sleep(wait.retryAfterMs);
    waited += wait.retryAfterMs;
  }
}
