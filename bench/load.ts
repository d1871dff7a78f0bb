import type { Deployment } from './deployment';
import type { HttpClient } from './http-client';

export interface LoadResult {
  docs: number;
  batches: number;
  ms: number;
  docsPerSecond: number;
}

const progress = (message: string) => process.stderr.write(`${message}\n`);

/**
 * Writes the deployment with `POST /medic/_bulk_docs`, `batchSize` docs a request and at most
 * `concurrency` requests in flight; batches are generated as they are sent, never all at once.
 */
export const loadDeployment = async (
  client: HttpClient,
  deployment: Deployment,
  { batchSize, concurrency, label }: { batchSize: number; concurrency: number; label: string },
): Promise<LoadResult> => {
  const started = performance.now();
  const inFlight = new Set<Promise<void>>();
  let written = 0;
  let batches = 0;
  let nextReport = 0;
  let lastReportAt = started;
  let failure: Error | undefined;

  const send = async (docs: object[]) => {
    const { body } = await client.json<{ id: string; error?: string; reason?: string }[]>('/medic/_bulk_docs', { method: 'POST', body: { docs } });
    const failed = body.filter(row => row.error);
    if (!Array.isArray(body) || body.length !== docs.length || failed.length > 0) {
      throw new Error(`_bulk_docs refused ${failed.length} of ${docs.length} docs, e.g. ${JSON.stringify(failed.slice(0, 3))}`);
    }
    written += docs.length;
    const now = performance.now();
    if (written >= nextReport || now - lastReportAt > 15_000) {
      const seconds = (now - started) / 1000;
      progress(`  [${label}] loaded ${written.toLocaleString('en')} / ${deployment.docCount.toLocaleString('en')} docs ` +
        `(${Math.round((written * 100) / deployment.docCount)} %) in ${seconds.toFixed(1)} s, ${Math.round(written / seconds).toLocaleString('en')} docs/s`);
      nextReport = written + deployment.docCount / 10;
      lastReportAt = now;
    }
  };

  for (const docs of deployment.batches(batchSize)) {
    if (failure) {
      break;
    }
    batches++;
    const request: Promise<void> = send(docs).catch(error => {
      failure ??= error as Error;
    }).finally(() => inFlight.delete(request));
    inFlight.add(request);
    if (inFlight.size >= concurrency) {
      await Promise.race(inFlight);
    }
  }
  await Promise.all(inFlight);
  if (failure) {
    throw failure;
  }
  const ms = performance.now() - started;
  return { docs: written, batches, ms, docsPerSecond: written / (ms / 1000) };
};
