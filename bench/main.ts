import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Deployment } from './deployment';
import { CHT_SHAPE, TARGETS_SHAPE } from './deployment-shape';
import { couchClusterSize, dropAllExternalDatabases } from './external-couch';
import { describeMachine, OtherCpuMonitor } from './machine';
import { parseOptions, USAGE, type BenchOptions } from './options';
import { buildReport, targetChecks, type ModeFailure } from './report';
import type { ModeResult } from './mode-result';
import { runMode } from './run-mode';
import { killAllServersNow, REPO_ROOT, runningServerPids, stopAllServers } from './server-process';

const progress = (message: string) => process.stderr.write(`${message}\n`);

const TEMP_PREFIX = 'cht-dhis-bench-';

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Data left by runs killed outright (kill -9): their temp dirs name their pid, which is gone. */
const removeStaleTempDirs = async () => {
  for (const name of await readdir(os.tmpdir())) {
    const pid = Number(new RegExp(`^${TEMP_PREFIX}(\\d+)-`).exec(name)?.[1]);
    if (pid > 0 && pid !== process.pid && !isRunning(pid)) {
      progress(`Removing ${path.join(os.tmpdir(), name)}, left by a benchmark run that was killed`);
      await rm(path.join(os.tmpdir(), name), { recursive: true, force: true });
    }
  }
};

/** Writes through a temporary file so a reader never sees half a report. */
const writeAtomically = async (file: string, text: string) => {
  await writeFile(`${file}.tmp`, text);
  await rename(`${file}.tmp`, file);
};

/**
 * e.g. `cht-500`, `cht-500-households10-reports40-couchdb`, `cht-1000-couchdb-cluster3`: the shape,
 * the workers, the counts changed, a real CouchDB and its cluster's nodes.
 */
const resultName = async ({ shape, workers, couchUrl }: BenchOptions) => {
  const base = shape.name === 'targets' ? TARGETS_SHAPE : CHT_SHAPE;
  const changed = (['households', 'members', 'reports', 'tasks', 'months'] as const)
    .filter(count => shape[count] !== base[count]).map(count => `-${count}${shape[count]}`).join('');
  const nodes = couchUrl ? await couchClusterSize(couchUrl) : 1;
  return `${shape.name}-${workers}${changed}${couchUrl ? '-couchdb' : ''}${nodes > 1 ? `-cluster${nodes}` : ''}`;
};

const run = async (options: BenchOptions, tempRoot: string): Promise<number> => {
  const machine = describeMachine();
  const runName = await resultName(options);
  const otherCpu = new OtherCpuMonitor(runningServerPids);
  const deployment = new Deployment(options.workers, options.month, options.seed, options.shape);
  // The servers' admin: random for each run, only ever on 127.0.0.1.
  const adminPassword = randomBytes(12).toString('hex');
  progress(`DHIS2 export benchmark: ${options.workers.toLocaleString('en')} health workers, ${options.shape.name} shape ` +
    `(${deployment.docCount.toLocaleString('en')} docs), month ${options.month}, ` +
    `modes ${options.modes.join(', ')}, ${options.rounds} rounds; ${machine.cpu} (${machine.cores} cores), Node ${machine.node}`);

  const results: ModeResult[] = [];
  const failures: ModeFailure[] = [];
  for (const mode of options.modes) {
    try {
      results.push(await runMode(mode, deployment, {
        rounds: options.rounds,
        batchSize: options.batchSize,
        loadConcurrency: options.loadConcurrency,
        concurrentExports: options.concurrentExports,
        adminPassword,
        tempRoot,
        couchUrl: options.couchUrl,
      }));
    } catch (error) {
      const message = error instanceof Error ? error.stack ?? error.message : String(error);
      progress(`[${mode}] failed: ${message}`);
      failures.push({ mode, error: message });
    }
  }

  machine.otherCpu = otherCpu.stop();
  const report = buildReport(machine, options, deployment, results, failures);
  const outDir = path.resolve(options.outDir ?? path.join(REPO_ROOT, 'bench', 'results'));
  await mkdir(outDir, { recursive: true });
  const json = `${JSON.stringify({ machine, options: { ...options, couchUrl: options.couchUrl?.origin }, deployment: {
    workers: deployment.workers, shape: deployment.shape, centres: deployment.centreCount, docs: deployment.docCount, month: deployment.month,
    previousMonth: deployment.previousMonth, dataSet: deployment.dataSet, seed: deployment.seed,
  }, targets: Object.fromEntries(results.map(result => [result.mode, targetChecks(result, deployment.shape.name, deployment.workers, options.couchUrl !== undefined)])), results, failures }, null, 2)}\n`;
  for (const name of ['latest', runName]) {
    await writeAtomically(path.join(outDir, `${name}.md`), report);
    await writeAtomically(path.join(outDir, `${name}.json`), json);
  }
  process.stdout.write(report);
  progress(`Written: ${path.relative(process.cwd(), path.join(outDir, 'latest.md'))} and latest.json (also ${runName}.md/.json)`);

  const wrong = failures.length > 0 || results.some(result => result.problems.length > 0);
  if (wrong) {
    progress('FAILED: wrong answers or a failed run (see above).');
    return 1;
  }
  const missed = results.flatMap(result => targetChecks(result, deployment.shape.name, deployment.workers, options.couchUrl !== undefined).filter(check => !check.pass).map(check => `${result.mode}: ${check.target} (${check.measured})`));
  if (missed.length > 0) {
    progress(`Targets missed:\n  ${missed.join('\n  ')}`);
    return options.strict ? 2 : 0;
  }
  return 0;
};

const main = async () => {
  let options: BenchOptions | undefined;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    progress(`${error instanceof Error ? error.message : error}\n\n${USAGE}`);
    process.exit(64);
  }
  if (!options) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }

  await removeStaleTempDirs();
  const tempRoot = await mkdtemp(path.join(os.tmpdir(), `${TEMP_PREFIX}${process.pid}-`));
  let stopping = false;
  const interrupted = async (signal: NodeJS.Signals) => {
    if (stopping) {
      return;
    }
    stopping = true;
    progress(`\n${signal}: stopping the servers and removing ${tempRoot} (and the benchmark's database on CouchDB)…`);
    await stopAllServers();
    await dropAllExternalDatabases();
    rmSync(tempRoot, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  process.once('SIGHUP', interrupted);
  process.once('exit', () => {
    killAllServersNow();
    rmSync(tempRoot, { recursive: true, force: true });
  });

  let code = 1;
  try {
    code = await run(options, tempRoot);
  } catch (error) {
    progress(`The benchmark failed: ${error instanceof Error ? error.stack : error}`);
  } finally {
    await stopAllServers();
    await rm(tempRoot, { recursive: true, force: true });
  }
  process.exit(code);
};

void main();
