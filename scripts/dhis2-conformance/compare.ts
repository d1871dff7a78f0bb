/**
 * Compares what DHIS2's readers made of each file (run.sh's `*.read.json`) with the JSON export's
 * values (`*.expected.json`), and prints a table: format × branch. Exits 1 when a file is refused or
 * read with other values.
 *
 *   node --import tsx scripts/dhis2-conformance/compare.ts FILES_DIR RESULTS_DIR
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

type Fields = Record<string, unknown>;
interface Group extends Fields { rows: Fields[] }

const [filesDir, resultsDir] = process.argv.slice(2);
if (!filesDir || !resultsDir) {
  console.error('usage: compare.ts FILES_DIR RESULTS_DIR');
  process.exit(2);
}

const FORMATS: Record<string, string> = { json: '.json', csv: '.csv', xml: '.xml', adx: '.adx.xml' };
const formatOf = (file: string) => (file.endsWith('.adx.xml') ? 'adx' : path.extname(file).slice(1));
const baseOf = (file: string) => file.slice(0, -FORMATS[formatOf(file)]!.length);
const text = (value: unknown) => (value === undefined || value === null || value === '' ? null : String(value));
/** A combo as the JSON names it: DHIS2's default one (which ADX names) is no combo there. */
const combo = (value: unknown) => (value === 'HllvX50cXC0' ? null : text(value));

/** Why the read file would not import as the JSON says, or undefined when it would. */
const problemOf = (groups: Group[], expected: Fields[], format: string): { problem?: string; note?: string } => {
  const notes: string[] = [];
  for (const group of groups) {
    if (group['completeDate'] && !(group['dataSet'] && group['orgUnit'] && group['period'])) {
      return { problem: 'completeDate without data set, org unit and period at the group level (2.43: E8009)' };
    }
    if (group['attributeOptions']) {
      notes.push(`group attributes read as attribute options: ${JSON.stringify(group['attributeOptions'])}`);
    }
    const options = group.rows.find(row => row['categoryOptions'] && !row['categoryOptionCombo']);
    if (options) {
      return { problem: `category options instead of an option combo (2.43: E8108 for a default combo): ${JSON.stringify(options['categoryOptions'])}` };
    }
  }
  const read = groups.flatMap(group => group.rows.map(row => JSON.stringify({
    dataElement: text(row['dataElement']), orgUnit: text(row['orgUnit'] ?? group['orgUnit']), period: text(row['period'] ?? group['period']),
    categoryOptionCombo: combo(row['categoryOptionCombo']), attributeOptionCombo: combo(row['attributeOptionCombo'] ?? group['attributeOptionCombo']),
    value: text(row['value']), followUp: row['followUp'] === true || row['followUp'] === 'true',
  }))).sort();
  const wanted = expected.map(row => JSON.stringify({
    dataElement: text(row['dataElement']), orgUnit: text(row['orgUnit']), period: text(row['period']),
    categoryOptionCombo: text(row['categoryOptionCombo']), attributeOptionCombo: text(row['attributeOptionCombo']), value: text(row['value']),
    followUp: row['followUp'] === true,
  })).sort();
  if (JSON.stringify(read) !== JSON.stringify(wanted)) {
    const missing = wanted.filter(row => !read.includes(row));
    return { problem: `${format}: ${read.length} values read, ${wanted.length} expected; first difference ${missing[0] ?? read.find(row => !wanted.includes(row))}` };
  }
  return notes.length > 0 ? { note: notes[0] } : {};
};

const branches = readdirSync(resultsDir).sort();
const all = readdirSync(filesDir).filter(file => !file.endsWith('.expected.json')).sort();
const files = all.filter(file => !file.startsWith('control-'));
const controls = all.filter(file => file.startsWith('control-'));
const cells = new Map<string, string>();
const problems: string[] = [];
const notes = new Set<string>();
for (const branch of branches) {
  for (const format of Object.keys(FORMATS)) {
    const ofFormat = files.filter(file => formatOf(file) === format);
    let ok = 0;
    let checked = 0;
    for (const file of ofFormat) {
      const result = path.join(resultsDir, branch, `${file}.read.json`);
      if (!existsSync(result)) continue;
      checked++;
      const read = JSON.parse(readFileSync(result, 'utf8')) as Group[] | { refused: string };
      const expected = JSON.parse(readFileSync(path.join(filesDir, `${baseOf(file)}.expected.json`), 'utf8')) as Fields[];
      const { problem, note } = 'refused' in read ? { problem: `refused: ${read.refused}`, note: undefined } : problemOf(read, expected, format);
      if (problem) problems.push(`${branch} ${file}: ${problem}`);
      else ok++;
      if (note) notes.add(`${branch} ${format}: ${note}`);
    }
    cells.set(`${format} ${branch}`, checked === 0 ? 'not checked' : ok === checked ? `${ok}/${checked} ok` : `${checked - ok}/${checked} FAIL`);
  }
}
console.log(`| format | ${branches.join(' | ')} |`);
console.log(`|---|${branches.map(() => '---').join('|')}|`);
for (const format of Object.keys(FORMATS)) {
  console.log(`| ${format} | ${branches.map(branch => cells.get(`${format} ${branch}`)).join(' | ')} |`);
}
// The controls show the readers can fail: each must be refused or misread by 2.43's readers.
let controlsChecked = 0;
for (const branch of branches) {
  if (!readFileSync(path.join(resultsDir, branch, 'readers'), 'utf8').includes('csv')) continue;
  for (const file of controls) {
    const result = path.join(resultsDir, branch, `${file}.read.json`);
    if (!existsSync(result)) continue;
    controlsChecked++;
    const read = JSON.parse(readFileSync(result, 'utf8')) as Group[] | { refused: string };
    const expected = JSON.parse(readFileSync(path.join(filesDir, `${baseOf(file)}.expected.json`), 'utf8')) as Fields[];
    const failed = 'refused' in read || problemOf(read, expected, formatOf(file)).problem !== undefined;
    if (!failed) problems.push(`${branch} ${file}: a control in the CHT's own shape was read as if DHIS2 took it`);
  }
}
console.log(`controls in the CHT's own shape (must fail): ${controlsChecked} checked, ${controlsChecked - problems.filter(line => line.includes('a control')).length} failed as DHIS2 would`);
for (const note of notes) console.log(`note: ${note}`);
for (const problem of problems) console.log(`FAIL ${problem}`);
process.exit(problems.length > 0 ? 1 : 0);
