import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import moment from 'moment';
import PouchDB from 'pouchdb';
import { ConfigError, readConfig } from '../config';
import { ensureDesignDocs } from '../couch/design-docs';
import { calendarMonth, dhisPeriod } from '../dhis-export/calendar-month';
import { exportDataValueSet } from '../dhis-export/export-data-value-set';
import { ExportError } from '../dhis-export/export-error';
import { parseExportRequest } from '../dhis-export/export-request';
import { ContactIndex } from '../dhis-export/contact-index';
import { PouchExportSource } from '../dhis-export/pouch-export-source';

const USAGE = `Export a DHIS2 dataValueSet from the CHT database.

Usage: npm run export -- --data-set ID --month YYYY-MM [--org-unit ID] [--human-readable] [--out FILE]

  --data-set ID      a DHIS2 data set configured in the app settings (dhis_data_sets)
  --month YYYY-MM    the month to export, e.g. ${moment().subtract(1, 'month').format('YYYY-MM')}
  --org-unit ID      only this DHIS2 org unit (default: every mapped place)
  --human-readable   names instead of ids: data set, places and targets
  --out FILE         write the file here (default: print to standard output)
  --help             show this text

Reads the embedded database in DATA_DIR (default ./data; stop the server first), or the CouchDB
named by COUCH_URL (e.g. http://admin:pass@localhost:5984/medic).`;

class UsageError extends Error {}

const openDatabase = async (): Promise<PouchDB.Database> => {
  const config = readConfig();
  if (config.couchUrl) {
    const db = new PouchDB(config.couchUrl.href.replace(/\/+$/, ''), { skip_setup: true });
    await db.info();
    return db;
  }
  const db = new PouchDB(path.join(config.dataDir, 'db', 'medic'));
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

const run = async (argv: string[]) => {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'data-set': { type: 'string' },
        month: { type: 'string' },
        'org-unit': { type: 'string' },
        'human-readable': { type: 'boolean', default: false },
        out: { type: 'string' },
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
  // The month as written, never an instant: the machine's time zone cannot move it.
  const written = values.month === undefined ? undefined : /^(\d{4})-(\d{2})$/.exec(values.month);
  const month = written ? calendarMonth(Number(written[1]), Number(written[2])) : undefined;
  if (values.month !== undefined && !month) {
    throw new UsageError(`--month must be a month such as ${moment().subtract(1, 'month').format('YYYY-MM')}, got "${values.month}"`);
  }
  // The same checks and messages as the API.
  const request = parseExportRequest({
    filters: { dataSet: values['data-set'], period: month && dhisPeriod(month), orgUnit: values['org-unit'] },
    options: { humanReadable: values['human-readable'] },
  });
  const db = await openDatabase();
  try {
    const contacts = new ContactIndex(db);
    const result = await exportDataValueSet(new PouchExportSource(db, contacts), request);
    const json = `${JSON.stringify(result.dataValueSet, null, 2)}\n`;
    if (values.out) {
      const temporary = `${values.out}.${process.pid}.tmp`;
      await writeFile(temporary, json);
      await rename(temporary, values.out);
      console.error(`Wrote ${result.dataValueSet.dataValues.length} data values to ${values.out} ` +
        `(${result.counts.targetDocs} target docs, ${result.counts.counted} counted)`);
    } else {
      process.stdout.write(json);
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
  console.error(`Export failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
