/**
 * The preview's cost against the export's, in one process on the same data: the bench deployment
 * (with its user-settings docs) loaded into a LevelDB database, then export and preview run in
 * alternation, each with its serialisation (the file; the preview's JSON).
 *
 *   npm run bench:preview -- [--workers N] [--rounds R] [--month YYYY-MM]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import PouchDB from 'pouchdb';
import { ContactIndex } from '../server/src/sources/contact-index';
import { exportDataValueSet } from '../server/src/export/export-data-value-set';
import { previewExport } from '../server/src/export/export-preview';
import type { ExportRequest } from '../server/src/export/export-request';
import { formats } from '../server/src/export/formats';
import { PouchExportSource } from '../server/src/sources/pouch-export-source';
import { Deployment } from './deployment';
import { TARGETS_SHAPE, previousMonthOf } from './deployment-shape';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const lastMonth = () => {
  const now = new Date();
  return previousMonthOf(`${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`);
};

const main = async () => {
  const { values } = parseArgs({ options: { workers: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '5' }, month: { type: 'string' } } });
  const workers = Number(values.workers);
  const rounds = Number(values.rounds);
  const month = values.month ?? lastMonth();
  // the export's and the preview's work grows with the health workers, not the patients: target-docs shape
  const deployment = new Deployment(workers, month, undefined, TARGETS_SHAPE);
  const dir = await mkdtemp(path.join(os.tmpdir(), `cht-dhis-preview-cost-${process.pid}-`));
  const db = new PouchDB(path.join(dir, 'medic'));
  try {
    const loadStart = Date.now();
    for (const batch of deployment.batches(4000)) {
      await db.bulkDocs(batch as PouchDB.Core.PutDocument<object>[]);
    }
    process.stderr.write(`Loaded ${deployment.docCount.toLocaleString('en')} docs (${workers.toLocaleString('en')} health workers) in ${((Date.now() - loadStart) / 1000).toFixed(1)} s\n`);
    const contacts = new ContactIndex(db);
    await contacts.catchUp();
    const source = new PouchExportSource(db, contacts);
    const [year, monthNumber] = month.split('-').map(Number);
    const request: ExportRequest = { dataSet: deployment.dataSet, period: { type: 'Monthly', year, month: monthNumber }, humanReadable: false, format: 'json', omitZeros: false };

    const exportOnce = async () => {
      const result = await exportDataValueSet(source, request);
      return formats.json.serialize(result.dataValueSet, { period: result.period, now: new Date(), humanReadable: false }).length;
    };
    const previewOnce = async () => JSON.stringify(await previewExport(source, request)).length;
    // one of each unmeasured: caches warm for both
    await exportOnce();
    const preview = await previewExport(source, request);
    const times = { export: [] as number[], preview: [] as number[] };
    for (let round = 0; round < rounds; round++) {
      for (const [name, run] of (round % 2 ? [['preview', previewOnce], ['export', exportOnce]] : [['export', exportOnce], ['preview', previewOnce]]) as Array<['export' | 'preview', () => Promise<number>]>) {
        const start = process.hrtime.bigint();
        await run();
        times[name].push(Number(process.hrtime.bigint() - start) / 1e6);
      }
    }
    const exportMs = median(times.export);
    const previewMs = median(times.preview);
    const missing = preview.coverage.reduce((sum, unit) => sum + unit.missingWorkers.length, 0);
    const stale = preview.coverage.reduce((sum, unit) => sum + unit.staleWorkers.length, 0);
    console.log(`Preview vs export, ${workers.toLocaleString('en')} health workers, month ${month}, ${rounds} rounds each, alternating (Node ${process.version}, ${os.cpus()[0]?.model}, ${os.cpus().length} cores)`);
    console.log(`  export:  median ${exportMs.toFixed(0)} ms (${times.export.map(ms => ms.toFixed(0)).join(', ')})`);
    console.log(`  preview: median ${previewMs.toFixed(0)} ms (${times.preview.map(ms => ms.toFixed(0)).join(', ')})`);
    console.log(`  preview / export: ${(previewMs / exportMs).toFixed(2)} (target ≤ 1.20)`);
    console.log(`  preview found ${preview.counts.healthWorkers.toLocaleString('en')} health workers; ${missing.toLocaleString('en')} missing and ${stale.toLocaleString('en')} stale entries ` +
      `across ${preview.coverage.length} org units; checks: ${preview.checks.map(({ code }) => code).join(', ')}`);
  } finally {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
};

main().catch(error => {
  console.error(error);
  process.exit(1);
});
