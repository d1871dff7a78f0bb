import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { VersionBehaviour } from './dhis2-stand-in-versions';

/** One data value as the stand-in checks it, whatever format it came in. */
export interface ImportRow {
  dataElement?: string;
  orgUnit?: string;
  period?: string;
  categoryOptionCombo?: string;
  attributeOptionCombo?: string;
  /** As the file has it: a string, or a JSON number where the version takes one. */
  value?: unknown;
  comment?: string;
  /** Category options named by column or attribute instead of an option combo (which the stand-in cannot map). */
  categoryOptions?: Record<string, string>;
}

/** A set (JSON, XML, CSV) or an ADX group: what its values share. */
export interface ImportGroup {
  dataSet?: string;
  period?: string;
  orgUnit?: string;
  attributeOptionCombo?: string;
  completeDate?: string;
  /** Whether this version completes the data set from this group's `completeDate`. */
  completes: boolean;
  rows: ImportRow[];
}

export type ImportRead =
  | { ok: true; format: 'json' | 'xml' | 'csv' | 'adx'; groups: ImportGroup[]; json?: unknown }
  /** The whole import refused before any value is looked at: `errorCode` where DHIS2 gives one. */
  | { ok: false; message: string; errorCode?: string; badRequest?: boolean };

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

const jsonRead = (body: string, behaviour: VersionBehaviour): ImportRead => {
  let json: { dataSet?: unknown; period?: unknown; orgUnit?: unknown; completeDate?: unknown; attributeOptionCombo?: unknown; dataValues?: unknown };
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, message: 'Invalid JSON payload', badRequest: true };
  }
  const values = Array.isArray(json.dataValues) ? json.dataValues as Record<string, unknown>[] : [];
  if (behaviour.jsonValuesMustBeStrings) {
    const index = values.findIndex(row => row['value'] !== undefined && row['value'] !== null && typeof row['value'] !== 'string');
    if (index >= 0) {
      const found = values[index]!['value'];
      return { ok: false, message: `Path \`.dataValues[${index}].value\` does not contain an STRING but a(n) ${typeof found === 'number' ? 'NUMBER' : 'OTHER'}: ${JSON.stringify(found)}` };
    }
  }
  return {
    ok: true,
    format: 'json',
    json,
    groups: [{
      dataSet: text(json.dataSet), period: text(json.period), orgUnit: text(json.orgUnit),
      attributeOptionCombo: text(json.attributeOptionCombo), completeDate: text(json.completeDate), completes: true,
      rows: values.map(row => ({
        dataElement: text(row['dataElement']), orgUnit: text(row['orgUnit']), period: text(row['period']),
        categoryOptionCombo: text(row['categoryOptionCombo']), attributeOptionCombo: text(row['attributeOptionCombo']),
        value: row['value'], comment: text(row['comment']),
      })),
    }],
  };
};

/** 2.38 to 2.42: JavaCSV, first row skipped, columns by position. */
const csvByPosition = (body: string): ImportRead => {
  const records = parseCsv(body, { relax_column_count: true, relax_quotes: true }) as string[][];
  const rows = records.slice(1).map(([dataElement, period, orgUnit, coc, aoc, value, , , comment]) => ({
    dataElement: text(dataElement), period: text(period), orgUnit: text(orgUnit),
    categoryOptionCombo: text(coc), attributeOptionCombo: text(aoc), value: text(value), comment: text(comment),
  }));
  return { ok: true, format: 'csv', groups: [{ completes: false, rows }] };
};

const CSV_FIELDS = ['dataElement', 'orgUnit', 'categoryOptionCombo', 'attributeOptionCombo', 'attributeCombo', 'attributeOptions',
  'period', 'value', 'comment', 'followUp', 'deleted'];
const CSV_IGNORED = ['storedby', 'timestamp'];

/** Java's `String.trim`: control characters and spaces, not JavaScript's Unicode white space (a BOM among it). */
const javaTrim = (field: string) => field.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');

/** A 2.43 record: a quoted field runs to the next quote, any other to the next comma, trimmed; empty is null. */
const fieldsOf = (line: string): (string | undefined)[] => {
  const fields: (string | undefined)[] = [];
  let at = line.length - line.trimStart().length;
  while (at < line.length) {
    if (line[at] === ',') {
      fields.push(undefined);
      at += 1;
    } else if (line[at] === '"') {
      const end = line.indexOf('"', at + 1) < 0 ? line.length : line.indexOf('"', at + 1);
      fields.push(line.slice(at + 1, end));
      const comma = line.indexOf(',', end);
      at = comma < 0 ? line.length : comma + 1;
    } else {
      const comma = line.indexOf(',', at) < 0 ? line.length : line.indexOf(',', at);
      fields.push(javaTrim(line.slice(at, comma)));
      at = comma + 1;
    }
    while (line[at] === ' ' || line[at] === '\t') at++;
  }
  return fields;
};

