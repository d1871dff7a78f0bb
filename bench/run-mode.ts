import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Deployment } from './deployment';
import { ExpectedValues } from './expected-values';
import { runFreshnessChecks } from './freshness';
import { basicAuth, HttpClient } from './http-client';
import { loadDeployment } from './load';
import { TARGET_VALUES_VIEW } from '../server/src/sources/design-docs';
import { builtView, ExternalCouch } from './external-couch';
import { ORG_UNIT_VIEW_PATH, runChtMethod, runExport, runFloor, runPreview, type ChtRun, type PreviewRun } from './methods';
import { mergePeaks, pollSessionWhile, sampleMemoryWhile, type MemoryPeaks } from './sampling';
import { ServerProcess, type ServerOptions } from './server-process';
import { summarize } from './stats';
import { fmtMs, SERVER_UNDER_TEST, type Method, type Mode, type ModeOptions, type ModeResult } from './mode-result';
import { measureRestarts } from './restart-phase';

const BACK_SERVER = 'couchdb stand-in';

const progress = (message: string) => process.stderr.write(`${message}\n`);

/** Everything for one database mode: servers up, load, cold export, rounds, concurrency, freshness; servers down. */
export const runMode = async (mode: Mode, deployment: Deployment, options: ModeOptions): Promise<ModeResult> => {
  const dir = await mkdtemp(path.join(options.tempRoot, `${mode}-`));
  const auth = basicAuth('admin', options.adminPassword);
  const servers: ServerProcess[] = [];
  /** Every server process started in this mode, including the one restarted at the end. */
  const spawned: ServerProcess[] = [];
  const clients: HttpClient[] = [];
  let external: ExternalCouch | undefined;
  try {
    let exportServer!: ServerProcess;
    let reader: HttpClient;
    let exportAuth = auth;
    const underTest: ServerOptions = { label: SERVER_UNDER_TEST, dataDir: path.join(dir, 'server'), adminPassword: options.adminPassword };
    let setup: ModeResult['setup'];
    if (mode === 'embedded') {
      exportServer = await ServerProcess.start(underTest);
      servers.push(exportServer);
      spawned.push(exportServer);
      reader = new HttpClient(exportServer.url, auth);
      setup = { export: 'server (embedded PouchDB/LevelDB)', floorAndCht: 'the same server', load: 'the same server' };
    } else if (options.couchUrl) {
      external = await ExternalCouch.create(options.couchUrl);
      reader = external.client();
      underTest.couchUrl = external.couchUrl();
      exportAuth = external.authorization;
      const where = `${external.version} at ${external.origin}`;
      setup = { export: `server with COUCH_URL → ${where}`, floorAndCht: `${where} directly (where the data is)`, load: `${where} directly` };
    } else {
      const standIn = await ServerProcess.start({ label: BACK_SERVER, dataDir: path.join(dir, 'couchdb'), adminPassword: options.adminPassword });
      servers.push(standIn);
      spawned.push(standIn);
      reader = new HttpClient(standIn.url, auth);
      underTest.couchUrl = `http://admin:${encodeURIComponent(options.adminPassword)}@${new URL(standIn.url).host}/medic`;
      setup = {
        export: `server with COUCH_URL → ${BACK_SERVER}`,
        floorAndCht: `${BACK_SERVER} directly (where the data is)`,
        load: `${BACK_SERVER} directly`,
      };
    }
    clients.push(reader);
    if (servers.length > 0) {
      progress(`[${mode}] ${servers.map(server => `${server.label} at ${server.url} (pid ${server.pid})`).join('; ')}`);
    }

    const problems: string[] = [];
    const expected = ExpectedValues.of(deployment);
    const check = (what: string, set: Parameters<ExpectedValues['differences']>[0]) => {
      const differences = expected.differences(set, 15, { asFile: true });
      if (differences.length > 0) {
        problems.push(`${what} is wrong:\n    ${differences.join('\n    ')}`);
      }
      return differences.length === 0;
    };

    progress(`[${mode}] loading ${deployment.docCount.toLocaleString('en')} docs (${deployment.workers.toLocaleString('en')} workers) into ${setup.load}…`);
    const load = await loadDeployment(reader, deployment, { batchSize: options.batchSize, concurrency: options.loadConcurrency, label: mode });
    progress(`[${mode}] loaded in ${(load.ms / 1000).toFixed(1)} s`);

    let firstStart: ModeResult['firstStart'];
    if (mode === 'couchdb') {
      // A CHT's CouchDB has its views built: build the org-unit view (and, on a real CouchDB, the
      // server's target values view, which it keeps current once installed) before the server first starts.
      const viewStarted = performance.now();
      await reader.json(`/medic${ORG_UNIT_VIEW_PATH}?limit=0`);
      const views = external ? 'org-unit and target values views' : 'org-unit view';
      if (external) {
        await builtView(reader, `/medic/_design/${TARGET_VALUES_VIEW.replace('/', '/_view/')}?limit=0`);
      }
      const viewBuildMs = performance.now() - viewStarted;
      progress(`[${mode}] ${views} ready ${fmtMs(viewBuildMs)} after loading; starting the server under test against the populated database…`);
      exportServer = await ServerProcess.start(underTest);
      servers.push(exportServer);
      spawned.push(exportServer);
      progress(`[${mode}] ${exportServer.label} at ${exportServer.url} (pid ${exportServer.pid}) after ${fmtMs(exportServer.startMs)}`);
      firstStart = { viewBuildMs, views, startMs: exportServer.startMs, idleRss: exportServer.rssBytes(), firstExportMs: 0 };
    }
    const exporter = new HttpClient(exportServer.url, exportAuth);
    clients.push(exporter);

    progress(`[${mode}] ${mode === 'couchdb' ? 'first export right after the first start' : 'cold export (the first query after loading)'}…`);
    const beforeCold: MemoryPeaks = {};
    for (const server of servers) {
      beforeCold[server.label] = { before: server.rssBytes(), peak: server.rssBytes() };
    }
    const coldRun = await sampleMemoryWhile(servers, () => pollSessionWhile(exportServer.url, exportAuth, () => runExport(exporter, deployment)));
    const cold = { ms: coldRun.result.result.ms, memory: coldRun.memory, session: coldRun.result.session };
    check('cold export', coldRun.result.result.set);
    if (firstStart) {
      firstStart.firstExportMs = cold.ms;
      firstStart.firstExportPeakRss = coldRun.memory[SERVER_UNDER_TEST]?.peak;
      firstStart.firstExportPeakAnon = coldRun.memory[SERVER_UNDER_TEST]?.anonPeak;
      firstStart.firstExportSplit = coldRun.memory[SERVER_UNDER_TEST]?.atPeak;
    }
    progress(`[${mode}] cold export ${fmtMs(cold.ms)}`);

    progress(`[${mode}] first floor scan and CHT method (not counted)…`);
    const firstFloor = await runFloor(reader, deployment.month);
    const firstCht = await runChtMethod(reader, deployment);
    if (firstCht.targetDocs !== deployment.workers) {
      problems.push(`the month's scan returned ${firstCht.targetDocs} target docs, expected ${deployment.workers}`);
    }
    let chtMethodCorrect = expected.differences(firstCht.set).length === 0;
    const firstPreview = await runPreview(exporter, deployment);
    const previewMatches = (run: PreviewRun) => {
      const differences = expected.differences({
        dataSet: deployment.dataSet,
        period: deployment.month.replace('-', ''),
        completeDate: new Date().toISOString().slice(0, 10),
        dataValues: run.dataValues,
      });
      if (differences.length) {
        problems.push(`the preview's values differ from the generator's:\n    ${differences.join('\n    ')}`);
      }
      return differences.length === 0;
    };
    let previewCorrect = previewMatches(firstPreview);

    const runs: Record<Method, number[]> = { export: [], floor: [], cht: [], preview: [] };
    const chtSteps: ChtRun['steps'][] = [];
    const bytes = { export: 0, floor: firstFloor.bytes, cht: firstCht.bytes, preview: firstPreview.bytes };
    const memory = { beforeCold, export: {} as MemoryPeaks, floor: {} as MemoryPeaks, cht: {} as MemoryPeaks, preview: {} as MemoryPeaks };
    const order: Method[] = ['export', 'floor', 'cht', 'preview'];
    for (let round = 0; round < options.rounds; round++) {
      const methods = [...order.slice(round % order.length), ...order.slice(0, round % order.length)];
      for (const method of methods) {
        if (method === 'export') {
          const { result, memory: peaks } = await sampleMemoryWhile(servers, () => runExport(exporter, deployment));
          runs.export.push(result.ms);
          bytes.export = result.bytes;
          mergePeaks(memory.export, peaks);
          check(`export (round ${round + 1})`, result.set);
        } else if (method === 'floor') {
          const { result, memory: peaks } = await sampleMemoryWhile(servers, () => runFloor(reader, deployment.month));
          runs.floor.push(result.ms);
          mergePeaks(memory.floor, peaks);
        } else if (method === 'preview') {
          const { result, memory: peaks } = await sampleMemoryWhile(servers, () => runPreview(exporter, deployment));
          runs.preview.push(result.ms);
          mergePeaks(memory.preview, peaks);
          previewCorrect &&= previewMatches(result);
        } else {
          const { result, memory: peaks } = await sampleMemoryWhile(servers, () => runChtMethod(reader, deployment));
          runs.cht.push(result.ms);
          chtSteps.push(result.steps);
          mergePeaks(memory.cht, peaks);
          chtMethodCorrect &&= expected.differences(result.set).length === 0;
        }
      }
      progress(`[${mode}] round ${round + 1}/${options.rounds}: export ${fmtMs(runs.export.at(-1)!)}, floor ${fmtMs(runs.floor.at(-1)!)}, CHT method ${fmtMs(runs.cht.at(-1)!)}, preview ${fmtMs(runs.preview.at(-1)!)}`);
    }

    progress(`[${mode}] ${options.concurrentExports} concurrent exports…`);
    const concurrentRun = await sampleMemoryWhile(servers, () => pollSessionWhile(exportServer.url, exportAuth, async () => {
      const started = performance.now();
      const results = await Promise.all(Array.from({ length: options.concurrentExports }, () => runExport(exporter, deployment)));
      return { results, wallMs: performance.now() - started };
    }));
    const { results: concurrentResults, wallMs } = concurrentRun.result.result;
    const allCorrect = concurrentResults.every((result, index) => check(`concurrent export ${index + 1}`, result.set));
    const normalized = concurrentResults.map(result => JSON.stringify({ ...result.set, completeDate: '' }));
    const identical = normalized.every(text => text === normalized[0]);
    if (!identical) {
      problems.push(`the ${options.concurrentExports} concurrent exports are not identical`);
    }
    progress(`[${mode}] concurrent: ${fmtMs(wallMs)} for all, /_session max ${fmtMs(concurrentRun.result.session.maxMs)}`);

    progress(`[${mode}] freshness checks (write, then export at once)…`);
    const freshness = await runFreshnessChecks(exporter, exporter, deployment, expected);
    for (const failed of freshness.filter(({ ok }) => !ok)) {
      problems.push(`freshness: after "${failed.name}" the export is wrong:\n    ${failed.differences.join('\n    ')}`);
    }

    const { restart, logsBeforeRestart } = await measureRestarts({
      mode, deployment, exportServer, underTest, exportAuth, servers, spawned, clients, check,
    });

    return {
      mode,
      setup,
      firstStart,
      restart,
      load,
      cold,
      firstRuns: { floorMs: firstFloor.ms, chtMs: firstCht.ms, previewMs: firstPreview.ms },
      runs,
      summary: {
        export: summarize(runs.export),
        floor: summarize(runs.floor),
        cht: summarize(runs.cht),
        preview: summarize(runs.preview),
        chtSteps: {
          scan: summarize(chtSteps.map(step => step.scan)).median,
          view: summarize(chtSteps.map(step => step.view)).median,
          owners: summarize(chtSteps.map(step => step.owners)).median,
          aggregate: summarize(chtSteps.map(step => step.aggregate)).median,
        },
      },
      bytes,
      memory,
      concurrent: {
        count: options.concurrentExports,
        wallMs,
        each: summarize(concurrentResults.map(result => result.ms)),
        allCorrect,
        identical,
        session: concurrentRun.result.session,
        memory: concurrentRun.memory,
      },
      chtMethodCorrect,
      previewCorrect,
      freshness,
      serverCode: [...new Set(spawned.map(server => server.codeVersion))],
      serverLogs: {
        ...Object.fromEntries(servers.map(server => [server.label, server.logLines().slice(-60)])),
        [`${SERVER_UNDER_TEST} (before the restart)`]: logsBeforeRestart,
      },
      problems,
    };
  } catch (error) {
    for (const server of servers) {
      progress(`[${mode}] last output of ${server.label}:\n${server.tail()}`);
    }
    throw error;
  } finally {
    clients.forEach(client => client.close());
    await Promise.all(servers.map(server => server.stop()));
    await external?.drop().catch(error => progress(`[${mode}] could not delete the benchmark's database on CouchDB: ${(error as Error).message}`));
    await rm(dir, { recursive: true, force: true });
  }
};
