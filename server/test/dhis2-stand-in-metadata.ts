import type { ServerResponse } from 'node:http';
import type { StandInMetadata } from './dhis2-stand-in';

/**
 * The stand-in's read endpoints, as DHIS2 2.38–2.43 answer them (read in dhis2-core, branches 2.38 to
 * 2.43): `GET /api/system/info`, `GET /api/dataSets/{id}?fields=…` (DHIS2's field filter, nested
 * with `[…]`; `expiryDays` an integer until 2.42, a double in 2.43; a data input period's `period`
 * as `{ id }`, JacksonPeriodSerializer) and `GET /api/dataValueSets?dataSet&period&orgUnit…`
 * (`DataValueSetQueryParams` until 2.42, `DataExportParams.Input` in 2.43: unknown org units are
 * dropped, none left is 409 E2006; values as strings; 2.43's `DataExportOutput` moves a period or
 * org unit shared by the whole answer to the group and leaves it off the values; `limit`).
 */
export interface StandInCatalogue {
  dataSets: Record<string, {
    name: string;
    periodType: string;
    expiryDays?: number;
    openFuturePeriods?: number;
    dataInputPeriods?: { period: string; openingDate?: string; closingDate?: string }[];
    /** The attribute category combo; default when absent. */
    categoryCombo?: string;
    dataSetElements: { dataElement: string; categoryCombo?: string }[];
    organisationUnits: string[];
  }>;
  dataElements: Record<string, { name: string; valueType: string; categoryCombo?: string; zeroIsSignificant?: boolean }>;
  /** Category combo → its option combos (id → name). `default` is always there. */
  categoryCombos?: Record<string, Record<string, string>>;
  orgUnits: Record<string, string>;
  /** Fields this DHIS2 does not have (an older or trimmed one): left out of the data set. */
  unknownFields?: string[];
  /** `GET /api/system/info`'s `calendar` (iso8601 by default). */
  calendar?: string;
}

export const DEFAULT_COC = 'HllvX50cXC0';
const DEFAULT_COMBOS: Record<string, Record<string, string>> = { bjDvmb4bfuf: { [DEFAULT_COC]: 'default' } };

/** The import side's view of the same DHIS2, so a dry run and a compare agree. */
export const importMetadataOf = (catalogue: StandInCatalogue): StandInMetadata => {
  const combos = { ...DEFAULT_COMBOS, ...catalogue.categoryCombos };
  return {
    orgUnits: Object.keys(catalogue.orgUnits),
    dataElements: Object.fromEntries(Object.entries(catalogue.dataElements).map(([id, element]) =>
      [id, Object.keys(combos[element.categoryCombo ?? 'bjDvmb4bfuf'] ?? {})])),
    dataSets: Object.fromEntries(Object.entries(catalogue.dataSets).map(([id, set]) =>
      [id, { dataElements: set.dataSetElements.map(({ dataElement }) => dataElement), orgUnits: set.organisationUnits }])),
  };
};

type Tree = Map<string, Tree | undefined>;

/** DHIS2's `fields` expression (`id,name,dataSetElements[dataElement[id,name]]`) as a tree. */
export const parseFields = (text: string): Tree => {
  let at = 0;
  const level = (): Tree => {
    const tree: Tree = new Map();
    let name = '';
    while (at < text.length) {
      const char = text[at++]!;
      if (char === '[') {
        tree.set(name.trim(), level());
        name = '';
      } else if (char === ']') {
        break;
      } else if (char === ',') {
        if (name.trim()) tree.set(name.trim(), undefined);
        name = '';
      } else {
        name += char;
      }
    }
    if (name.trim()) tree.set(name.trim(), undefined);
    return tree;
  };
  return level();
};

/** Only the fields asked for, as DHIS2's field filter gives them; a field asked for bare that is an object gives its id, as DHIS2's default does. */
const project = (value: unknown, tree: Tree | undefined): unknown => {
  if (Array.isArray(value)) return value.map(item => project(item, tree));
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  if (!tree) return 'id' in record ? { id: record['id'] } : record;
  const out: Record<string, unknown> = {};
  for (const [field, sub] of tree) {
    if (record[field] !== undefined) out[field] = project(record[field], sub);
  }
  return out;
};

const minorOf = (version: string) => {
  const [major, minor] = version.split('.').map(Number);
  return major === 2 ? minor! : major!;
};

const combo = (id: string, combos: Record<string, Record<string, string>>) =>
  ({ id, categoryOptionCombos: Object.entries(combos[id] ?? {}).map(([cocId, name]) => ({ id: cocId, name })) });

const dataSetDocument = (id: string, catalogue: StandInCatalogue, version: string) => {
  const set = catalogue.dataSets[id]!;
  const combos = { ...DEFAULT_COMBOS, ...catalogue.categoryCombos };
  const expiryDays = set.expiryDays ?? 0;
  const document: Record<string, unknown> = {
    id,
    name: set.name,
    periodType: set.periodType,
    // 2.43 made it a double: Jackson writes 7.0, which JSON readers take as 7 either way
    expiryDays: minorOf(version) >= 43 ? Number(expiryDays.toFixed(1)) : Math.trunc(expiryDays),
    openFuturePeriods: set.openFuturePeriods ?? 0,
    dataInputPeriods: (set.dataInputPeriods ?? []).map(({ period, ...dates }) => ({ period: { id: period }, ...dates })),
    categoryCombo: combo(set.categoryCombo ?? 'bjDvmb4bfuf', combos),
    dataSetElements: set.dataSetElements.map(({ dataElement, categoryCombo }) => {
      const element = catalogue.dataElements[dataElement]!;
      return {
        dataElement: { id: dataElement, name: element.name, valueType: element.valueType, zeroIsSignificant: element.zeroIsSignificant ?? false,
          categoryCombo: combo(element.categoryCombo ?? 'bjDvmb4bfuf', combos) },
        ...(categoryCombo ? { categoryCombo: combo(categoryCombo, combos) } : {}),
      };
    }),
    organisationUnits: set.organisationUnits.map(ou => ({ id: ou, name: catalogue.orgUnits[ou] ?? ou })),
  };
  for (const field of catalogue.unknownFields ?? []) delete document[field];
  return document;
};

