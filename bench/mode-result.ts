import type { FreshnessCheck } from './freshness';
import type { LoadResult } from './load';
import type { ChtRun } from './methods';
import type { MemoryPeaks, SessionLatency } from './sampling';
import type { MemorySample } from './server-process';
import type { Summary } from './stats';

/** What one database mode of the benchmark measured, and how the figures are written. */

export type Mode = 'embedded' | 'couchdb';
export const MODES: Mode[] = ['embedded', 'couchdb'];

/** The label of the server under test in memory figures (the one that exports). */
export const SERVER_UNDER_TEST = 'server';

export interface ModeOptions {
  rounds: number;
  batchSize: number;
  loadConcurrency: number;
  concurrentExports: number;
  adminPassword: string;
  tempRoot: string;
  couchUrl?: URL;
}

export type Method = 'export' | 'floor' | 'cht' | 'preview';

export interface ModeResult {
  mode: Mode;
  /** Where each measurement went. */
  setup: { export: string; floorAndCht: string; load: string };
  load: LoadResult;
  cold: { ms: number; memory: MemoryPeaks; session: SessionLatency };
  firstRuns: { floorMs: number; chtMs: number; previewMs: number };
  runs: Record<Method, number[]>;
  summary: Record<Method, Summary> & { chtSteps: ChtRun['steps'] };
  bytes: { export: number; floor: number; cht: number; preview: number };
  memory: { beforeCold: MemoryPeaks; export: MemoryPeaks; floor: MemoryPeaks; cht: MemoryPeaks; preview: MemoryPeaks };
  /** Whether every preview's values were the generator's. */
  previewCorrect: boolean;
  concurrent: {
    count: number;
    wallMs: number;
    each: Summary;
    allCorrect: boolean;
    identical: boolean;
    session: SessionLatency;
    memory: MemoryPeaks;
  };
  chtMethodCorrect: boolean;
  freshness: FreshnessCheck[];
  /** COUCH_URL mode: the server under test first started after loading, against the populated database. */
  firstStart?: {
    viewBuildMs: number; views?: string; startMs: number; idleRss?: number; firstExportMs: number; firstExportPeakRss?: number; firstExportPeakAnon?: number;
    firstExportSplit?: MemorySample;
  };
  /** The server under test restarted at the end (same data): its start, and a fresh process's memory while exporting. */
  restart: {
    startMs: number;
    idleRss?: number;
    firstExportMs: number;
    firstExportPeakRss?: number;
    firstExportPeakAnon?: number;
    /** The RSS at the peak, split into heap, native and mapped. */
    firstExportSplit?: MemorySample;
    laterExports: Summary;
    laterExportsPeakRss?: number;
    laterExportsPeakAnon?: number;
    laterExportsSplit?: MemorySample;
    /**
     * The restarted process serving as a busy console does: 10 exports at once, a preview and two
     * of the month's `_all_docs` scans together, without the bulk load that came before the restart.
     */
    servingPeakRss?: number;
    servingSplit?: MemorySample;
    /**
     * Restarted once more and left to read the health workers' lineages ahead of the first export
     * (the warm-up): how long that took after the start, and the first export after it.
     */
    afterWarmUp?: { warmUpMs: number; exportMs: number };
  };
  /** The server code of every process started in this mode; more than one means the figures mix versions. */
  serverCode: string[];
  /** The servers' last lines of output, to see what they said while measured. */
  serverLogs: Record<string, string[]>;
  /** Wrong answers: any entry fails the run. */
  problems: string[];
}

export const mb = (bytes: number | undefined) => (bytes === undefined ? 'n/a' : `${Math.round(bytes / 1024 / 1024)} MB`);

export const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
