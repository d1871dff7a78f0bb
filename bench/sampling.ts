import { HttpClient } from './http-client';
import type { MemorySample, ServerProcess } from './server-process';

export interface MemoryPeaks {
  /**
   * Per server label: RSS in bytes just before and the highest seen while the work ran; `anonPeak`:
   * the highest anonymous part (heap and buffers, without file pages mapped from the database files).
   */
  [label: string]: { before?: number; peak?: number; anonPeak?: number; atPeak?: MemorySample };
}

/** Runs `work` while sampling the servers' RSS (VmRSS) every `intervalMs`. */
export const sampleMemoryWhile = async <T>(
  servers: ServerProcess[],
  work: () => Promise<T>,
  intervalMs = 50,
): Promise<{ result: T; memory: MemoryPeaks }> => {
  const memory: MemoryPeaks = {};
  const sample = () => {
    for (const server of servers) {
      const sample = server.rss();
      const { rss, anon } = sample;
      const entry = (memory[server.label] ??= {});
      if (rss !== undefined) {
        entry.before ??= rss;
        if (rss > (entry.peak ?? 0)) {
          entry.peak = rss;
          entry.atPeak = sample;
        }
      }
      if (anon !== undefined) {
        entry.anonPeak = Math.max(entry.anonPeak ?? 0, anon);
      }
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  try {
    const result = await work();
    sample();
    return { result, memory };
  } finally {
    clearInterval(timer);
  }
};

/** The larger of two peaks, per server. */
export const mergePeaks = (into: MemoryPeaks, from: MemoryPeaks): MemoryPeaks => {
  for (const [label, { before, peak, anonPeak, atPeak }] of Object.entries(from)) {
    const entry = (into[label] ??= {});
    entry.before ??= before;
    if (peak !== undefined && peak > (entry.peak ?? 0)) {
      entry.peak = peak;
      entry.atPeak = atPeak;
    }
    if (anonPeak !== undefined) {
      entry.anonPeak = Math.max(entry.anonPeak ?? 0, anonPeak);
    }
  }
  return into;
};

export interface SessionLatency {
  polls: number;
  maxMs: number;
  medianMs: number;
  failures: number;
}

/**
 * Runs `work` while asking `GET /_session` (as the admin) every `intervalMs` on a connection of
 * its own: how long the server keeps a plain request waiting while it exports.
 */
export const pollSessionWhile = async <T>(
  origin: string,
  authorization: string,
  work: () => Promise<T>,
  intervalMs = 100,
): Promise<{ result: T; session: SessionLatency }> => {
  const client = new HttpClient(origin, authorization, 60_000);
  const latencies: number[] = [];
  let failures = 0;
  let done = false;
  const poller = (async () => {
    while (!done) {
      const started = performance.now();
      try {
        const { status } = await client.request('/_session');
        if (status !== 200) {
          failures++;
        }
      } catch {
        failures++;
      }
      const ms = performance.now() - started;
      latencies.push(ms);
      if (!done) {
        await new Promise(resolve => setTimeout(resolve, Math.max(0, intervalMs - ms)));
      }
    }
  })();
  try {
    const result = await work();
    done = true;
    // The poll under way when the work ends counts too: it may be the one kept waiting longest.
    await poller;
    return { result, session: summarizeLatencies(latencies, failures) };
  } finally {
    done = true;
    await poller;
    client.close();
  }
};

const summarizeLatencies = (latencies: number[], failures: number): SessionLatency => {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    polls: sorted.length,
    maxMs: sorted.length ? sorted[sorted.length - 1] : 0,
    medianMs: sorted.length ? sorted[Math.floor(sorted.length / 2)] : 0,
    failures,
  };
};
