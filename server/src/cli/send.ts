import { userInfo } from 'node:os';
import type { Config } from '../config';
import { ContactIndex } from '../dhis-export/contact-index';
import type { ExportRequest } from '../dhis-export/export-request';
import { PouchExportSource } from '../dhis-export/pouch-export-source';
import { sendToDhis2, type SendOutcome } from '../dhis2/send-to-dhis2';
import { memoryExportLog } from '../export-log/export-log';
import { openExportLog } from '../export-log/open-export-log';

/** Exit statuses of `--send`: every value accepted; DHIS2 reported conflicts or ERROR; no answer from DHIS2. */
export const SEND_EXIT = { accepted: 0, conflicts: 3, failed: 4 } as const;

const cliUser = () => {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
};

const describe = (outcome: SendOutcome): string[] => {
  if (outcome.kind === 'failure') {
    return [`Nothing was sent: ${outcome.error}`];
  }
  return [
    outcome.headline,
    ...outcome.conflicts.map(conflict => {
      const place = conflict.place ? `${conflict.place.name ?? '(no place)'} (${conflict.place.orgUnit})` : 'every place';
      const target = conflict.target ? `${conflict.target.title ?? '(no target)'} (${conflict.target.dataElement})` : 'every target';
      return `  ${place}, ${target}: ${conflict.meaning}. DHIS2 said ${conflict.errorCode ? `${conflict.errorCode} ` : ''}"${conflict.message}". ${conflict.action}.`;
    }),
  ];
};

/** Sends (or dry-runs) the export to DHIS2, records it, prints DHIS2's answer; returns the exit status. */
export const sendFromCli = async (db: PouchDB.Database, config: Config & { dhis2: NonNullable<Config['dhis2']> }, request: ExportRequest, dryRun: boolean): Promise<number> => {
  const exportLog = await openExportLog(config.couchUrl
    ? {
      couchOrigin: config.couchUrl.origin,
      admin: { user: decodeURIComponent(config.couchUrl.username) || config.adminUser, password: decodeURIComponent(config.couchUrl.password) || (config.adminPassword ?? '') },
    }
    : { dataDir: config.dataDir }).catch(error => {
    // e.g. COUCH_URL names this product's own server, whose embedded log is reachable only from inside it
    console.error(`warning: the export log could not be opened, so this ${dryRun ? 'dry run' : 'send'} is not recorded: ${(error as Error).message}`);
    const log = memoryExportLog();
    return { log, close: async () => undefined };
  });
  try {
    const contacts = new ContactIndex(db);
    const outcome = await sendToDhis2({ source: new PouchExportSource(db, contacts), dhis2: config.dhis2, dhis2Calendar: config.dhis2Calendar, exportLog: exportLog.log }, cliUser(), request, dryRun);
    process.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`);
    for (const line of describe(outcome)) {
      console.error(line);
    }
    return outcome.kind === 'failure' ? SEND_EXIT.failed : outcome.outcome === 'success' ? SEND_EXIT.accepted : SEND_EXIT.conflicts;
  } finally {
    await exportLog.close();
  }
};
