import type { Deployment } from './deployment';
import { docsPerWorker, type Shape } from './deployment-shape';
import type { Machine } from './machine';
import type { BenchOptions } from './options';
import { fmtMs, SERVER_UNDER_TEST, type Mode, type ModeResult } from './mode-result';
import type { MemoryPeaks } from './sampling';
import type { MemorySample } from './server-process';
import type { Summary } from './stats';

export interface TargetCheck {
  target: string;
  measured: string;
  pass: boolean;
}

export interface ModeFailure {
  mode: Mode;
  error: string;
}

const MB = 1024 * 1024;
const fmtMb = (bytes: number | undefined) => (bytes === undefined ? 'n/a' : `${Math.round(bytes / MB)} MB`);
const fmtRatio = (ratio: number) => (Number.isFinite(ratio) ? ratio.toFixed(2) : 'n/a');
/** Three decimals where a target is judged, so 0.604 does not read as a failed 0.60. */
const fmtTargetRatio = (ratio: number) => (Number.isFinite(ratio) ? ratio.toFixed(3) : 'n/a');
const fmtRange = ({ min, max }: Summary) => `${fmtMs(min)} – ${fmtMs(max)}`;
const fmtBytes = (bytes: number) => (bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} kB`);
const count = (value: number) => value.toLocaleString('en');
const peakOf = (peaks: MemoryPeaks, label = SERVER_UNDER_TEST) => peaks[label]?.peak;
/** The RSS at its peak, split: V8's heap, the rest of the anonymous memory (native), and mapped file pages. */
const fmtSplit = (split: MemorySample | undefined) =>
  split ? `heap ${fmtMb(split.heap)} / native ${fmtMb(split.native)} / mapped ${fmtMb(split.mapped)}` : 'split n/a';

/**
 * The server under test's highest RSS while exporting, in a fresh process (restarted on the same
 * data): RSS rarely shrinks, so peaks during the run also hold what loading and the floor scans took.
 */
export const exportPeakRss = (result: ModeResult): number | undefined => exportPeak(result)?.rss;

/** The highest of those peaks, with its split. */
export const exportPeak = (result: ModeResult): MemorySample | undefined => {
  const peaks: MemorySample[] = [
    { ...result.restart.firstExportSplit, rss: result.restart.firstExportPeakRss },
    { ...result.restart.laterExportsSplit, rss: result.restart.laterExportsPeakRss },
    ...(result.firstStart ? [{ ...result.firstStart.firstExportSplit, rss: result.firstStart.firstExportPeakRss }] : []),
  ].filter(peak => peak.rss !== undefined);
  return peaks.sort((a, b) => b.rss! - a.rss!)[0];
};

/** The server under test's highest RSS over the whole run: loading, exporting, and serving the floor scans and the CHT method. */
const runPeak = (result: ModeResult): MemorySample | undefined => {
  const all = [result.cold.memory, result.memory.export, result.memory.floor, result.memory.cht, result.memory.preview, result.concurrent.memory]
    .map(peaks => peaks[SERVER_UNDER_TEST]).filter(peak => peak?.peak !== undefined);
  const highest = all.sort((a, b) => b!.peak! - a!.peak!)[0];
  return highest && { ...highest.atPeak, rss: highest.peak };
};

/** Start (or restart) → first export complete: the longest of the starts measured in this mode. */
export const startToFirstExport = (result: ModeResult): { ms: number; what: string } => {
  const restart = result.restart.startMs + result.restart.firstExportMs;
  const first = result.firstStart ? result.firstStart.startMs + result.firstStart.firstExportMs : 0;
  return first > restart
    ? { ms: first, what: `first start ${fmtMs(first)}, restart ${fmtMs(restart)}` }
    : { ms: restart, what: result.firstStart ? `restart ${fmtMs(restart)}, first start ${fmtMs(first)}` : `restart ${fmtMs(restart)}` };
};

/**
 * The targets, measured in this run (issues 5, 11 and 25): RSS ≤ 200 MB at the CHT shape and
 * 300 MB with target docs only (a fresh process exporting), 250 MB for a restarted process of up to
 * 20,000 workers exporting 10 at once, previewing and serving scans; a/b ≤ 0.8 against a real CouchDB (the export reads a view's
 * rows), ≤ 1 embedded (never above its own scan), ≤ 1.25 against the stand-in.
 */
export const targetChecks = (result: ModeResult, shape: Shape['name'] = 'cht', workers = 0, realCouch = false): TargetCheck[] => {
  const { summary, cold, concurrent } = result;
  const rssTarget = shape === 'cht' ? 200 : 300;
  const abTarget = result.mode === 'embedded' ? 1 : realCouch ? 0.8 : 1.25;
  const start = startToFirstExport(result);
  const ab = summary.export.median / summary.floor.median;
  const ac = summary.export.median / summary.cht.median;
  const pa = summary.preview.median / summary.export.median;
  const coldRatio = cold.ms / summary.export.median;
  const peak = exportPeak(result);
  const rss = peak?.rss;
  const whole = runPeak(result);
  const serving = { ...result.restart.servingSplit, rss: result.restart.servingPeakRss };
  const freshFailed = result.freshness.filter(check => !check.ok).length;
  const wrong = result.problems.filter(problem => !problem.startsWith('freshness') && !problem.includes('concurrent')).length;
  return [
    { target: `warm export ≤ ${abTarget} × floor (a/b)`, measured: fmtTargetRatio(ab), pass: ab <= abTarget },
    { target: 'warm export ≤ 0.6 × CHT method (a/c)', measured: fmtTargetRatio(ac), pass: ac <= 0.6 },
    { target: 'preview ≤ 1.1 × export (p/a)', measured: fmtTargetRatio(pa), pass: pa <= 1.1 },
    { target: 'cold export ≤ 2 × warm export', measured: `${fmtRatio(coldRatio)} (${fmtMs(cold.ms)} vs ${fmtMs(summary.export.median)})`, pass: coldRatio <= 2 },
    { target: 'start → first export complete ≤ 10 s (asked at once)', measured: start.what, pass: start.ms <= 10_000 },
    {
      target: `server RSS peak ≤ ${rssTarget} MB (fresh process: started, then exporting)`,
      measured: `${fmtMb(rss)} (${fmtSplit(peak)})`, pass: rss !== undefined && rss <= rssTarget * MB,
    },
    ...(shape === 'targets' && workers <= 20_000 && result.mode === 'embedded' ? [{
      target: 'server RSS peak ≤ 250 MB exporting (10 at once), previewing and serving scans (restarted process)',
      measured: `${fmtMb(serving.rss)} (${fmtSplit(serving)})`, pass: serving.rss !== undefined && serving.rss <= 250 * MB,
    }] : [{ target: 'server RSS peak exporting (10 at once), previewing and serving scans (restarted process; no target at this size)', measured: `${fmtMb(serving.rss)} (${fmtSplit(serving)})`, pass: true }]),
    { target: 'server RSS peak over the whole run, the bulk load included (no target)', measured: `${fmtMb(whole?.rss)} (${fmtSplit(whole)})`, pass: true },
    {
      target: `GET /_session during ${concurrent.count} concurrent exports < 1 s`,
      measured: `max ${fmtMs(concurrent.session.maxMs)}${concurrent.session.failures ? `, ${concurrent.session.failures} failed` : ''}`,
      pass: concurrent.session.maxMs < 1000 && concurrent.session.failures === 0,
    },
    {
      target: `${concurrent.count} concurrent exports correct and identical`,
      measured: `${concurrent.allCorrect ? 'correct' : 'WRONG'}, ${concurrent.identical ? 'identical' : 'DIFFERENT'}`,
      pass: concurrent.allCorrect && concurrent.identical,
    },
    {
      target: 'export reflects every acknowledged write',
      measured: `${result.freshness.length - freshFailed} of ${result.freshness.length} checks`,
      pass: freshFailed === 0 && result.freshness.length > 0,
    },
    { target: 'every export\'s sums match the generator', measured: wrong === 0 ? 'all match' : `${wrong} wrong`, pass: wrong === 0 },
  ];
};

const otherLoad = (machine: Machine) => {
  const other = machine.otherCpu;
  // The load average at start still counts a run that just ended; the CPU others used while this one ran says more.
  const busy = other !== undefined ? other.averageCores > 0.25 : machine.loadAverageAtStart > machine.cores * 0.5;
  return `load average ${machine.loadAverageAtStart.toFixed(2)} at start` +
    (other ? `; other processes used ${other.averageCores.toFixed(2)} cores on average (peak ${other.peakCores.toFixed(2)}) during the run` : '') +
    (busy ? ' — **the machine was busy with other work: timings are noisy**' : '');
};

const passFail = (pass: boolean) => (pass ? '✅ pass' : '❌ FAIL');

const modeTitle = (result: ModeResult) => (result.mode === 'embedded' ? 'embedded database' : 'COUCH_URL mode');

const modeSection = (result: ModeResult): string[] => {
  const { summary, cold, concurrent, memory, load, bytes } = result;
  const hasBack = Object.keys(memory.beforeCold).length > 1;
  const rssLine = (title: string, peaks: MemoryPeaks) => {
    const labels = Object.keys(peaks);
    return `| ${title} | ${labels.map(label => `${label}: ${fmtMb(peaks[label]?.peak)}`).join(', ')} | | ` +
      `${fmtSplit(peaks[SERVER_UNDER_TEST]?.atPeak)} (server under test, at its peak); ` +
      `RSS when it began: ${labels.map(label => `${label} ${fmtMb(peaks[label]?.before)}`).join(', ')} |`;
  };
  const steps = summary.chtSteps;
  return [
    `## ${modeTitle(result)}`,
    '',
    `Export through: ${result.setup.export}. Floor and CHT method against: ${result.setup.floorAndCht}. Loaded into: ${result.setup.load}.`,
    '',
    result.serverCode.length === 1
      ? `Server code: ${result.serverCode[0]}.`
      : `⚠ **The server's code changed during this mode** (${result.serverCode.join(' → ')}): these figures mix versions; run again.`,
    '',
    '| measure | median | min – max | notes |',
    '|---|---:|---:|---|',
    `| load: \`POST /medic/_bulk_docs\` | ${fmtMs(load.ms)} | | ${count(load.docs)} docs in ${count(load.batches)} requests, ${count(Math.round(load.docsPerSecond))} docs/s |`,
    `| **(a) export** \`GET /api/v2/export/dhis\` | **${fmtMs(summary.export.median)}** | ${fmtRange(summary.export)} | ${summary.export.n} runs; ${fmtBytes(bytes.export)} response |`,
    `| (b) floor: \`_all_docs\` range scan, \`include_docs\` | ${fmtMs(summary.floor.median)} | ${fmtRange(summary.floor)} | ${summary.floor.n} runs; ${fmtBytes(bytes.floor)} read; first run ${fmtMs(result.firstRuns.floorMs)} (not counted) |`,
    `| (c) CHT method: scan + org-unit view + owners by key + sums | ${fmtMs(summary.cht.median)} | ${fmtRange(summary.cht)} | medians: scan ${fmtMs(steps.scan)}, view ${fmtMs(steps.view)}, owners ${fmtMs(steps.owners)}, sums ${fmtMs(steps.aggregate)}; first run ${fmtMs(result.firstRuns.chtMs)} (not counted); sums ${result.chtMethodCorrect ? 'correct' : 'differ from the generator'} |`,
    ...(result.firstStart ? [
      `| ${result.firstStart.views ?? 'org-unit view'} built after loading (CouchDB, before the server starts) | ${fmtMs(result.firstStart.viewBuildMs)} | | as a CHT has it |`,
      `| **first start against the populated database → first export complete** | **${fmtMs(result.firstStart.startMs + result.firstStart.firstExportMs)}** | | start ${fmtMs(result.firstStart.startMs)} + export ${fmtMs(result.firstStart.firstExportMs)}; idle RSS ${fmtMb(result.firstStart.idleRss)}, peak ${fmtMb(result.firstStart.firstExportPeakRss)} (anonymous ${fmtMb(result.firstStart.firstExportPeakAnon)}) |`,
    ] : []),
    `| **cold export** (${result.firstStart ? 'the first export after the first start' : 'first query after loading'}) | **${fmtMs(cold.ms)}** | | \`/_session\` meanwhile: max ${fmtMs(cold.session.maxMs)} over ${cold.session.polls} polls |`,
    `| (p) preview \`GET /api/v2/export/dhis/preview\` (NDJSON, as the page asks) | ${fmtMs(summary.preview.median)} | ${fmtRange(summary.preview)} | ${summary.preview.n} runs; ${fmtBytes(bytes.preview)} response (values with names, coverage with the missing and stale health workers, checks); first run ${fmtMs(result.firstRuns.previewMs)} (not counted); values ${result.previewCorrect ? 'correct' : 'differ from the generator'} |`,
    `| a / b | **${fmtRatio(summary.export.median / summary.floor.median)}** | | medians |`,
    `| a / c | **${fmtRatio(summary.export.median / summary.cht.median)}** | | medians |`,
    `| p / a | **${fmtRatio(summary.preview.median / summary.export.median)}** | | medians |`,
    `| cold / warm export | **${fmtRatio(cold.ms / summary.export.median)}** | | |`,
    `| ${concurrent.count} concurrent exports | ${fmtMs(concurrent.wallMs)} for all | each ${fmtRange(concurrent.each)} | ${concurrent.allCorrect ? 'all correct' : 'WRONG'}, ${concurrent.identical ? 'identical' : 'NOT identical'} |`,
    `| \`GET /_session\` every 100 ms meanwhile | max ${fmtMs(concurrent.session.maxMs)} | | median ${fmtMs(concurrent.session.medianMs)}, ${concurrent.session.polls} polls, ${concurrent.session.failures} failed |`,
    `| RSS before the cold export | ${Object.entries(memory.beforeCold).map(([label, { before }]) => `${label}: ${fmtMb(before)}`).join(', ')} | | after loading |`,
    `| server restarted on the same data: start, idle RSS | ${fmtMs(result.restart.startMs)} | | idle ${fmtMb(result.restart.idleRss)} right after "running at" |`,
    `| first export after the restart | ${fmtMs(result.restart.firstExportMs)} | | **RSS peak ${fmtMb(result.restart.firstExportPeakRss)}** (${fmtSplit(result.restart.firstExportSplit)}) |`,
    `| **restart → first export complete** | **${fmtMs(result.restart.startMs + result.restart.firstExportMs)}** | | |`,
    `| next 3 exports after the restart | ${fmtMs(result.restart.laterExports.median)} | ${fmtRange(result.restart.laterExports)} | **RSS peak ${fmtMb(result.restart.laterExportsPeakRss)}** (${fmtSplit(result.restart.laterExportsSplit)}) |`,
    `| then 10 exports at once, a preview and two scans together | | | **RSS peak ${fmtMb(result.restart.servingPeakRss)}** (${fmtSplit(result.restart.servingSplit)}) |`,
    ...(result.restart.afterWarmUp ? [
      `| restarted again: first export once the health workers' lineages are known (warm-up, or the saved file) | ${fmtMs(result.restart.afterWarmUp.exportMs)} | | known ${fmtMs(result.restart.afterWarmUp.warmUpMs)} after the start; an export asked before a warm-up ends reads the owners itself |`,
    ] : []),
    rssLine('RSS peak, cold export', cold.memory),
    rssLine('RSS peak, warm exports', memory.export),
    rssLine(`RSS peak, ${concurrent.count} concurrent exports`, concurrent.memory),
    rssLine('RSS peak, floor scans (reference)', memory.floor),
    rssLine('RSS peak, CHT method (reference)', memory.cht),
    rssLine('RSS peak, previews', memory.preview),
    '',
    'RSS is VmRSS, sampled every 50 ms; "anonymous" is its RssAnon part, without the file pages LevelDB maps from the database\'s files. The peaks during the run include memory taken by loading and by the floor scans and ' +
      'CHT method (RSS seldom shrinks); the restarted process shows what exporting itself costs, and is what the target is checked on.' +
      (hasBack ? ` \`${SERVER_UNDER_TEST}\` is the server under test; the CouchDB stand-in is shown for reference.` : ''),
    '',
    '### Freshness: write, wait for the acknowledgement only, export at once',
    '',
    '| write | export right after | result |',
    '|---|---:|---|',
    ...result.freshness.map(check => `| ${check.name} | ${fmtMs(check.exportMs)} | ${check.ok ? '✅ reflected' : `❌ ${check.differences.slice(0, 3).join('; ')}`} |`),
    '',
  ];
};

