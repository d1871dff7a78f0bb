import type { TargetDefinition } from '../settings/app-settings';
import type { Translate } from '../settings/translations';
import { dhisMappingsOf, type PlaceDoc, type TargetDoc } from '../cht/cht-docs';
import type { DataValue, DataValueSet } from './data-value-set';
import { DecimalSum } from './decimal-sum';

interface Row {
  /** The data value but its value, which is the sum's. */
  dataValue: DataValue;
  sum: DecimalSum;
}

export interface AggregationScope {
  dataSet: string;
  definitions: TargetDefinition[];
  /** Places from the org-unit view (all of them, or those with the filtered org unit). */
  places: Iterable<PlaceDoc>;
  orgUnit?: string;
  /** Told of every target doc as it is summed; the preview listens, the file is the same without it. */
  observer?: TargetDocObserver;
}

/** How a target doc was summed: the org units it counted toward (none: counted nowhere), or malformed. */
export interface TargetDocOutcome {
  orgUnits: readonly string[];
  malformed: boolean;
  /** The ids of its targets that feed the data set. */
  mappedTargets: readonly string[];
}

export interface TargetDocObserver {
  targetDoc(doc: TargetDoc, outcome: TargetDocOutcome): void;
}

export interface AggregationCounts {
  targetDocs: number;
  counted: number;
  malformed: number;
}

/**
 * Sums target docs into data values with the CHT's rules: every org unit mapped to the data set
 * gets a row per data element and option combos, starting at 0; a target doc adds `value.total` to each org unit
 * found on its owner or an ancestor, once per org unit. A value that would make a sum infinite is
 * malformed: left out and counted, like a value that is not a number.
 */
export class DataValueSetAggregation {
  readonly counts: AggregationCounts = { targetDocs: 0, counted: 0, malformed: 0 };
  private readonly orgUnitsByContact = new Map<string, string[]>();
  private readonly placeNameByOrgUnit = new Map<string, string>();
  /** Per org unit, a row per data value key (see `dataValueKey`). */
  private readonly rowsByOrgUnit = new Map<string, Map<string, Row>>();
  private readonly rowKeyByTarget = new Map<string, string>();

  constructor(private readonly scope: AggregationScope) {
    for (const { id, dhis } of scope.definitions) {
      this.rowKeyByTarget.set(id, dataValueKey(dhis));
    }
    for (const place of scope.places) {
      for (const { orgUnit, dataSet } of dhisMappingsOf(place)) {
        const inDataSet = dataSet === undefined || dataSet === scope.dataSet;
        const inFilter = scope.orgUnit === undefined || orgUnit === scope.orgUnit;
        if (!inDataSet || !inFilter) {
          continue;
        }
        const orgUnits = this.orgUnitsByContact.get(place._id) ?? [];
        if (!orgUnits.includes(orgUnit)) {
          orgUnits.push(orgUnit);
        }
        this.orgUnitsByContact.set(place._id, orgUnits);
        const name = placeNameOf(place.name);
        if (!this.placeNameByOrgUnit.has(orgUnit) && name !== undefined) {
          this.placeNameByOrgUnit.set(orgUnit, name);
        }
        if (!this.rowsByOrgUnit.has(orgUnit)) {
          this.rowsByOrgUnit.set(orgUnit, this.emptyRows(orgUnit));
        }
      }
    }
  }

  /** The org units a target doc owned by this lineage (owner id first, then ancestors) counts toward. */
  orgUnitsOf(lineage: readonly string[]): string[] {
    const found = new Set<string>();
    for (const contactId of lineage) {
      for (const orgUnit of this.orgUnitsByContact.get(contactId) ?? []) {
        found.add(orgUnit);
      }
    }
    return [...found];
  }

  /** Whether any mapped org unit could receive a doc: lets readers skip fetching lineages. */
  get isEmpty(): boolean {
    return this.rowsByOrgUnit.size === 0;
  }

  add(doc: TargetDoc, lineage: readonly string[]): void {
    this.counts.targetDocs++;
    if (typeof doc.owner !== 'string' || !Array.isArray(doc.targets)) {
      this.counts.malformed++;
      this.scope.observer?.targetDoc(doc, { orgUnits: [], malformed: true, mappedTargets: [] });
      return;
    }
    const orgUnits = this.orgUnitsOf(lineage);
    if (orgUnits.length === 0) {
      this.scope.observer?.targetDoc(doc, { orgUnits, malformed: false, mappedTargets: [] });
      return;
    }
    this.counts.counted++;
    let malformed = false;
    const mappedTargets: string[] = [];
    for (const target of doc.targets as unknown[]) {
      const { id, total } = targetValueOf(target);
      const rowKey = id === undefined ? undefined : this.rowKeyByTarget.get(id);
      if (rowKey === undefined) {
        continue;
      }
      mappedTargets.push(id!);
      if (total === undefined || orgUnits.some(orgUnit => this.rowsByOrgUnit.get(orgUnit)?.get(rowKey)?.sum.peek(total) === undefined)) {
        malformed = true;
        continue;
      }
      for (const orgUnit of orgUnits) {
        this.rowsByOrgUnit.get(orgUnit)?.get(rowKey)?.sum.add(total);
      }
    }
    if (malformed) {
      this.counts.malformed++;
    }
    this.scope.observer?.targetDoc(doc, { orgUnits, malformed, mappedTargets });
  }

