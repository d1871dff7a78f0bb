/** What the compare needs of a DHIS2 data set, read with `GET /api/dataSets/{id}?fields=…`. */
export interface OptionCombo { id: string; name: string }

export interface DataElementMetadata {
  id: string;
  name: string;
  valueType?: string;
  /** Whether DHIS2 keeps a 0 (else a 0 deletes the value it replaces). */
  zeroIsSignificant?: boolean;
  /** The option combos a value of it may name: its data set element's category combo, else its own. */
  optionCombos?: OptionCombo[];
}

export interface DataInputPeriod { period: string; openingDate?: string; closingDate?: string }

export interface DataSetMetadata {
  id: string;
  name: string;
  periodType?: string;
  expiryDays?: number;
  openFuturePeriods?: number;
  dataInputPeriods?: DataInputPeriod[];
  dataElements: Map<string, DataElementMetadata>;
  orgUnits: Map<string, string>;
  /** The data set's attribute option combos. */
  attributeOptionCombos?: OptionCombo[];
  /** Fields this DHIS2 did not give (an older version, or a field it does not know): the checks that need them are not made. */
  missing: string[];
}

const COMBOS = 'categoryCombo[id,categoryOptionCombos[id,name]]';

/** DHIS2's field filter: only what the compare reads, the same on 2.38 to 2.43. */
export const DATA_SET_FIELDS = [
  'id', 'name', 'periodType', 'expiryDays', 'openFuturePeriods',
  'dataInputPeriods[period,openingDate,closingDate]',
  COMBOS,
  `dataSetElements[dataElement[id,name,valueType,zeroIsSignificant,${COMBOS}],${COMBOS}]`,
  'organisationUnits[id,name]',
].join(',');

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const records = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isRecord) : []);

const combosOf = (categoryCombo: unknown): OptionCombo[] | undefined => {
  if (!isRecord(categoryCombo) || !Array.isArray(categoryCombo['categoryOptionCombos'])) {
    return undefined;
  }
  return records(categoryCombo['categoryOptionCombos']).flatMap(combo => {
    const id = text(combo['id']);
    return id ? [{ id, name: text(combo['name']) ?? id }] : [];
  });
};

/** A data input period's `period`: `{ id }` as DHIS2's JacksonPeriodSerializer writes it, or a bare id. */
const periodIdOf = (value: unknown) => text(value) ?? (isRecord(value) ? text(value['id']) : undefined);

/** Reads DHIS2's answer leniently: anything absent or malformed is noted in `missing`, never guessed. */
export const readDataSetMetadata = (body: unknown, id: string): DataSetMetadata => {
  const set = isRecord(body) ? body : {};
  const missing: string[] = [];
  const has = (field: string) => {
    if (set[field] === undefined || set[field] === null) {
      missing.push(field);
      return false;
    }
    return true;
  };
  const dataElements = new Map<string, DataElementMetadata>();
  if (has('dataSetElements')) {
    for (const element of records(set['dataSetElements'])) {
      const dataElement = isRecord(element['dataElement']) ? element['dataElement'] : undefined;
      const deId = text(dataElement?.['id']);
      if (!dataElement || !deId) continue;
      const optionCombos = combosOf(element['categoryCombo']) ?? combosOf(dataElement['categoryCombo']);
      dataElements.set(deId, {
        id: deId,
        name: text(dataElement['name']) ?? deId,
        ...(text(dataElement['valueType']) ? { valueType: text(dataElement['valueType']) } : {}),
        ...(typeof dataElement['zeroIsSignificant'] === 'boolean' ? { zeroIsSignificant: dataElement['zeroIsSignificant'] } : {}),
        ...(optionCombos ? { optionCombos } : {}),
      });
    }
  }
  const orgUnits = new Map<string, string>();
  if (has('organisationUnits')) {
    for (const unit of records(set['organisationUnits'])) {
      const unitId = text(unit['id']);
      if (unitId) orgUnits.set(unitId, text(unit['name']) ?? unitId);
    }
  }
  const number = (field: string) => (has(field) && typeof set[field] === 'number' && Number.isFinite(set[field]) ? set[field] as number : undefined);
  const expiryDays = number('expiryDays');
  const openFuturePeriods = number('openFuturePeriods');
  const dataInputPeriods = has('dataInputPeriods')
    ? records(set['dataInputPeriods']).flatMap(input => {
      const period = periodIdOf(input['period']);
      return period ? [{ period, ...(text(input['openingDate']) ? { openingDate: text(input['openingDate']) } : {}),
        ...(text(input['closingDate']) ? { closingDate: text(input['closingDate']) } : {}) }] : [];
    })
    : undefined;
  const attributeOptionCombos = has('categoryCombo') ? combosOf(set['categoryCombo']) : undefined;
  return {
    id,
    name: text(set['name']) ?? id,
    ...(has('periodType') && text(set['periodType']) ? { periodType: text(set['periodType']) } : {}),
    ...(expiryDays === undefined ? {} : { expiryDays }),
    ...(openFuturePeriods === undefined ? {} : { openFuturePeriods }),
    ...(dataInputPeriods ? { dataInputPeriods } : {}),
    ...(attributeOptionCombos ? { attributeOptionCombos } : {}),
    dataElements,
    orgUnits,
    missing,
  };
};