export interface StoredValues { get(key: string): unknown; entries(): IterableIterator<[string, unknown]> }

/** `orgUnit/dataElement/coc/period` keys, as the stand-in's import stores values. */
const dataValueSet = (query: URLSearchParams, catalogue: StandInCatalogue, stored: StoredValues, version: string) => {
  const dataSets = query.getAll('dataSet').filter(id => catalogue.dataSets[id]);
  const periods = query.getAll('period');
  const orgUnits = query.getAll('orgUnit').filter(id => Object.hasOwn(catalogue.orgUnits, id));
  const conflict = (errorCode: string, message: string) => ({ status: 409, body: { httpStatus: 'Conflict', httpStatusCode: 409, status: 'ERROR', message, errorCode } });
  if (dataSets.length === 0) return conflict('E2001', 'At least one data element, data set or data element group must be specified');
  if (periods.length === 0) return conflict('E2002', 'At least one period, start/end dates, last updated or last updated duration must be specified');
  if (orgUnits.length === 0) return conflict('E2006', 'At least one organisation unit or organisation unit group must be specified');
  const limit = query.has('limit') ? Number(query.get('limit')) : Infinity;
  const elements = new Set(dataSets.flatMap(id => catalogue.dataSets[id]!.dataSetElements.map(({ dataElement }) => dataElement)));
  const groupLevel = minorOf(version) >= 43;
  const period = groupLevel && periods.length === 1 ? periods[0] : undefined;
  const orgUnit = groupLevel && orgUnits.length === 1 ? orgUnits[0] : undefined;
  const dataValues: Record<string, unknown>[] = [];
  const [askedUnits, askedPeriods] = [new Set(orgUnits), new Set(periods)];
  for (const [key, value] of stored.entries()) {
    const [ou, de, coc, pe] = key.split('/') as [string, string, string, string];
    if (!askedUnits.has(ou) || !elements.has(de) || !askedPeriods.has(pe) || dataValues.length >= limit) continue;
    dataValues.push({
      dataElement: de,
      ...(period ? {} : { period: pe }),
      ...(orgUnit ? {} : { orgUnit: ou }),
      categoryOptionCombo: coc,
      attributeOptionCombo: DEFAULT_COC,
      value: String(value),
      storedBy: 'cht', created: '2026-01-05T10:00:00.000', lastUpdated: '2026-01-05T10:00:00.000', followup: false,
    });
  }
  return { status: 200, body: { ...(groupLevel && dataSets.length === 1 ? { dataSet: dataSets[0] } : {}),
    ...(period ? { period } : {}), ...(orgUnit ? { orgUnit } : {}), dataValues } };
};

export interface ReadContext {
  url: URL;
  version: string;
  catalogue?: StandInCatalogue;
  stored: StoredValues;
  behaviour: { delayMs?: number; failWith?: number };
  /** Counts each read, by path, for tests of what the compare costs DHIS2. */
  reads: Map<string, number>;
}

/** Answers the GET endpoints above; false when the request is none of them (the stand-in then answers 404). */
export const answerRead = async (context: ReadContext, res: ServerResponse): Promise<boolean> => {
  const { url, catalogue, version } = context;
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' });
    res.end(JSON.stringify(body));
  };
  const dataSetPath = /^\/api\/dataSets\/([^/]+)$/.exec(url.pathname);
  if (url.pathname !== '/api/system/info' && url.pathname !== '/api/dataValueSets' && !dataSetPath) return false;
  context.reads.set(url.pathname, (context.reads.get(url.pathname) ?? 0) + 1);
  if (context.behaviour.delayMs) {
    await new Promise(resolve => setTimeout(resolve, context.behaviour.delayMs));
    if (res.destroyed) return true;
  }
  if (context.behaviour.failWith) {
    send(context.behaviour.failWith, { httpStatus: 'Internal Server Error', httpStatusCode: context.behaviour.failWith, status: 'ERROR', message: 'Stand-in failure' });
    return true;
  }
  if (url.pathname === '/api/system/info') {
    send(200, { version, revision: 'stand-in', calendar: catalogue?.calendar ?? 'iso8601', dateFormat: 'yyyy-mm-dd', serverDate: new Date().toISOString() });
    return true;
  }
  if (!catalogue) {
    send(404, { httpStatus: 'Not Found', httpStatusCode: 404, status: 'ERROR', message: 'This stand-in was started without a catalogue' });
    return true;
  }
  if (dataSetPath) {
    const id = decodeURIComponent(dataSetPath[1]!);
    if (!catalogue.dataSets[id]) {
      send(404, { httpStatus: 'Not Found', httpStatusCode: 404, status: 'ERROR', message: `DataSet with id ${id} could not be found.`, errorCode: 'E1005' });
      return true;
    }
    const fields = url.searchParams.get('fields');
    const document = dataSetDocument(id, catalogue, version);
    send(200, fields ? project(document, parseFields(fields)) : document);
    return true;
  }
  const { status, body } = dataValueSet(url.searchParams, catalogue, context.stored, version);
  send(status, body);
  return true;
};
