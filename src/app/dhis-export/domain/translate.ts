import { CHECK_MESSAGES_EN } from './messages-en-checks';
import { PREVIEW_MESSAGES_EN } from './messages-en-preview';
import { SEND_MESSAGES_EN } from './messages-en-send';
import { DataSetConfig, DataSetOption, Messages, TranslationsDoc } from './models';

/**
 * Built-in English texts. The short labels are the CHT's own (same keys, same words);
 * the help and status texts are this page's. A database translations doc overrides any of them.
 */
export const DEFAULT_MESSAGES: Messages = {
  ...SEND_MESSAGES_EN,
  ...CHECK_MESSAGES_EN,
  ...PREVIEW_MESSAGES_EN,
  'import.export': 'Import & export data',
  'export.button.download': 'Download',
  'export.dhis.description':
    'Download a DHIS2 dataValueSet file with the target figures of one month, ready for the DHIS2 Import/Export app.',
  'export.dhis.dataset.label': 'DHIS2 Data Set',
  'export.dhis.dataset.description': 'The DHIS2 data set the figures are reported for.',
  'export.dhis.place.label': 'Filter by place',
  'export.dhis.place.description':
    "Export one organisation unit, or all places mapped to the data set. A place's figures count every health worker under it: a district includes its health centres.",
  'export.dhis.place.all': 'All Places',
  'export.dhis.place.search.description':
    "Type part of a place's name, of the name of the place it belongs to, or its org unit id; choose with the arrow keys and Enter.",
  'export.dhis.place.capped': 'The list shows {{count}} of {{total}} places: type to find the others.',
  'export.dhis.place.capped.search': 'The list shows {{count}} of the {{total}} places that match: type more to find the others.',
  'export.dhis.place.loading': 'Loading places…',
  'export.dhis.place.search.none': 'No place matches "{{query}}". The place chosen stays as it was.',
  'export.dhis.place.search.found': '{{count}} places match. Use the arrow keys to choose one, then Enter.',
  'export.dhis.place.search.one': '1 place matches: {{place}}. Press Enter to choose it.',
  'export.dhis.period.label': 'Filter by period',
  'export.dhis.period.description': 'The month to export. The previous month is the last complete one; the current month is still in progress.',
  'export.dhis.period.current': '{{label}} (in progress)',
  'export.dhis.period.description.quarterly': 'The quarter to export. The current quarter is still in progress.',
  'export.dhis.period.description.yearly': 'The year to export. The current year is still in progress.',
  'export.dhis.period.unsupported':
    'This data set reports in periods of type "{{periodType}}", which the export does not know. Ask an administrator to set its "periodType" in the app settings to Monthly, Quarterly or Yearly.',
  'export.dhis.format.label': 'File format',
  'export.dhis.format.description':
    'DHIS2 imports JSON, CSV, XML and ADX. To check the figures in a spreadsheet, choose the CSV with names: it shows places and data elements by name, and DHIS2 cannot import it.',
  'export.dhis.format.json': 'JSON',
  'export.dhis.format.csv': 'CSV (for DHIS2 import)',
  'export.dhis.format.sheet': 'CSV with names (for a spreadsheet, not for import)',
  'export.dhis.format.xml': 'XML (DXF2)',
  'export.dhis.format.adx': 'ADX',
  'export.dhis.omitZeros.label': 'Leave out zero values',
  'export.dhis.omitZeros.description':
    'DHIS2 does not store zeros for most data elements, so the file can be smaller without them. Keep them to correct an earlier import: a zero replaces the value imported before.',
  'export.dhis.unconfigured': 'DHIS2 integration is not configured.',
  'export.dhis.forbidden':
    'You do not have permission to export DHIS2 data. Ask an administrator for the "can_export_dhis" permission.',
  'export.dhis.status.loading': 'Loading data sets and places…',
  'export.dhis.status.exporting': 'Preparing the DHIS2 export…',
  'export.dhis.status.saved': 'Export saved as {{filename}}.',
  'export.dhis.index.building': 'Preparing the database…',
  'export.dhis.index.building.progress': 'Preparing the database: {{percent}}%',
  'export.dhis.index.hint':
    'The database is building an index this needs, which can take a few minutes on a large database. The page goes on by itself when it is ready.',
  'export.dhis.index.stop': 'Stop waiting',
  'export.dhis.result.what': '{{dataSet}} · {{place}} · {{period}}',
  'export.dhis.result.counts': 'Values: {{values}} · Org units: {{orgUnits}} · Zero values: {{zeros}}',
  'export.dhis.status.failed': 'The export failed.',
  'export.dhis.error.title': 'There is a problem',
  'export.dhis.error.load': 'The DHIS2 settings or places could not be loaded.',
  'export.dhis.error.network': 'The server could not be reached. Check your connection and try again.',
  'export.dhis.error.indexBuilding':
    'The database cannot answer yet: it may be preparing an index or restarting. Try again in a minute.',
  'export.dhis.error.server': 'The server could not make the file (HTTP {{status}}). Try again; if it fails again, tell your administrator.',
  'export.dhis.error.request':
    'The file could not be made with these choices: the DHIS2 settings may have changed since the page opened. Reload the settings and try again.',
  'export.dhis.error.forbidden':
    'You may not export DHIS2 data with your account. Ask an administrator to give one of your roles the "Export to DHIS2" permission (can_export_dhis).',
  'export.dhis.error.detail': 'Technical details',
  'export.dhis.error.prefix': 'Error',
  'export.dhis.action.retry': 'Try again',
  'export.dhis.action.reload': 'Reload the settings',
  'export.dhis.send.title': 'Send to DHIS2',
  'export.dhis.send.unconfigured':
    'Sending straight to DHIS2 is not set up on this server: to enable it, set DHIS2_URL and DHIS2_TOKEN (or DHIS2_USER and DHIS2_PASSWORD) in its environment and restart it.',
  'export.dhis.send.dryRun': 'Check with DHIS2 (dry run)',
  'export.dhis.send.send': 'Send to DHIS2',
  'export.dhis.send.confirm.text': 'Send {{values}} values of {{dataSet}} for {{period}}, {{place}}, to DHIS2 at {{host}}?',
  'export.dhis.send.confirm.yes': 'Yes, send to DHIS2',
  'export.dhis.send.confirm.cancel': 'Cancel',
  'export.dhis.send.completeDataSet': 'Also mark the data set complete for each place sent',
  'export.dhis.send.completeDataSet.hint':
    "DHIS2's reporting rates count complete data sets. Each place is marked complete only when DHIS2 accepts every value; a dry run only checks.",
  'export.dhis.send.completeness.success.dry': 'DHIS2 would mark the data set complete for {{places}} places.',
  'export.dhis.send.completeness.success': 'DHIS2 marked the data set complete for {{places}} places.',
  'export.dhis.send.completeness.error.dry':
    'DHIS2 would not mark the data set complete for every place: {{registered}} of {{places}}, {{conflicts}} conflicts.',
  'export.dhis.send.completeness.error':
    'DHIS2 did not mark the data set complete for every place: {{registered}} of {{places}}, {{conflicts}} conflicts.',
  'export.dhis.send.completeness.skipped': 'The data set was not marked complete: DHIS2 did not accept every value.',
  'export.dhis.send.completeness.failed':
    'DHIS2 did not answer the request to mark the data set complete: check it in DHIS2.',
  'export.dhis.send.log.completeness.success': 'Marked complete for {{places}} places.',
  'export.dhis.send.log.completeness.error': 'Not marked complete for every place.',
  'export.dhis.send.log.completeness.skipped': 'Not marked complete.',
  'export.dhis.send.log.completeness.failed': 'Marking complete got no answer.',
  'export.dhis.send.status.checking': 'Checking with DHIS2…',
  'export.dhis.send.status.sending': 'Sending to DHIS2…',
  'export.dhis.send.result.success.dry': 'DHIS2 would accept all {{values}} values. Nothing was saved.',
  'export.dhis.send.result.success': 'DHIS2 accepted all {{values}} values.',
  'export.dhis.send.result.warning.dry': 'DHIS2 would not accept every value: {{conflicts}} conflicts. Nothing was saved.',
  'export.dhis.send.result.warning': 'Sent, but DHIS2 did not accept every value: {{conflicts}} conflicts.',
  'export.dhis.send.result.error.dry': 'DHIS2 would refuse this import: {{conflicts}} conflicts. Nothing was saved.',
  'export.dhis.send.result.error': 'DHIS2 refused this import: {{conflicts}} conflicts. Nothing was imported.',
  'export.dhis.send.counts': 'DHIS2 counted {{imported}} imported, {{updated}} updated, {{ignored}} ignored and {{deleted}} deleted: {{status}}.',
  'export.dhis.send.conflicts.title': 'What DHIS2 did not accept',
  'export.dhis.send.conflict.said': 'DHIS2 said:',
  'export.dhis.send.conflict.todo': 'What to do:',
  'export.dhis.send.place.all': 'all places',
  'export.dhis.send.place.every': 'Every place',
  'export.dhis.send.target.every': 'every target',
  'export.dhis.send.error.title': 'DHIS2 could not be asked',
  'export.dhis.send.error.server': 'The server could not reach DHIS2 (HTTP {{status}}).',
  'export.dhis.send.log.title': 'Recent exports of this data set and month',
  'export.dhis.send.log.empty': 'Nothing has been downloaded, checked or sent for this data set and month yet.',
  'export.dhis.send.log.download': 'Downloaded {{date}} by {{user}}: {{values}} values, {{place}}',
  'export.dhis.send.log.dryRun': 'Checked {{date}} by {{user}}: {{values}} values, {{place}}; DHIS2: {{status}}, {{conflicts}} conflicts',
  'export.dhis.send.log.send': 'Sent {{date}} by {{user}}: {{values}} values, {{place}}; DHIS2: {{status}}, {{imported}} imported, {{updated}} updated, {{ignored}} ignored',
  'export.dhis.send.log.send.failed': 'Not sent {{date}} (tried by {{user}}): {{message}}',
  'export.dhis.send.log.dryRun.failed': 'Not checked {{date}} (tried by {{user}}): {{message}}',
  'export.dhis.send.changes.title': 'Changed since the send of {{date}} by {{user}}',
  'export.dhis.send.changes.none': 'Nothing has changed since the send of {{date}} by {{user}}.',
  'export.dhis.send.changes.place': 'Place',
  'export.dhis.send.changes.target': 'Data element',
  'export.dhis.send.changes.sent': 'Sent',
  'export.dhis.send.changes.now': 'Now',
  'export.dhis.send.error.changed': "The figures changed since you confirmed them: {{confirmedValues}} values (total {{confirmedTotal}}) then, {{values}} values (total {{total}}) now. Nothing was sent: check the new figures, then send again.",
  'export.dhis.send.error.changed.now': "The figures changed since they were confirmed: the export now holds {{values}} values (total {{total}}). Nothing was sent: check them, then send again.",
  'export.dhis.send.error.busy': "{{user}} has been sending this data set, period and place to DHIS2 since {{since}}. Nothing was sent: try again once that send is done.",
  'export.dhis.send.result.warning.none': "Nothing was sent: DHIS2 refused every value ({{conflicts}} conflicts).",
  'export.dhis.send.result.unknown.in-dhis2': "DHIS2's answer never came, so the server read DHIS2's values back: all {{values}} values are in DHIS2. The send went through.",
  'export.dhis.send.result.unknown.not-in-dhis2': "DHIS2's answer never came, and reading DHIS2's values back shows they are not all there ({{matching}} as sent, {{differing}} different, {{missing}} missing). Send again.",
  'export.dhis.send.result.unknown.unreadable': "DHIS2's answer never came, and DHIS2 could not be read back: nobody knows yet whether the values were imported. Check DHIS2 before sending again.",
  'export.dhis.send.log.send.unknown': "Sent {{date}} by {{user}}: {{values}} values ({{place}}); DHIS2's answer never came ({{message}})",
  'export.dhis.send.log.send.refused': "Not sent {{date}} (tried by {{user}}): DHIS2 refused every value, {{conflicts}} conflicts",
  'export.dhis.send.log.readBack.in-dhis2': "Read back from DHIS2 {{date}}: the values sent are there (confirmed in DHIS2)",
  'export.dhis.send.log.readBack.not-in-dhis2': "Read back from DHIS2 {{date}}: not in DHIS2 ({{matching}} as sent, {{differing}} different, {{missing}} missing)",
  'export.dhis.send.log.readBack.unreadable': "Read back from DHIS2 {{date}}: DHIS2 could not be read, so whether that send went through is unknown",
};

