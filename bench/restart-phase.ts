import type { Deployment } from './deployment';
import { HttpClient } from './http-client';
import { fmtMs, mb, SERVER_UNDER_TEST, type Mode, type ModeResult } from './mode-result';
import { runExport, runFloor, runPreview } from './methods';
import { sampleMemoryWhile } from './sampling';
import { ServerProcess, type ServerOptions } from './server-process';
import { summarize } from './stats';
import type { ExpectedValues } from './expected-values';

const progress = (message: string) => process.stderr.write(`${message}\n`);

export interface RestartContext {
  mode: Mode;
  deployment: Deployment;
  exportServer: ServerProcess;
  underTest: ServerOptions;
  exportAuth: string;
  /** The servers running now, and every one started in this mode: a restart updates both. */
  servers: ServerProcess[];
  spawned: ServerProcess[];
  clients: HttpClient[];
  check: (what: string, set: Parameters<ExpectedValues['differences']>[0]) => boolean;
}

/**
 * The server under test restarted on the same data: a fresh process's memory and times while it
 * exports, then restarted once more and left to warm up before its first export.
 */
export const measureRestarts = async (
  { mode, deployment, exportServer, underTest, exportAuth, servers, spawned, clients, check }: RestartContext,
): Promise<{ restart: ModeResult['restart']; logsBeforeRestart: string[] }> => {
  // RSS seldom shrinks: after loading and the floor scans, the peaks above hold memory the
  // export did not ask for. A fresh process of the server under test shows what exporting costs.
  progress(`[${mode}] restarting the server under test to measure a fresh process while it exports…`);
  const logsBeforeRestart = exportServer.logLines().slice(-60);
  /** Stops `running` and starts the server under test again on the same data. */
  const restartServer = async (running: ServerProcess) => {
    await running.stop();
    servers.splice(servers.indexOf(running), 1);
    const started = await ServerProcess.start(underTest);
    servers.push(started);
    spawned.push(started);
    const exporter = new HttpClient(started.url, exportAuth);
    clients.push(exporter);
    return { server: started, exporter };
  };
  const { server: fresh, exporter: freshExporter } = await restartServer(exportServer);
  const idleRss = fresh.rssBytes();
  const firstAfterRestart = await sampleMemoryWhile([fresh], () => runExport(freshExporter, deployment));
  check('first export after a restart', firstAfterRestart.result.set);
  const laterAfterRestart = await sampleMemoryWhile([fresh], async () => {
    const times: number[] = [];
    for (let run = 0; run < 3; run++) {
      const result = await runExport(freshExporter, deployment);
      check(`export ${run + 2} after a restart`, result.set);
      times.push(result.ms);
    }
    return times;
  });
  progress(`[${mode}] the restarted server exporting 10 at once, previewing and serving two scans together…`);
  const serving = await sampleMemoryWhile([fresh], () => Promise.all([
    ...Array.from({ length: 10 }, () => runExport(freshExporter, deployment).then(result => check('an export while serving', result.set))),
    runPreview(freshExporter, deployment),
    runFloor(freshExporter, deployment.month),
    runFloor(freshExporter, deployment.month),
  ]));
  progress(`[${mode}] restarting once more, waiting for the warm-up, then exporting…`);
  const { server: warmed, exporter: warmedExporter } = await restartServer(fresh);
  const warmUpStarted = performance.now();
  // The warm-up reads the lineages, or the saved ones were read at start (embedded) and there is none.
  const warm = (line: string) => line.includes('ahead of the first export') || line.includes('Read the saved lineages');
  while (!warmed.logLines().some(warm) && performance.now() - warmUpStarted < 10 * 60_000) {
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  const warmUpMs = warmed.startMs + performance.now() - warmUpStarted;
  const afterWarmUpRun = await runExport(warmedExporter, deployment);
  check('first export after a restart and its warm-up', afterWarmUpRun.set);
  const restart = {
    afterWarmUp: { warmUpMs, exportMs: afterWarmUpRun.ms },
    startMs: fresh.startMs,
    idleRss,
    firstExportMs: firstAfterRestart.result.ms,
    firstExportPeakRss: firstAfterRestart.memory[SERVER_UNDER_TEST]?.peak,
    firstExportPeakAnon: firstAfterRestart.memory[SERVER_UNDER_TEST]?.anonPeak,
    firstExportSplit: firstAfterRestart.memory[SERVER_UNDER_TEST]?.atPeak,
    laterExports: summarize(laterAfterRestart.result),
    laterExportsPeakRss: laterAfterRestart.memory[SERVER_UNDER_TEST]?.peak,
    laterExportsPeakAnon: laterAfterRestart.memory[SERVER_UNDER_TEST]?.anonPeak,
    laterExportsSplit: laterAfterRestart.memory[SERVER_UNDER_TEST]?.atPeak,
    servingPeakRss: serving.memory[SERVER_UNDER_TEST]?.peak,
    servingSplit: serving.memory[SERVER_UNDER_TEST]?.atPeak,
  };
  progress(`[${mode}] after a restart: idle ${mb(idleRss)}, first export ${fmtMs(restart.firstExportMs)} (peak ${mb(restart.firstExportPeakRss)}), ` +
    `then ${fmtMs(restart.laterExports.median)} (peak ${mb(restart.laterExportsPeakRss)}); after the warm-up (${fmtMs(warmUpMs)} from the start) ${fmtMs(afterWarmUpRun.ms)}`);
  return { restart, logsBeforeRestart };
};