export const buildReport = (
  machine: Machine,
  options: BenchOptions,
  deployment: Deployment,
  results: ModeResult[],
  failures: ModeFailure[],
): string => {
  const modes = [...results.map(result => result.mode), ...failures.map(failure => failure.mode)];
  const checks = new Map(results.map(result => [result.mode, targetChecks(result, deployment.shape.name, deployment.workers, options.couchUrl !== undefined)]));
  const { shape } = deployment;
  const targetNames = [...(checks.values().next().value ?? [])].map(check => check.target);
  const lines = [
    `# DHIS2 export benchmark: ${count(deployment.workers)} health workers, ${deployment.shape.name} shape`,
    '',
    '| machine and run | |',
    '|---|---|',
    `| CPU | ${machine.cpu}, ${machine.cores} cores |`,
    `| RAM | ${(machine.ramBytes / 1024 ** 3).toFixed(1)} GiB |`,
    `| Node | ${machine.node} |`,
    `| OS | ${machine.os} |`,
    `| date | ${machine.date} |`,
    `| commit at start | ${machine.commit} |`,
    `| other load | ${otherLoad(machine)} |`,
    `| deployment | ${count(deployment.workers)} workers (N), ${count(deployment.centreCount)} health centres + 1 district, all mapped to org units; ` +
      `${shape.name} shape, ${count(docsPerWorker(shape))} docs a worker (area, worker, user-settings, ${shape.households} households × (1 + ${shape.members} members), ` +
      `${shape.reports} reports, ${shape.tasks} tasks, ${shape.months} months of target docs); ` +
      `${count(deployment.docCount)} docs: ${count(deployment.workers)} target docs for ${deployment.month}, ${count(deployment.workers * (shape.months - 1))} for earlier months (noise); ` +
      `${deployment.mappedTargets.length} targets mapped to data elements, ${deployment.unmappedTargetIds.length} unmapped; seed ${deployment.seed} |`,
    `| export | ${count(deployment.centreCount + 1)} org units × ${deployment.mappedTargets.length} data elements |`,
    `| runs | ${options.rounds} rounds, export / floor / CHT method / preview alternating (order rotated each round); ${options.concurrentExports} concurrent exports; load ${options.batchSize} docs a request, ${options.loadConcurrency} in flight |`,
    '',
    `## Targets (issues 5, 11, 12 and 25)`,
    '',
    `| target | ${modes.map(mode => (mode === 'embedded' ? 'embedded' : 'COUCH_URL')).join(' | ')} |`,
    `|---|${modes.map(() => '---|').join('')}`,
    ...targetNames.map(name => `| ${name} | ${modes.map(mode => {
      const check = checks.get(mode)?.find(candidate => candidate.target === name);
      return check ? `${passFail(check.pass)} ${check.measured}` : 'not run';
    }).join(' | ')} |`),
    '',
    ...results.flatMap(modeSection),
    ...failures.flatMap(failure => [`## ${failure.mode}: the run failed`, '', '```', failure.error, '```', '']),
  ];
  const problems = results.flatMap(result => result.problems.map(problem => `- ${result.mode}: ${problem}`));
  if (problems.length > 0) {
    lines.push('## Wrong answers', '', ...problems, '');
  }
  return `${lines.join('\n')}\n`;
};