/** A translations doc's texts: `custom` wins over `generic`; texts that are empty or not text are left out, so the English shows. */
export function messagesFromDoc(doc: TranslationsDoc | null | undefined): Messages {
  return { ...textsOf(doc?.generic), ...textsOf(doc?.custom) };
}

function textsOf(texts: unknown): Messages {
  if (!texts || typeof texts !== 'object' || Array.isArray(texts)) return {};
  return Object.fromEntries(Object.entries(texts).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].trim() !== ''));
}

/** The primary subtag: `fr` of `fr_CA` or `fr-CA`. */
export const baseLanguage = (locale: string): string => locale.split(/[-_]/)[0].toLowerCase();

/** The page's own texts in the languages it ships besides English, each loaded when first needed. */
const SHIPPED: Readonly<Partial<Record<string, () => Promise<Messages>>>> = {
  fr: () => import('./messages-fr').then((module) => module.MESSAGES_FR),
  ne: () => import('./messages-ne').then((module) => module.MESSAGES_NE),
};

export const hasShippedMessages = (locale: string): boolean => SHIPPED[baseLanguage(locale)] !== undefined;

/** This page's own texts in the language; none for English (the built-in ones) or a language it does not ship. */
export async function loadShippedMessages(locale: string): Promise<Messages> {
  return (await SHIPPED[baseLanguage(locale)]?.()) ?? {};
}

