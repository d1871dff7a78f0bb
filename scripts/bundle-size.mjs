// Reports the production build's first-load JavaScript, compressed as the server sends it to
// browsers (brotli, quality 11; gzip for the others), and fails when brotli is above the budget. First load: the scripts index.html loads, their static imports, and the
// lazy chunk of the page a program manager lands on (/admin/export/dhis).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

// 160 until the accessible place combobox (1.2 kB), which replaced the search field and select;
// 162 until the comparison with DHIS2 (2.6 kB: its panel, state and API; its texts load on first use,
// and an @defer of the panel cost more, 5.5 kB, as it splits the framework's shared chunk).
// 164 until the Scheduled sends section: its own code (8.4 kB) loads after the page (@defer), but
// a chunk loaded later makes the bundler split the shared Angular, router and NgRx code into more
// chunks, whose cross-chunk import lists add 4 kB to the first load.
// 168 until the manager's page (5 kB: the send confirmation, the second choice for zeros, send failures
// in plain words, and the checks, conflicts, log reasons and DHIS2 status words worded by the page
// instead of the server, in English on first load; French and the conflicts' advice load with French).
// 174 until the four came together (176.0 kB with the compare's counts in the send confirmation): their shares, measured alone on 160.6 kB, add up to more
// than each measured beside the others, as each shifts what the bundler puts in the shared chunks.
// 176 until the wait on an index the database builds (0.9 kB: its bar and Stop waiting, the state
// that keeps its progress, the retry shared by the export and the preview, its English): the first
// export or preview after a CHT upgrade meets it, so it is needed on first load; deferring the
// compare panel to make room measured 177.9 kB, as another deferred chunk splits the shared code again.
// 177 until the preview said "1 value" and "1 target document" in the singular (0.1 kB: the
// language's plural rule and the English singular texts, on first load with the preview).
const BUDGET_KB = 177.5;
const dir = path.resolve(process.argv[2] ?? 'dist/app/browser');
const index = readFileSync(path.join(dir, 'index.html'), 'utf8');
const entry = [...index.matchAll(/(?:src|href)="([^"]+\.js)"/g)].map(match => match[1]);
const lazyPage = readdirSync(dir).filter(name => name.endsWith('.js') && readFileSync(path.join(dir, name), 'utf8').includes('dhisExportRoutes'));

const seen = new Set();
const visit = name => {
  if (seen.has(name)) return;
  seen.add(name);
  const code = readFileSync(path.join(dir, name), 'utf8');
  for (const [, imported] of code.matchAll(/(?:import|from)\s*["']\.\/([\w.-]+\.js)["']/g)) visit(imported);
};
[...entry, ...lazyPage].forEach(visit);

const kB = bytes => (bytes / 1024).toFixed(1).padStart(7);
let brotli = 0;
let gzip = 0;
console.log('  brotli     gzip  file');
for (const name of [...seen].sort()) {
  const content = readFileSync(path.join(dir, name));
  const br = brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const gz = gzipSync(content, { level: 9 }).length;
  brotli += br;
  gzip += gz;
  console.log(`${kB(br)}  ${kB(gz)}  ${name}`);
}
console.log(`${kB(brotli)}  ${kB(gzip)}  first-load JavaScript in kB (budget ${BUDGET_KB} kB brotli)`);
process.exit(brotli / 1024 <= BUDGET_KB ? 0 : 1);
