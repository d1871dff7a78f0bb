/**
 * A restart of the embedded server on a large database, measured without loading it over HTTP
 * each time: the deployment is written straight into LevelDB in DATA_DIR (once; kept for the next
 * run), the server is started on it and exports once (reading every owner, which it then saves),
 * then restarted: the export asked at once, a second (warm) export, the floor scan and the preview,
 * each with the server's RSS peak split into heap, native and mapped pages.
 *
 *   npm run bench:restart -- --dir /tmp/db-100k [--workers 100000] [--shape targets|cht]
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import PouchDB from 'pouchdb';
import { Deployment } from './deployment';
import { CHT_SHAPE, TARGETS_SHAPE, previousMonthOf } from './deployment-shape';
import { ExpectedValues } from './expected-values';
import { HttpClient, basicAuth } from './http-client';
import { runExport, runFloor, runPreview, type Timed } from './methods';
import { sampleMemoryWhile } from './sampling';
import { REPO_ROOT, ServerProcess, type MemorySample } from './server-process';
import { serverCodeVersion } from './code-version';

const PASSWORD = 'restart-probe-password';
const mb = (bytes?: number) => (bytes === undefined ? 'n/a' : `${Math.round(bytes / 1024 / 1024)} MB`);
const split = (sample?: MemorySample) => `RSS ${mb(sample?.rss)} (heap ${mb(sample?.heap)} / native ${mb(sample?.native)} / mapped ${mb(sample?.mapped)})`;

const lines: string[] = [];
const say = (line: string) => {
  console.log(line);
  lines.push(line);
};

const generate = async (dir: string, deployment: Deployment) => {
  mkdirSync(path.join(dir, 'db'), { recursive: true });
  const db = new PouchDB(path.join(dir, 'db', 'medic'));
  const started = Date.now();
  for (const batch of deployment.batches(4000)) {
    await db.bulkDocs(batch as PouchDB.Core.PutDocument<object>[]);
  }
  await db.close();
  console.log(`Wrote ${deployment.docCount.toLocaleString('en')} docs into ${dir} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
};

const main = async () => {
  const { values } = parseArgs({ options: { dir: { type: 'string' }, workers: { type: 'string', default: '100000' }, shape: { type: 'string', default: 'targets' } } });
  if (!values.dir) {
    throw new Error('--dir DIR is required: the DATA_DIR to write the deployment into (kept between runs)');
  }
  const now = new Date();
  const month = previousMonthOf(`${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`);
  const deployment = new Deployment(Number(values.workers), month, undefined, values.shape === 'cht' ? CHT_SHAPE : TARGETS_SHAPE);
  const expected = ExpectedValues.of(deployment);
  if (!existsSync(path.join(values.dir, 'db', 'medic'))) {
    await generate(values.dir, deployment);
  }
  const measure = async (server: ServerProcess, what: string, run: () => Promise<Timed & { set?: Parameters<ExpectedValues['differences']>[0] }>) => {
    const { result, memory } = await sampleMemoryWhile([server], run);
    const wrong = result.set ? expected.differences(result.set, 15, { asFile: true }) : [];
    if (wrong.length > 0) {
      throw new Error(`${what} is wrong:\n  ${wrong.slice(0, 5).join('\n  ')}`);
    }
    say(`${what}: ${(result.ms / 1000).toFixed(1)} s, ${split({ ...memory[server.label]?.atPeak, rss: memory[server.label]?.peak })}`);
    return result.ms;
  };
  const start = async () => {
    const server = await ServerProcess.start({ label: 'server', dataDir: values.dir!, adminPassword: PASSWORD, startTimeoutMs: 600_000 });
    return { server, client: new HttpClient(server.url, basicAuth('admin', PASSWORD), 900_000) };
  };

  const first = await start();
  await measure(first.server, 'export after the first start (it saves the owners it reads when it stops)', () => runExport(first.client, deployment));
  first.client.close();
  await first.server.stop();

  const { server, client } = await start();
  say(`restarted in ${(server.startMs / 1000).toFixed(1)} s, idle ${split(server.rss())}`);
  const firstMs = await measure(server, 'first export, asked at once', () => runExport(client, deployment));
  const warmMs = await measure(server, 'second export', () => runExport(client, deployment));
  const floorMs = await measure(server, 'floor: the month\'s _all_docs scan', () => runFloor(client, deployment.month));
  await measure(server, 'preview', () => runPreview(client, deployment));
  say(`start + first export ${((server.startMs + firstMs) / 1000).toFixed(1)} s; first / second ${(firstMs / warmMs).toFixed(2)}; ` +
    `second / floor ${(warmMs / floorMs).toFixed(2)}`);
  server.logLines().filter(line => /lineages|Following/.test(line)).forEach(line => say(`server: ${line}`));
  const [load] = os.loadavg();
  const file = path.join(REPO_ROOT, 'bench', 'results', `restart-${deployment.shape.name}-${deployment.workers}.md`);
  writeFileSync(file, `# npm run bench:restart, ${deployment.workers.toLocaleString('en')} workers (${deployment.shape.name} shape, ` +
    `${deployment.docCount.toLocaleString('en')} docs), embedded\n\nServer code: ${serverCodeVersion()}. ${os.cpus().length} cores, ` +
    `load average ${load.toFixed(1)} at the end${load > os.cpus().length ? ' (the machine was busy: timings are noisy, compare ratios)' : ''}.\n\n` +
    `\`\`\`\n${lines.join('\n')}\n\`\`\`\n`);
  client.close();
  await server.stop();
};

main().catch(error => {
  console.error(error);
  process.exit(1);
});
