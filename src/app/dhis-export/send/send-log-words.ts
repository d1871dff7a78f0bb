import { Translate } from '../domain/translate';
import { ExplainedConflict, ExportLogRecord } from './dhis2-send-api';

/** How the page writes a log line's dates, numbers and places. */
export interface LogWords {
  date(iso: string): string;
  number(value: number): string;
  place(orgUnit: string): string;
}

/** A line of the export log in the page's words: who downloaded, checked or sent what, and what DHIS2 answered. */
export function exportLogLine(record: ExportLogRecord, t: Translate, words: LogWords): string {
  const values = {
    date: words.date(record.at),
    user: record.user,
    values: words.number(record.values),
    total: words.number(record.total),
    place: record.orgUnit ? words.place(record.orgUnit) : t('export.dhis.send.place.all'),
    status: record.dhis2 ? dhis2StatusWord(t, record.dhis2.status) : '',
    imported: words.number(record.dhis2?.importCount.imported ?? 0),
    updated: words.number(record.dhis2?.importCount.updated ?? 0),
    ignored: words.number(record.dhis2?.importCount.ignored ?? 0),
    conflicts: words.number(record.dhis2?.conflicts ?? 0),
    message: record.failure ? reasonWords(t, record.failure.reason, record.failure.message)
      : record.unknown ? reasonWords(t, record.unknown.reason, record.unknown.message) : '',
    matching: words.number(record.readBack?.matching ?? 0),
    differing: words.number(record.readBack?.differing ?? 0),
    missing: words.number(record.readBack?.missing ?? 0),
  };
  if (record.action === 'read-back') return t(`export.dhis.send.log.readBack.${record.readBack?.outcome ?? 'unreadable'}`, values);
  if (record.failure) return t(record.action === 'send' ? 'export.dhis.send.log.send.failed' : 'export.dhis.send.log.dryRun.failed', values);
  const completed = record.completeness ? ` ${t(`export.dhis.send.log.completeness.${record.completeness.outcome}`, { places: words.number(record.completeness.orgUnits) })}` : '';
  if (record.action === 'send' && record.sent === null) return t('export.dhis.send.log.send.unknown', values);
  if (record.action === 'send' && record.sent === false) return t('export.dhis.send.log.send.refused', values) + completed;
  if (record.action === 'send') return t('export.dhis.send.log.send', values) + completed;
  if (record.action === 'dry-run') return t('export.dhis.send.log.dryRun', values) + completed;
  return t('export.dhis.send.log.download', values);
}

/** What a conflict means or what to do (`part`), in the page's language when it has the words, else the server's English. */
export function conflictAdvice(conflict: ExplainedConflict, part: 'meaning' | 'action', t: Translate): { text: string; lang: string | null } {
  const key = `export.dhis.send.advice.${conflict.advice ?? 'other'}.${part}`;
  const words = t(key);
  return words === key ? { text: conflict[part], lang: 'en' } : { text: words, lang: t.langOf(key) };
}

/** Why a dry run or send failed, from the record's reason code; the server's English only for a reason the page does not know. */
export function reasonWords(t: Translate, reason: string, message: string): string {
  const key = `export.dhis.send.reason.${reason}`;
  const words = t(key);
  return words === key ? message : words;
}

/** DHIS2's status word (SUCCESS, WARNING, ERROR) in the page's language. */
export function dhis2StatusWord(t: Translate, status: string): string {
  return t(`export.dhis.send.dhis2Status.${status.toLowerCase()}`);
}
