import type { DataValue } from '../../export/data-value-set';
import type { DataSetMetadata, OptionCombo } from './data-set-metadata';
import { periodClosure, type PeriodClosure } from './period-openness';
import { valueTypeRefusal } from './value-types';

export type Dhis2CheckCode =
  | 'dhis2-period-type'
  | 'dhis2-period-closed'
  | 'dhis2-org-unit-not-assigned'
  | 'dhis2-data-element-not-in-data-set'
  | 'dhis2-option-combo-unknown'
  | 'dhis2-value-type'
  | 'dhis2-unmapped';

/** One thing a check names: its id, the CHT's name for it and DHIS2's. */
export interface CheckItem { id: string; chtName?: string; dhis2Name?: string }

/** What DHIS2's metadata says before anything is sent; `params` let the page word it, `message` and `action` are for scripts. */
export interface Dhis2Check {
  code: Dhis2CheckCode;
  severity: 'error' | 'warning' | 'notice';
  /** How many things are involved; `items` lists the first of them. */
  count: number;
  /** How many values of the file DHIS2 would refuse for it (0 for what only concerns the mapping). */
  values: number;
  items: CheckItem[];
  params: Record<string, string | number>;
  message: string;
  action: string;
}

export interface CheckContext {
  metadata: DataSetMetadata;
  periodId: string;
  /** The period type the app settings give the data set. */
  chtPeriodType: string;
  file: readonly DataValue[];
  /** Org units the CHT maps to the data set (all places, or the one asked for). */
  mappedOrgUnits: readonly string[];
  /** Whether the request covers every place: only then is an unmapped DHIS2 org unit a gap. */
  allPlaces: boolean;
  mappedDataElements: readonly string[];
  placeName: (orgUnit: string) => string | undefined;
  targetsOf: (dataElement: string) => string[];
  now: Date;
  minorVersion?: number;
}

const MAX_ITEMS = 100;

const PERIOD_CLOSED_WORDS: Record<PeriodClosure['reason'], (closure: PeriodClosure) => string> = {
  expiryDays: c => `DHIS2 closed the period ${'closedOn' in c ? `on ${c.closedOn}` : ''} (expiry days: ${'expiryDays' in c ? c.expiryDays : ''})`,
  openFuturePeriods: c => `DHIS2 does not open the period before ${'opensOn' in c ? c.opensOn : ''} (open future periods: ${'openFuturePeriods' in c ? c.openFuturePeriods : ''})`,
  dataInputPeriods: () => 'The data set\'s data input periods do not open this period now',
};

/** Groups the file's values by a key, counting them; keeps first-seen order. */
const tally = <K>(rows: readonly DataValue[], keyOf: (row: DataValue) => K | undefined) => {
  const counts = new Map<K, number>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
};

