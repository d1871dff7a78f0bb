import { parseArgs } from 'node:util';
import { CHT_SHAPE, docsPerWorker, TARGETS_SHAPE, type Shape } from './deployment-shape';
import { MODES, type Mode } from './mode-result';

export interface BenchOptions {
  workers: number;
  shape: Shape;
  rounds: number;
  modes: Mode[];
  month: string;
  seed: number;
  batchSize: number;
  loadConcurrency: number;
  concurrentExports: number;
  outDir?: string;
  /** COUCH_URL mode against this CouchDB (a server admin's URL) instead of the stand-in. */
  couchUrl?: URL;
  strict: boolean;
}

export const USAGE = `npm run bench -- [options]

Generates a CHT deployment of N health workers, loads it through the server, and measures the
DHIS2 export against a bare read of the month's target docs and against the CHT's own method.

  --workers N          health workers (default 500 with --shape cht, 100000 with --shape targets)
  --shape cht|targets  cht (default): per worker households with members, reports, tasks and
                       12 months of targets, as a real CHT database (644 docs a worker);
                       targets: an area, the worker and 2 months of targets (4 docs a worker)
  --households N       households per worker (cht shape: 60)
  --members N          members (person docs) per household (cht shape: 5)
  --reports N          reports (data_record) per worker (cht shape: 240)
  --tasks N            task docs per worker (cht shape: 30)
  --months N           months of target docs per worker, up to the month exported (cht: 12, targets: 2)
  --rounds R           measured rounds, methods alternating (default 5 at 50000+ workers, else 11)
  --modes LIST         embedded,couchdb (default both); couchdb = the server with COUCH_URL
                       pointing at a second server instance that stands in for CouchDB
  --couch-url URL      in couchdb mode, use this CouchDB instead of the stand-in (a server
                       admin's URL, e.g. http://admin:pass@127.0.0.1:5984); the benchmark creates
                       a database of its own there and deletes it at the end
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
      shape: { type: 'string' },
      households: { type: 'string' },
      members: { type: 'string' },
      reports: { type: 'string' },
      tasks: { type: 'string' },
      months: { type: 'string' },
      'couch-url': { type: 'string' },
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
  if (values.shape !== undefined && values.shape !== 'cht' && values.shape !== 'targets') {
    throw new Error(`--shape takes cht or targets, got "${values.shape}"`);
  }
  const base = values.shape === 'targets' ? TARGETS_SHAPE : CHT_SHAPE;
  const shape: Shape = {
    name: base.name,
    households: wholeNumber('households', values.households, base.households, 0, 1000),
    members: wholeNumber('members', values.members, base.members, 0, 100),
    reports: wholeNumber('reports', values.reports, base.reports, 0, 100_000),
    tasks: wholeNumber('tasks', values.tasks, base.tasks, 0, 100_000),
    months: wholeNumber('months', values.months, base.months, 1, 120),
  };
  if (docsPerWorker(shape) > 1_000_000) {
    throw new Error('a worker would have more than 1,000,000 docs: lower --households, --members, --reports or --tasks');
  }
  const workers = wholeNumber('workers', values.workers, shape.name === 'targets' ? 100_000 : 500, 10, 1_000_000);
  let couchUrl: URL | undefined;
  if (values['couch-url'] !== undefined) {
    try {
      couchUrl = new URL(values['couch-url']);
    } catch {
      throw new Error(`--couch-url must be a URL such as http://admin:pass@127.0.0.1:5984, got "${values['couch-url']}"`);
    }
    if (!couchUrl.username) {
      throw new Error('--couch-url needs a server admin\'s credentials, e.g. http://admin:pass@127.0.0.1:5984');
    }
  }
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
    shape,
    couchUrl,
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
