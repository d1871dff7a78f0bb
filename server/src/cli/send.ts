import { userInfo } from 'node:os';
import type { Config } from '../config';
import { ContactIndex } from '../sources/contact-index';
import type { ExportRequest } from '../export/export-request';
import { PouchExportSource } from '../sources/pouch-export-source';
import { ExportError } from '../export/export-error';
import { memorySendLeases } from '../export-log/send-lease';
import { sendToDhis2, type SendOutcome } from '../dhis2/send-to-dhis2';
import { memoryExportLog } from '../export-log/export-log';
import { openExportLog } from '../export-log/open-export-log';

/**
 * Exit statuses of `--send`: every value accepted (or, the answer lost, found in DHIS2 by reading it
 * back); DHIS2 reported conflicts or ERROR; nothing reached DHIS2 (or, the answer lost, the values are
 * not there); the answer lost and DHIS2 could not be read back: nobody knows; another send under way.
 */
export const SEND_EXIT = { accepted: 0, conflicts: 3, failed: 4, unknown: 5, busy: 6 } as const;

const cliUser = () => {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
};

const describe = (outcome: SendOutcome): string[] => {
  if (outcome.kind === 'failure') {
    return [`${outcome.dryRun ? 'Nothing was checked' : 'Nothing was sent'}: ${outcome.error}`];
  }
  if (outcome.kind === 'unknown') {
    return [`${outcome.error}.`, `${outcome.headline}.`];
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

const exitOf = (outcome: SendOutcome): number => {
  if (outcome.kind === 'failure') {
    return SEND_EXIT.failed;
  }
  if (outcome.kind === 'unknown') {
    return { 'in-dhis2': SEND_EXIT.accepted, 'not-in-dhis2': SEND_EXIT.failed, unreadable: SEND_EXIT.unknown }[outcome.readBack.outcome];
  }
  return outcome.outcome === 'success' ? SEND_EXIT.accepted : SEND_EXIT.conflicts;
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
    return { log, leases: memorySendLeases(), close: async () => undefined };
  });
  try {
    const contacts = new ContactIndex(db);
    const deps = { source: new PouchExportSource(db, contacts), dhis2: config.dhis2, dhis2Calendar: config.dhis2Calendar, exportLog: exportLog.log, leases: exportLog.leases };
    const outcome = await sendToDhis2(deps, cliUser(), { request, dryRun }).catch(error => {
      if (error instanceof ExportError && error.code === 'send.busy') {
        console.error(`Nothing was sent: ${error.message}`);
        return undefined;
      }
      throw error;
    });
    if (!outcome) {
      return SEND_EXIT.busy;
    }
    process.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`);
    for (const line of describe(outcome)) {
      console.error(line);
    }
    return exitOf(outcome);
  } finally {
    await exportLog.close();
  }
};
