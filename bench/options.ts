import { parseArgs } from 'node:util';
import { MODES, type Mode } from './run-mode';

export interface BenchOptions {
  workers: number;
  rounds: number;
  modes: Mode[];
  month: string;
  seed: number;
  batchSize: number;
  loadConcurrency: number;
  concurrentExports: number;
  outDir?: string;
  strict: boolean;
}

export const USAGE = `npm run bench -- [options]

Generates a CHT deployment of N health workers, loads it through the server, and measures the
DHIS2 export against a bare read of the month's target docs and against the CHT's own method.

  --workers N          health workers (default 100000; 10000 is a quick run)
  --rounds R           measured rounds, methods alternating (default 5 at 50000+ workers, else 11)
  --modes LIST         embedded,couchdb (default both); couchdb = the server with COUCH_URL
                       pointing at a second server instance that stands in for CouchDB
  --month YYYY-MM      the month exported (default: last month)
  --seed S             seed of the generated values (default 20250501)
  --batch N            docs per _bulk_docs request while loading (default 4000)
  --load-concurrency N _bulk_docs requests in flight (default 2)
  --concurrent N       exports run at once in the concurrency check (default 10)
  --out DIR            where to write latest.md/.json (default bench/results)
  --strict             exit 2 when a performance target is missed (wrong answers always exit 1)
  --help`;

const lastMonth = () => {
  const now = new Date();
  const date = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
};

const wholeNumber = (name: string, value: string | undefined, fallback: number, min: number, max: number): number => {
  if (value === undefined) {
    return fallback;
  }
  const number = Number(value.replace(/[_,]/g, ''));
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new Error(`--${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  }
  return number;
};

/** Reads the command line; undefined for --help. */
export const parseOptions = (argv: string[]): BenchOptions | undefined => {
  const { values } = parseArgs({
    args: argv,
    options: {
      workers: { type: 'string' },
      rounds: { type: 'string' },
      modes: { type: 'string' },
      month: { type: 'string' },
      seed: { type: 'string' },
      batch: { type: 'string' },
      'load-concurrency': { type: 'string' },
      concurrent: { type: 'string' },
      out: { type: 'string' },
      strict: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    return undefined;
  }
  const workers = wholeNumber('workers', values.workers, 100_000, 10, 1_000_000);
  const modes = (values.modes ?? MODES.join(',')).split(',').map(mode => mode.trim()).filter(Boolean);
  const unknown = modes.filter(mode => !MODES.includes(mode as Mode));
  if (modes.length === 0 || unknown.length > 0) {
    throw new Error(`--modes takes ${MODES.join(', ')} (comma-separated), got "${values.modes}"`);
  }
  const month = values.month ?? lastMonth();
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
    throw new Error(`--month must be YYYY-MM, got "${month}"`);
  }
  return {
    workers,
    rounds: wholeNumber('rounds', values.rounds, workers >= 50_000 ? 5 : 11, 1, 100),
    modes: [...new Set(modes)] as Mode[],
    month,
    seed: wholeNumber('seed', values.seed, 20_250_501, 0, 2 ** 32 - 1),
    batchSize: wholeNumber('batch', values.batch, 4000, 1, 50_000),
    loadConcurrency: wholeNumber('load-concurrency', values['load-concurrency'], 2, 1, 16),
    concurrentExports: wholeNumber('concurrent', values.concurrent, 10, 1, 100),
    outDir: values.out,
    strict: values.strict,
  };
};