  get definitions(): readonly TargetDefinition[] {
    return this.scope.definitions;
  }

  /** The org units that have rows. */
  get orgUnits(): string[] {
    return [...this.rowsByOrgUnit.keys()];
  }

  /** The name of the first place mapped to the org unit, if it has one. */
  placeNameOf(orgUnit: string): string | undefined {
    return this.placeNameByOrgUnit.get(orgUnit);
  }

  /** The target ids that add up in a data value's row (several when they share data element and combos). */
  targetsOf(dataValue: DataValue): string[] {
    const key = dataValueKey(dataValue);
    return this.scope.definitions.filter(({ dhis }) => dataValueKey(dhis) === key).map(({ id }) => id);
  }

  /** Rows ordered by org unit, then by the order of the target definitions. */
  result(period: string, completeDate: string): DataValueSet {
    const orgUnits = [...this.rowsByOrgUnit.keys()].sort();
    return {
      dataSet: this.scope.dataSet,
      completeDate,
      period,
      dataValues: orgUnits.flatMap(orgUnit => [...this.rowsByOrgUnit.get(orgUnit)!.values()]
        .map(({ dataValue, sum }) => ({ ...dataValue, value: sum.value }))),
    };
  }

  /**
   * Data set, org units and data elements by name: translated data set name, place name, target id.
   * Places that share a name keep their org unit beside it ("Centre Nord (ouNorth)"), so that no
   * two org units become one in the file (one ADX group, one count).
   */
  humanReadable(set: DataValueSet, dataSetName: string): DataValueSet {
    const targetByRowKey = new Map<string, string>();
    for (const { id, dhis } of this.scope.definitions) {
      if (!targetByRowKey.has(dataValueKey(dhis))) {
        targetByRowKey.set(dataValueKey(dhis), id);
      }
    }
    const orgUnitsByName = new Map<string, Set<string>>();
    for (const { orgUnit } of set.dataValues) {
      const name = this.placeNameByOrgUnit.get(orgUnit) ?? orgUnit;
      orgUnitsByName.set(name, (orgUnitsByName.get(name) ?? new Set()).add(orgUnit));
    }
    const orgUnitName = (orgUnit: string) => {
      const name = this.placeNameByOrgUnit.get(orgUnit) ?? orgUnit;
      return orgUnitsByName.get(name)!.size > 1 ? `${name} (${orgUnit})` : name;
    };
    return {
      ...set,
      dataSet: dataSetName,
      dataValues: set.dataValues.map(row => ({
        ...row,
        dataElement: targetByRowKey.get(dataValueKey(row)) ?? row.dataElement,
        orgUnit: orgUnitName(row.orgUnit),
      })),
    };
  }

  private emptyRows(orgUnit: string): Map<string, Row> {
    const rows = new Map<string, Row>();
    for (const { dhis } of this.scope.definitions) {
      // Every attribute of `dhis` but `dataSet` is copied: categoryOptionCombo, attributeOptionCombo, …
      const { dataSet: _dataSet, ...attributes } = dhis;
      const key = dataValueKey(dhis);
      if (!rows.has(key)) {
        rows.set(key, { dataValue: { ...attributes, dataElement: dhis.dataElement, orgUnit, value: 0 }, sum: new DecimalSum() });
      }
    }
    return rows;
  }
}

/**
 * What identifies a data value within an org unit and period, as DHIS2 has it: data element,
 * category option combo and attribute option combo. Targets that share all three add up in one row.
 */
export const dataValueKey = ({ dataElement, categoryOptionCombo, attributeOptionCombo }: { dataElement: string; [attribute: string]: unknown }) =>
  JSON.stringify([dataElement, categoryOptionCombo ?? null, attributeOptionCombo ?? null]);

/** A place's name as people read it: text, or a number written as one (a place named 12). */
const placeNameOf = (name: unknown): string | undefined => {
  if (typeof name === 'number' && Number.isFinite(name)) {
    return String(name);
  }
  return typeof name === 'string' && name.trim() !== '' ? name : undefined;
};

const targetValueOf = (target: unknown): { id?: string; total?: number } => {
  if (typeof target !== 'object' || target === null) {
    return {};
  }
  const { id, value } = target as { id?: unknown; value?: { total?: unknown } };
  const total = typeof value === 'object' && value !== null ? value.total : undefined;
  return {
    id: typeof id === 'string' ? id : undefined,
    total: typeof total === 'number' && Number.isFinite(total) ? total : undefined,
  };
};

export const dataSetName = (translate: Translate, translationKey: string | undefined, id: string): string =>
  translationKey ? translate(translationKey) : id;