/** 2.43: the header's names matched to `DataEntryValue.Input`; a record ends at `\r` or `\n`; an empty record ends the file. */
const csvByName = (body: string): ImportRead => {
  // The header line is read by `BufferedReader.readLine` (CRLF is one line end), the records by `LineBuffer`.
  const headerEnd = /\r\n|\r|\n/.exec(body);
  const header = headerEnd ? body.slice(0, headerEnd.index) : body;
  const lines = headerEnd ? body.slice(headerEnd.index + headerEnd[0].length).split(/\r|\n/) : [];
  const end = lines.indexOf('');
  // Only spaces and tabs are trimmed: a byte order mark stays part of the first name.
  const columns = header.split(',').map(name => name.replace(/^[ \t]+|[ \t]+$/g, '').replace(/^"(.*)"$/, '$1'));
  const fieldOf = (name: string) => CSV_FIELDS.find(field => field === name || field.toLowerCase() === name);
  const anyColumns = !columns.includes('categoryOptionCombo');
  const rows = (end < 0 ? lines : lines.slice(0, end)).map(line => {
    const row: Record<string, string | undefined> = {};
    const options: Record<string, string> = {};
    fieldsOf(line).forEach((value, index) => {
      const name = columns[index] ?? '';
      const field = fieldOf(name);
      if (field) {
        row[field] = value === 'null' ? undefined : value;
      } else if (anyColumns && !CSV_IGNORED.includes(name.toLowerCase())) {
        options[name] = value ?? '';
      }
    });
    return { ...row, ...(Object.keys(options).length > 0 ? { categoryOptions: options } : {}) } as ImportRow;
  });
  const missing = rows.findIndex(row => row.dataElement === undefined);
  if (missing >= 0) {
    return { ok: false, errorCode: 'E8102', message: `Value #${missing} data element not defined in group or value` };
  }
  // Category options by name need the data set's categories, which the stand-in does not keep.
  const byOptions = rows.findIndex(row => row.categoryOptions && !row.categoryOptionCombo);
  if (byOptions >= 0) {
    return { ok: false, errorCode: 'E8108', message: `Value #${byOptions} category option combo not found: \`${JSON.stringify(rows[byOptions]!.categoryOptions)}\`` };
  }
  return { ok: true, format: 'csv', groups: [{ completes: false, rows }] };
};

const xmlParser = new XMLParser({
  ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, htmlEntities: true, removeNSPrefix: true,
  isArray: name => ['dataValue', 'group'].includes(name),
});
/** The attributes DHIS2 reads on a `<dataValueSet>` or an ADX `<group>`, and what they hold. */
type XmlElement = Record<string, string> & {
  dataSet?: string; period?: string; orgUnit?: string; attributeOptionCombo?: string; completeDate?: string;
  dataValue?: Array<Record<string, string> & { dataElement?: string; categoryOptionCombo?: string; value?: string; comment?: string }>;
  group?: XmlElement[];
};

/** `2026-10-01/P1M` → `202610`, `2026-07-01/P3M` → `2026Q3`, `2026-01-01/P1Y` → `2026`. */
const adxPeriod = (period: string | undefined): string | undefined => {
  const match = /^(\d{4})-(\d{2})-01\/P(1M|3M|1Y)$/.exec(period ?? '');
  if (!match) return undefined;
  const [, year, month, length] = match;
  return length === '1M' ? `${year}${month}` : length === '3M' ? `${year}Q${(Number(month) + 2) / 3}` : year;
};

const xmlRead = (body: string, behaviour: VersionBehaviour, query: URLSearchParams): ImportRead => {
  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    return { ok: false, errorCode: behaviour.csv === 'by-name' ? 'E8007' : undefined, message: `XML file error : ${valid.err.msg}` };
  }
  const root = xmlParser.parse(body) as { dataValueSet?: XmlElement; adx?: XmlElement };
  if (root.dataValueSet) {
    const set = root.dataValueSet;
    return {
      ok: true, format: 'xml',
      groups: [{
        dataSet: set.dataSet, period: set.period, orgUnit: set.orgUnit, attributeOptionCombo: set.attributeOptionCombo,
        completeDate: set.completeDate, completes: true, rows: (set.dataValue ?? []).map(row => ({ ...row })),
      }],
    };
  }
  if (!root.adx) {
    return { ok: false, errorCode: 'E8007', message: 'Neither <dataValueSet> nor <adx> root tag found' };
  }
  const scheme = query.get('dataSetIdScheme') ?? query.get('idScheme') ?? behaviour.adxDefaultIdScheme;
  const groups = root.adx.group ?? [];
  if (scheme.toUpperCase() === 'CODE' && groups.length > 0) {
    return { ok: false, message: `No data set matching code '${groups[0]!.dataSet}'` };
  }
  const withoutCombo = groups.flatMap(group => group.dataValue ?? []).findIndex(row => row.categoryOptionCombo === undefined);
  if (behaviour.adxValueWithoutComboRefused && withoutCombo >= 0) {
    return { ok: false, errorCode: 'E8108', message: `Value #${withoutCombo} category option combo not found: \`{}\`` };
  }
  return {
    ok: true, format: 'adx',
    groups: groups.map(group => ({
      dataSet: group.dataSet, period: adxPeriod(group.period), orgUnit: group.orgUnit, attributeOptionCombo: group.attributeOptionCombo,
      completeDate: group.completeDate,
      // 2.38 to 2.42 copy a group's attributes onto each DXF dataValue, where completeDate means nothing.
      completes: behaviour.adxDefaultIdScheme === 'UID',
      rows: (group.dataValue ?? []).map(({ dataElement, categoryOptionCombo, value, comment }) => ({ dataElement, categoryOptionCombo, value, comment })),
    })),
  };
};

/** Reads a `POST /api/dataValueSets` body by its content type, as the given version does. */
export const readImport = (contentType: string, body: string, behaviour: VersionBehaviour, query: URLSearchParams): ImportRead => {
  if (/csv/.test(contentType)) {
    return behaviour.csv === 'by-name' ? csvByName(body) : csvByPosition(body);
  }
  if (/xml/.test(contentType)) {
    return xmlRead(body, behaviour, query);
  }
  return jsonRead(body, behaviour);
};
