import { badRequest } from '../export/export-error';
import type { ExportAction, ExportLogEntry, ExportLogRecord } from './export-log';

export const EXPORT_ACTIONS: readonly ExportAction[] = ['download', 'dry-run', 'send', 'read-back'];

/** Which records of a data set to list: any period, place, action and user unless named; newest first. */
export interface LogQuery {
  dataSet: string;
  period?: string;
  orgUnit?: string;
  action?: ExportAction;
  user?: string;
  limit: number;
  /** The `next` of the page before: the id of the last record it examined. */
  cursor?: string;
}

export interface LogPage {
  records: ExportLogRecord[];
  /** Where the next page starts; absent on the last page. */
  next?: string;
}

export const DEFAULT_LOG_LIMIT = 20;
export const MAX_LOG_LIMIT = 200;

/** `event~<data set>~<instant>~<random>`: a data set's records in time order, any period. */
export const eventPrefixOf = (dataSet: string) => `event~${encodeURIComponent(dataSet)}~`;

/** `last-send~<data set>~<period>~<place or *>`: which record holds the last send DHIS2 kept of a selection. */
export const lastSendIdOf = (dataSet: string, period: string, orgUnit: string | undefined) =>
  `last-send~${encodeURIComponent(dataSet)}~${period}~${orgUnit === undefined ? '*' : encodeURIComponent(orgUnit)}`;

export const matchesQuery = (record: ExportLogEntry, query: LogQuery): boolean =>
  (query.period === undefined || record.period === query.period)
  && (query.orgUnit === undefined || record.orgUnit === query.orgUnit)
  && (query.action === undefined || record.action === query.action)
  && (query.user === undefined || record.user === query.user);

/** A cursor is the id of a record of the same data set; anything else is a 400 rather than a wrong page. */
export const checkCursor = (query: LogQuery): void => {
  if (query.cursor !== undefined && !query.cursor.startsWith(eventPrefixOf(query.dataSet))) {
    throw badRequest('"cursor" must be the "next" of a page of this data set\'s log', 'log.badCursor');
  }
};

/**
 * The send a record makes the last one DHIS2 kept of its selection: a send DHIS2 took values of,
 * or the send a read-back found in DHIS2. Undefined for every other record.
 */
export const keptSendOf = (id: string, entry: ExportLogEntry): { recordId: string; at: string } | undefined => {
  if (entry.action === 'send' && entry.sent === true) {
    return { recordId: id, at: entry.at };
  }
  if (entry.action === 'read-back' && entry.readBack?.outcome === 'in-dhis2') {
    return { recordId: entry.readBack.refersTo, at: entry.readBack.sentAt };
  }
  return undefined;
};
