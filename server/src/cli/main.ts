import { rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import moment from 'moment';
import PouchDB from 'pouchdb';
import { ConfigError, readConfig } from '../config';
import { ensureDesignDocs } from '../sources/design-docs';
import { calendarMonth } from '../cht/calendar-month';
import { exportDataValueSet, exportFileName } from '../export/export-data-value-set';
import { ExportError } from '../export/export-error';
import { parseExportRequest } from '../export/export-request';
import { ContactIndex } from '../sources/contact-index';
import { FORMAT_NAMES, formats } from '../export/formats';
import { PouchExportSource } from '../sources/pouch-export-source';
import { dhisPeriodId } from '../export/reporting-period';
import { previewExport } from '../export/export-preview';
import { checkReport, checksFired } from './check-report';
import { listSchedulesFromCli } from './schedules';
import { sendFromCli } from './send';

const USAGE = `Export a DHIS2 dataValueSet from the CHT database.

Usage: npm run export -- --data-set ID (--period PERIOD | --month YYYY-MM) [--org-unit ID] [--human-readable]
                         [--format ${FORMAT_NAMES.join('|')}] [--omit-zeros] [--out FILE] [--check]
       npm run export -- --data-set ID (--period PERIOD | --month YYYY-MM) [--org-unit ID] --send [--dry-run] [--complete]
       npm run export -- --schedules

  --data-set ID      a DHIS2 data set configured in the app settings (dhis_data_sets)
  --period PERIOD    the DHIS2 period to export, of the data set's period type: a month YYYYMM
                     (e.g. ${moment().subtract(1, 'month').format('YYYYMM')}), a quarter YYYYQn (2026Q3) or a year YYYY (2026)
  --month YYYY-MM    the month to export, e.g. ${moment().subtract(1, 'month').format('YYYY-MM')} (the same as --period YYYYMM)
  --org-unit ID      only this DHIS2 org unit (default: every mapped place)
  --human-readable   names instead of ids: data set, places and targets
  --format FORMAT    ${FORMAT_NAMES.join(', ')} (default json): the file formats DHIS2 imports
  --omit-zeros       leave out values of 0 (DHIS2 stores no zeros for most data elements;
                     keep them to overwrite a value imported before with 0)
  --out FILE         write the file here (default: print to standard output)
  --check            write no file: print the pre-flight checks and the sync coverage, and exit
                     with 1 when a check fired (an error or a warning; a notice alone exits 0)
  --send             send to the DHIS2 named by DHIS2_URL (with DHIS2_TOKEN, or DHIS2_USER and DHIS2_PASSWORD)
  --dry-run          with --send: let DHIS2 check the import without saving anything
  --complete         with --send: also mark the data set complete for each org unit sent, when DHIS2 accepts every value
  --schedules        list the scheduled sends with their next and last runs (from the export log's database)
  --help             show this text

A month is a reporting month as the CHT counts it: with a month_start_date of 26 in the app
settings, --period 202610 is 26 September to 25 October 2026. In a deployment that counts in
Bikram Sambat months (uhc.visit_count.use_bikram_sambat_months), periods are BS ones (208307 is
Kartik 2083), for a DHIS2 with the Nepali calendar: set DHIS2_CALENDAR=nepali (and DHIS2_VERSION).

With --send, DHIS2's answer is printed as JSON; the exit status is 0 when every value was
accepted, 3 when DHIS2 reported conflicts or ERROR, 4 when DHIS2 could not be reached or refused
the credentials. When DHIS2's answer is lost (a timeout, the connection lost after the values went
out, a gateway's 502/503/504), DHIS2 is read back: 0 when the values are there, 4 when they are
not, 5 when DHIS2 could not be read (nobody knows: check DHIS2). 6: another send of the same data
set, period and place was under way; nothing was sent. Every send and dry run is recorded in the export log (database dhis-export-log).

Reads the embedded database in DATA_DIR (default ./data; stop the server first), or the CouchDB
named by COUCH_URL (e.g. http://admin:pass@localhost:5984/medic).`;

class UsageError extends Error {}

/** PouchDB rejects with plain objects (`{ status, name, message }`) as well as Errors. */
const messageOf = (error: unknown): string => {
  const { message, reason } = (typeof error === 'object' && error !== null ? error : {}) as { message?: unknown; reason?: unknown };
  return typeof message === 'string' && message !== '' ? message
    : typeof reason === 'string' && reason !== '' ? reason
      : typeof error === 'string' ? error : JSON.stringify(error) ?? String(error);
};

const isMissing = (error: unknown) => (error as { code?: unknown }).code === 'ENOENT';

const openCouchDb = async (url: URL): Promise<PouchDB.Database> => {
  const db = new PouchDB(url.href.replace(/\/+$/, ''), { skip_setup: true });
  // Over HTTP, PouchDB's info() resolves with CouchDB's error body (wrong password, no such database).
  const info = await db.info() as { error?: unknown };
  if (typeof info.error === 'string') {
    const shown = new URL(url.href);
    shown.password = '';
    throw new UsageError(`${shown.href} answered "${info.error}": ${messageOf(info).replace(/\.?$/, '.')} ` +
      'Check the user, password and database in COUCH_URL.');
  }
  return db;
};

const openDatabase = async (): Promise<PouchDB.Database> => {
  const config = readConfig();
  if (config.couchUrl) {
    return openCouchDb(config.couchUrl);
  }
  const location = path.join(config.dataDir, 'db', 'medic');
  // Without this, LevelDB's complaint about the missing folder reads like a lock held by a server.
  if (!(await stat(location).then(() => true, error => (isMissing(error) ? false : Promise.reject(error))))) {
    throw new UsageError(`There is no database in ${config.dataDir}: set DATA_DIR to the folder the server keeps its data in ` +
      '(default ./data), or COUCH_URL to a CouchDB such as http://admin:<password>@localhost:5984/medic');
  }
  const db = new PouchDB(location);
  try {
    await db.info();
  } catch (error) {
    if (/LOCK/.test(String((error as Error).message))) {
      throw new UsageError(`The database in ${config.dataDir} is open in a running server: stop it first, or export through it with ` +
        'COUCH_URL=http://admin:<password>@localhost:5988/medic');
    }
    throw error;
  }
  await ensureDesignDocs(db);
  return db;
};

const once = (given: string[] | undefined, name: string): string | undefined => {
  if (given !== undefined && given.length > 1) {
    throw new UsageError(`--${name} must be given once, not ${given.length} times`);
  }
  return given?.[0];
};

const run = async (argv: string[]) => {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        // multiple: to refuse a repeat rather than silently take the last, as the API does
        'data-set': { type: 'string', multiple: true },
        month: { type: 'string', multiple: true },
        period: { type: 'string', multiple: true },
        format: { type: 'string', multiple: true },
        'omit-zeros': { type: 'boolean', default: false },
        'org-unit': { type: 'string', multiple: true },
        'human-readable': { type: 'boolean', default: false },
        send: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        complete: { type: 'boolean', default: false },
        out: { type: 'string', multiple: true },
        check: { type: 'boolean', default: false },
        schedules: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (values.schedules) {
    if (argv.length > 1) {
      throw new UsageError('--schedules goes alone: npm run export -- --schedules');
    }
    process.exitCode = await listSchedulesFromCli(readConfig());
    return;
  }
  const [dataSet, monthWritten, periodWritten, orgUnit, format, out] = (['data-set', 'month', 'period', 'org-unit', 'format', 'out'] as const)
    .map(name => once(values[name], name));
  if (monthWritten !== undefined && periodWritten !== undefined) {
    throw new UsageError('Give --period or --month, not both');
  }
  // The month as written, never an instant: the machine's time zone cannot move it.
  const written = monthWritten === undefined ? undefined : /^(\d{4})-(\d{2})$/.exec(monthWritten);
  const month = written ? calendarMonth(Number(written[1]), Number(written[2])) : undefined;
  if (monthWritten !== undefined && !month) {
    throw new UsageError(`--month must be a month such as ${moment().subtract(1, 'month').format('YYYY-MM')}, got "${monthWritten}"`);
  }
  if (values.complete && !values.send) {
    throw new UsageError('--complete goes with --send: npm run export -- … --send --complete');
  }
  // The same checks and messages as the API.
  const request = parseExportRequest({
    filters: { dataSet, period: month ? dhisPeriodId({ type: 'Monthly', ...month }) : periodWritten, orgUnit },
    options: { humanReadable: values['human-readable'], format, omitZeros: values['omit-zeros'] },
  });
  if (values['dry-run'] && !values.send) {
    throw new UsageError('--dry-run goes with --send: npm run export -- … --send --dry-run');
  }
  if (values.send) {
    if (out) {
      throw new UsageError('--out and --send do not go together: send, or write a file');
    }
    const config = readConfig();
    if (!config.dhis2) {
      throw new UsageError('Sending needs DHIS2_URL and DHIS2_TOKEN (or DHIS2_USER and DHIS2_PASSWORD) in the environment');
    }
    const db = await openDatabase();
    try {
      process.exitCode = await sendFromCli(db, { ...config, dhis2: config.dhis2 }, { ...request, ...(values.complete ? { completeDataSet: true } : {}) }, values['dry-run']);
    } finally {
      await db.close();
    }
    return;
  }
  if (out && (await stat(out).then(found => found.isDirectory(), () => false))) {
    const example = request.period.type === 'Instant' ? 'PERIOD' : dhisPeriodId(request.period);
    throw new UsageError(`--out ${out} is a folder: name a file, such as ${path.join(out, exportFileName(request.dataSet, example, formats[request.format].extension))}`);
  }
  const { dhis2Calendar } = readConfig();
  const db = await openDatabase();
  try {
    const contacts = new ContactIndex(db, { places: 'index' });
    if (values.check) {
      const preview = await previewExport(new PouchExportSource(db, contacts), request, new Date(), { dhis2Calendar });
      process.stdout.write(checkReport(preview));
      process.exitCode = checksFired(preview) ? 1 : 0;
      return;
    }
    const result = await exportDataValueSet(new PouchExportSource(db, contacts), request, new Date(), { dhis2Calendar });
    const file = formats[request.format].serialize(result.dataValueSet, {
      period: result.period, adxPeriod: result.adxPeriod, now: new Date(), pretty: true, humanReadable: request.humanReadable,
    });
    if (out) {
      const temporary = `${out}.${process.pid}.tmp`;
      try {
        await writeFile(temporary, file);
        await rename(temporary, out);
      } finally {
        await rm(temporary, { force: true });
      }
      console.error(`Wrote ${result.dataValueSet.dataValues.length} data values to ${out} ` +
        `(${result.counts.targetDocs} target docs, ${result.counts.counted} counted)`);
    } else {
      process.stdout.write(file);
    }
    if (result.counts.malformed > 0) {
      console.error(`Skipped ${result.counts.malformed} malformed target docs`);
    }
  } finally {
    await db.close();
  }
};

run(process.argv.slice(2)).catch(error => {
  if (error instanceof ExportError || error instanceof UsageError || error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(`Export failed: ${messageOf(error)}`);
  process.exit(1);
});