/**
 * The database's text for `key`, else this page's own text in the language, else the built-in
 * English, else the key itself; `{{name}}` filled from `values`.
 */
export function translate(
  messages: Messages,
  key: string,
  values?: Readonly<Record<string, string | number>>,
  englishMessages: Messages = {},
  shippedMessages: Messages = {},
  typography: (text: string) => string = (text) => text,
): string {
  const own = messages[key] || shippedMessages[key];
  const text = own ? typography(own) : englishMessages[key] || DEFAULT_MESSAGES[key] || key;
  return values ? text.replace(/\{\{\s*(\w+)\s*\}\}/g, (match, name: string) => (name in values ? String(values[name]) : match)) : text;
}

export interface Translate {
  (key: string, values?: Readonly<Record<string, string | number>>): string;
  /** `'en'` for a text left in English on a page in another language, so screen readers read it as English; else null. */
  langOf(key: string): string | null;
}

/** Texts in `locale`: the database's (`messages`), this page's own (`shippedMessages`), then English. */
export function translator(messages: Messages, locale = 'en', englishMessages: Messages = {}, shippedMessages: Messages = {}): Translate {
  const english = baseLanguage(locale) === 'en';
  const typography = baseLanguage(locale) === 'fr' ? frenchTypography : undefined;
  const t = ((key, values) => translate(messages, key, values, englishMessages, shippedMessages, typography)) as Translate;
  t.langOf = (key) => (english || messages[key] || shippedMessages[key] ? null : 'en');
  return t;
}

/**
 * French punctuation: a narrow no-break space before : ; ! ? and inside « », whether the text had a
 * plain space there or none. A colon followed by no space (a URL, a time) is left alone.
 */
export function frenchTypography(text: string): string {
  return text
    .replace(/[ \u00a0\u202f]*([:;!?])(?=\s|$)/g, '\u202f$1')
    .replace(/«[ \u00a0\u202f]*/g, '«\u202f')
    .replace(/[ \u00a0\u202f]*»/g, '\u202f»');
}

/** The data sets by translated name, in configuration order. */
export function dataSetOptions(dataSets: readonly DataSetConfig[], t: Translate): DataSetOption[] {
  return dataSets.map(({ id, translation_key }) => ({
    id,
    name: translation_key ? t(translation_key) : id,
  }));
}