export const dhis2Checks = (context: CheckContext): Dhis2Check[] => {
  const { metadata, file, periodId } = context;
  const checks: Dhis2Check[] = [];
  const push = (code: Dhis2CheckCode, severity: Dhis2Check['severity'], items: CheckItem[], values: number,
    params: Dhis2Check['params'], message: string, action: string) => {
    if (items.length > 0) checks.push({ code, severity, count: items.length, values, items: items.slice(0, MAX_ITEMS), params, message, action });
  };
  const orgUnitItem = (id: string): CheckItem => ({ id, ...(context.placeName(id) ? { chtName: context.placeName(id) } : {}),
    ...(metadata.orgUnits.has(id) ? { dhis2Name: metadata.orgUnits.get(id) } : {}) });
  const dataElementItem = (id: string): CheckItem => ({ id, ...(context.targetsOf(id).length ? { chtName: context.targetsOf(id).join(', ') } : {}),
    ...(metadata.dataElements.has(id) ? { dhis2Name: metadata.dataElements.get(id)!.name } : {}) });

  if (metadata.periodType !== undefined && metadata.periodType !== context.chtPeriodType) {
    push('dhis2-period-type', 'error', [{ id: metadata.id, dhis2Name: metadata.name }], file.length,
      { dhis2PeriodType: metadata.periodType, chtPeriodType: context.chtPeriodType },
      `DHIS2's data set reports ${metadata.periodType}, the app settings say ${context.chtPeriodType}`,
      `Set "periodType": "${metadata.periodType}" on the data set in "dhis_data_sets", or choose the DHIS2 data set that reports ${context.chtPeriodType}`);
  }
  const closure = periodClosure(periodId, { ...metadata, minorVersion: context.minorVersion }, context.now);
  if (closure) {
    const { reason, ...dates } = closure;
    push('dhis2-period-closed', 'error', [{ id: periodId }], file.length, { reason, period: periodId, ...dates },
      PERIOD_CLOSED_WORDS[reason](closure),
      'Ask a DHIS2 administrator to open the period for the data set (or to send with a user allowed to edit expired periods)');
  }
  if (!metadata.missing.includes('organisationUnits')) {
    const refused = tally(file, row => (metadata.orgUnits.has(row.orgUnit) ? undefined : row.orgUnit));
    push('dhis2-org-unit-not-assigned', 'error', [...refused.keys()].map(orgUnitItem), [...refused.values()].reduce((a, b) => a + b, 0), {},
      'These org units are not assigned to the data set in DHIS2: their values would be refused (E7636)',
      'In DHIS2, assign the org units to the data set, or correct the places\' "dhis.orgUnit" mapping');
  }
  if (!metadata.missing.includes('dataSetElements')) {
    const outside = tally(file, row => (metadata.dataElements.has(row.dataElement) ? undefined : row.dataElement));
    push('dhis2-data-element-not-in-data-set', 'error', [...outside.keys()].map(dataElementItem), [...outside.values()].reduce((a, b) => a + b, 0), {},
      'These data elements are not in the data set in DHIS2: their values would be refused (E7633)',
      'In DHIS2, add the data elements to the data set, or correct the targets\' "dhis.dataElement"');

    // an unknown combo, named by what it was given for: the data element (its names) or the data set
    const unknownCombos = new Map<string, CheckItem>();
    const unknownCombo = (combo: unknown, known: readonly OptionCombo[] | undefined, owner: () => CheckItem) => {
      if (typeof combo !== 'string' || !known || known.some(({ id }) => id === combo)) return false;
      unknownCombos.set(combo, unknownCombos.get(combo) ?? { ...owner(), id: combo });
      return true;
    };
    let refused = 0;
    for (const row of file) {
      const categoryRefused = unknownCombo(row['categoryOptionCombo'], metadata.dataElements.get(row.dataElement)?.optionCombos, () => dataElementItem(row.dataElement));
      const attributeRefused = unknownCombo(row['attributeOptionCombo'], metadata.attributeOptionCombos, () => ({ id: metadata.id, dhis2Name: metadata.name }));
      if (categoryRefused || attributeRefused) refused++;
    }
    push('dhis2-option-combo-unknown', 'error', [...unknownCombos.values()], refused, {},
      'These option combos are not in the category combo DHIS2 gives the data element (or the data set\'s attributes): their values would be refused (E7634)',
      'Correct "categoryOptionCombo" or "attributeOptionCombo" in the targets\' "dhis", using ids of the data element\'s category combo in DHIS2');

    const byType = new Map<string, { items: Map<string, CheckItem>; values: number; example: number; reason: string }>();
    for (const row of file) {
      const element = metadata.dataElements.get(row.dataElement);
      const reason = element ? valueTypeRefusal(row.value, element.valueType) : undefined;
      if (!element || !reason) continue;
      const entry = byType.get(element.valueType!) ?? { items: new Map(), values: 0, example: row.value, reason };
      entry.items.set(row.dataElement, dataElementItem(row.dataElement));
      entry.values++;
      byType.set(element.valueType!, entry);
    }
    for (const [valueType, entry] of byType) {
      push('dhis2-value-type', 'error', [...entry.items.values()], entry.values, { valueType, example: entry.example, reason: entry.reason },
        `DHIS2 refuses values such as ${entry.example} for data elements of value type ${valueType} (${entry.reason})`,
        `Change the data element's value type in DHIS2, or map to a data element whose value type takes such values (e.g. NUMBER or INTEGER_ZERO_OR_POSITIVE)`);
    }
  }
  if (context.allPlaces && !metadata.missing.includes('organisationUnits')) {
    const mapped = new Set(context.mappedOrgUnits);
    push('dhis2-unmapped', 'warning', [...metadata.orgUnits.keys()].filter(id => !mapped.has(id)).map(orgUnitItem), 0, { kind: 'orgUnits' },
      'These org units are assigned to the data set in DHIS2, but no CHT place maps to them: a send leaves their values as they are',
      'Map a place to each of them with "dhis": { "orgUnit": … }, or leave them if another system reports for them');
  }
  if (!metadata.missing.includes('dataSetElements')) {
    const mapped = new Set(context.mappedDataElements);
    push('dhis2-unmapped', 'notice', [...metadata.dataElements.keys()].filter(id => !mapped.has(id)).map(dataElementItem), 0, { kind: 'dataElements' },
      'These data elements are in the data set in DHIS2, but no target maps to them: a send leaves their values as they are',
      'Map a target to each with "dhis": { "dataElement": … }, or leave them if they are filled in another way');
  }
  return checks;
};
