/**
 * The compare's cost against the export's, in one process on the same data: 500 health centres
 * mapped to DHIS2 org units, 20 targets mapped to 20 data elements (10,000 values), 4 health workers
 * per centre; the DHIS2 stand-in holds values for most of them (some equal, some different, some
 * that the CHT now has as 0). Export and compare run in alternation, the same selection; the compare
 * includes its own export (one code path) and its reads from DHIS2, with DHIS2's metadata cached
 * (as when a manager compares again) and without.
 *
 *   npm run bench:compare -- [--rounds R]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import PouchDB from 'pouchdb';
import { compareWithDhis2 } from '../server/src/dhis2/compare/compare-with-dhis2';
import type { DataSetMetadata } from '../server/src/dhis2/compare/data-set-metadata';
import { MetadataCache } from '../server/src/dhis2/compare/metadata-cache';
import { ContactIndex } from '../server/src/sources/contact-index';
import { exportDataValueSet } from '../server/src/export/export-data-value-set';
import type { ExportRequest } from '../server/src/export/export-request';
import { formats } from '../server/src/export/formats';
import { PouchExportSource } from '../server/src/sources/pouch-export-source';
import { startDhis2StandIn } from '../server/test/dhis2-stand-in';
import { DEFAULT_COC, importMetadataOf, type StandInCatalogue } from '../server/test/dhis2-stand-in-metadata';

const ORG_UNITS = 500;
const DATA_ELEMENTS = 20;
const WORKERS_PER_CENTRE = 4;
const DS = 'dsBenchComp';
const TOKEN = 'd2pat_benchCompare00000000000000001';
const YEAR = 2026;
const MONTH = 10;

const orgUnit = (i: number) => `ouBench${String(i).padStart(4, '0')}`;
const dataElement = (i: number) => `deBench${String(i).padStart(4, '0')}`;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const docs = () => {
  const targets = Array.from({ length: DATA_ELEMENTS }, (_, i) => ({ id: `target-${i}`, dhis: { dataElement: dataElement(i) } }));
  const all: object[] = [{
    _id: 'settings',
    settings: { dhis_data_sets: [{ id: DS }], permissions: { can_export_dhis: ['manager'] }, tasks: { targets: { items: targets } } },
  }];
  for (let c = 0; c < ORG_UNITS; c++) {
    all.push({ _id: `hc${c}`, type: 'health_center', name: `Centre ${c}`, dhis: { orgUnit: orgUnit(c) } });
    for (let w = 0; w < WORKERS_PER_CENTRE; w++) {
      const owner = `chw${c}-${w}`;
      all.push({ _id: owner, type: 'person', name: owner, parent: { _id: `hc${c}` } });
      all.push({
        _id: `target~${YEAR}-${MONTH}~${owner}~org.couchdb.user:${owner}`, type: 'target', owner, user: `org.couchdb.user:${owner}`,
        reporting_period: `${YEAR}-${MONTH}`,
        // every 7th centre has nothing for the last data element: the CHT sends 0 there
        targets: targets.map((target, i) => ({ id: target.id, value: { pass: 1, total: i === DATA_ELEMENTS - 1 && c % 7 === 0 ? 0 : (c + w + i) % 5 } })),
      });
    }
  }
  return all;
};

const main = async () => {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
  const rounds = Number(values.rounds);
  const dir = await mkdtemp(path.join(os.tmpdir(), `cht-dhis-compare-cost-${process.pid}-`));
  const db = new PouchDB(path.join(dir, 'medic'));
  const catalogue: StandInCatalogue = {
    dataSets: { [DS]: { name: 'Bench', periodType: 'Monthly', dataSetElements: Array.from({ length: DATA_ELEMENTS }, (_, i) => ({ dataElement: dataElement(i) })),
      organisationUnits: Array.from({ length: ORG_UNITS }, (_, i) => orgUnit(i)) } },
    dataElements: Object.fromEntries(Array.from({ length: DATA_ELEMENTS }, (_, i) => [dataElement(i), { name: `Element ${i}`, valueType: 'INTEGER_ZERO_OR_POSITIVE', zeroIsSignificant: true }])),
    orgUnits: Object.fromEntries(Array.from({ length: ORG_UNITS }, (_, i) => [orgUnit(i), `Org unit ${i}`])),
  };
  const dhis2 = await startDhis2StandIn({ token: TOKEN, version: '2.41.0', metadata: importMetadataOf(catalogue), catalogue });
  try {
    await db.bulkDocs(docs() as PouchDB.Core.PutDocument<object>[]);
    const contacts = new ContactIndex(db);
    await contacts.catchUp();
    const source = new PouchExportSource(db, contacts);
    const request: ExportRequest = { dataSet: DS, period: { type: 'Monthly', year: YEAR, month: MONTH }, humanReadable: false, format: 'json', omitZeros: false };
    // DHIS2 holds 4 values in 5: the file as sent once, then a few figures changed since
    const { dataValueSet } = await exportDataValueSet(source, request);
    dataValueSet.dataValues.forEach((row, i) => {
      if (i % 5 !== 3) dhis2.stored.set(`${row.orgUnit}/${row.dataElement}/${DEFAULT_COC}/${YEAR}${MONTH}`, i % 11 === 0 ? row.value + 3 : row.value === 0 ? 6 : row.value);
    });
    const sendBytes = JSON.stringify(dataValueSet).length;

    const config = { url: new URL(dhis2.url), auth: { token: TOKEN }, timeoutMs: 60_000 };
    const warm = new MetadataCache<DataSetMetadata>();
    const compareOnce = (cache: MetadataCache<DataSetMetadata>) => async () =>
      JSON.stringify(await compareWithDhis2({ source, dhis2: config, cache, readTimeoutMs: 60_000, now: new Date() }, request)).length;
    const exportOnce = async () => {
      const result = await exportDataValueSet(source, request);
      return formats.json.serialize(result.dataValueSet, { period: result.period, now: new Date(), humanReadable: false }).length;
    };
    const runs: Record<string, () => Promise<number>> = { export: exportOnce, compare: compareOnce(warm), 'compare, metadata not cached': compareOnce(new MetadataCache(0)) };
    // one of each unmeasured: caches warm for all; and what the compare reads from DHIS2
    let readBytes = 0;
    const counting: typeof fetch = async (url, init) => {
      const response = await fetch(url, init);
      const text = await response.text();
      readBytes += text.length;
      return new Response(text, { status: response.status, headers: response.headers });
    };
    const sample = await compareWithDhis2({ source, dhis2: config, cache: new MetadataCache(0), fetch: counting, readTimeoutMs: 60_000, now: new Date() }, request);
    for (const run of Object.values(runs)) await run();
    const times: Record<string, number[]> = Object.fromEntries(Object.keys(runs).map(name => [name, []]));
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 ? Object.keys(runs).reverse() : Object.keys(runs);
      for (const name of order) {
        const start = process.hrtime.bigint();
        await runs[name]!();
        times[name]!.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
    }
    const exportMs = median(times['export']!);
    console.log(`Compare vs export, ${ORG_UNITS} org units × ${DATA_ELEMENTS} data elements (${dataValueSet.dataValues.length.toLocaleString('en')} values), ` +
      `${rounds} rounds each, alternating (Node ${process.version}, ${os.cpus()[0]?.model}, ${os.cpus().length} cores)`);
    for (const [name, list] of Object.entries(times)) {
      console.log(`  ${name}: median ${median(list).toFixed(0)} ms (${list.map(ms => ms.toFixed(0)).join(', ')})` +
        (name === 'export' ? '' : `; ${(median(list) / exportMs).toFixed(2)} × the export`));
    }
    console.log(`  counts: ${JSON.stringify(sample.counts)}; checks: ${sample.checks.map(({ code }) => code).join(', ') || 'none'}`);
    console.log(`  reads from DHIS2: ${sample.reads.requests} requests, ${sample.reads.values.toLocaleString('en')} values, ` +
      `${(readBytes / 1024).toFixed(0)} kB (the send's body: ${(sendBytes / 1024).toFixed(0)} kB in 1 request)`);
  } finally {
    await dhis2.close();
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
};

main().catch(error => {
  console.error(error);
  process.exit(1);
});
