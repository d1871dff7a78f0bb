import type { DataValue, DataValueSet } from '../server/src/export/data-value-set';
import type { Deployment } from './deployment';
import type { TargetValue } from './deployment-shape';

export type { DataValue, DataValueSet };

/**
 * What a correct export of the benchmark month holds: one value per mapped org unit and data
 * element, worked out from the generator's values (not from the database), and kept up to date
 * as the freshness checks change documents.
 */
export class ExpectedValues {
  private readonly values = new Map<string, Map<string, number>>();
  private readonly dataElementByTarget: Map<string, string>;
  private readonly attributesByDataElement: Map<string, Record<string, string>>;

  constructor(private readonly deployment: Deployment) {
    this.dataElementByTarget = new Map(deployment.mappedTargets.map(({ id, dataElement }) => [id, dataElement]));
    this.attributesByDataElement = new Map(deployment.mappedTargets.map(({ dataElement, categoryOptionCombo }) =>
      [dataElement, categoryOptionCombo ? { categoryOptionCombo } : {}] as [string, Record<string, string>]));
  }

  /** Every worker's target doc of the month, summed into its health centre and the district. */
  static of(deployment: Deployment): ExpectedValues {
    const expected = new ExpectedValues(deployment);
    expected.addOrgUnit(deployment.district.orgUnit);
    for (const centre of deployment.centreList()) {
      expected.addOrgUnit(centre.orgUnit);
    }
    for (let index = 0; index < deployment.workers; index++) {
      const { centre } = deployment.worker(index);
      expected.add([deployment.centre(centre).orgUnit, deployment.district.orgUnit], deployment.targetValues(index, deployment.month));
    }
    return expected;
  }

  get orgUnitCount(): number {
    return this.values.size;
  }

  get dataValueCount(): number {
    return this.values.size * this.dataElementByTarget.size;
  }

  addOrgUnit(orgUnit: string): void {
    if (!this.values.has(orgUnit)) {
      this.values.set(orgUnit, new Map([...this.dataElementByTarget.values()].map(dataElement => [dataElement, 0])));
    }
  }

  removeOrgUnit(orgUnit: string): Map<string, number> | undefined {
    const rows = this.values.get(orgUnit);
    this.values.delete(orgUnit);
    return rows;
  }

  renameOrgUnit(from: string, to: string): void {
    const rows = this.removeOrgUnit(from);
    if (!rows) {
      throw new Error(`no org unit ${from} to rename`);
    }
    this.values.set(to, rows);
  }

  /** Adds (sign 1) or takes away (sign -1) one target doc's values for the org units it counts toward. */
  add(orgUnits: string[], targetValues: TargetValue[], sign: 1 | -1 = 1): void {
    for (const { id, total } of targetValues) {
      const dataElement = this.dataElementByTarget.get(id);
      if (dataElement === undefined) {
        continue;
      }
      for (const orgUnit of orgUnits) {
        const rows = this.values.get(orgUnit);
        if (!rows) {
          throw new Error(`no org unit ${orgUnit} in the expected values`);
        }
        rows.set(dataElement, rows.get(dataElement)! + sign * total);
      }
    }
  }

  valueOf(orgUnit: string, dataElement: string): number | undefined {
    return this.values.get(orgUnit)?.get(dataElement);
  }

  /**
   * Everything in which an export differs from what it should hold; empty when it is right. A file
   * (`asFile`) is also held to what DHIS2's readers take: values as strings, and completeDate only
   * beside a data set level org unit (an export of every place has none).
   */
  differences(set: DataValueSet & { orgUnit?: string }, maxListed = 15, { asFile = false } = {}): string[] {
    const problems: string[] = [];
    const note = (problem: string) => {
      problems.push(problem);
    };
    const { deployment } = this;
    if (set.dataSet !== deployment.dataSet) {
      note(`dataSet is ${JSON.stringify(set.dataSet)}, expected ${deployment.dataSet}`);
    }
    const period = deployment.month.replace('-', '');
    if (set.period !== period) {
      note(`period is ${JSON.stringify(set.period)}, expected ${period}`);
    }
    const needsCompleteDate = !asFile || set.orgUnit !== undefined;
    if (needsCompleteDate && (typeof set.completeDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(set.completeDate))) {
      note(`completeDate is ${JSON.stringify(set.completeDate)}, expected YYYY-MM-DD`);
    }
    if (!needsCompleteDate && set.completeDate !== undefined) {
      note(`completeDate is ${JSON.stringify(set.completeDate)} without a data set level org unit, expected none`);
    }
    if (!Array.isArray(set.dataValues)) {
      return [...problems, 'dataValues is not an array'];
    }
    const seen = new Set<string>();
    for (const row of set.dataValues) {
      const key = `${row.orgUnit} × ${row.dataElement}`;
      const expected = this.valueOf(row.orgUnit, row.dataElement);
      if (seen.has(key)) {
        note(`${key}: appears more than once`);
      } else if (expected === undefined) {
        note(`${key}: not expected (value ${row.value})`);
      } else if (valueOf(row.value) !== expected || (asFile && typeof (row.value as unknown) !== 'string')) {
        note(`${key}: value ${row.value}, expected ${expected} (off by ${Number(row.value) - expected}, a ${typeof row.value})`);
      }
      for (const [attribute, value] of Object.entries(this.attributesByDataElement.get(row.dataElement) ?? {})) {
        if (row[attribute] !== value) {
          note(`${key}: ${attribute} is ${JSON.stringify(row[attribute])}, expected ${value}`);
        }
      }
      seen.add(key);
    }
    for (const [orgUnit, rows] of this.values) {
      for (const [dataElement, value] of rows) {
        if (!seen.has(`${orgUnit} × ${dataElement}`)) {
          note(`${orgUnit} × ${dataElement}: missing (expected value ${value})`);
        }
      }
    }
    return problems.length > maxListed
      ? [...problems.slice(0, maxListed), `… and ${problems.length - maxListed} more differences`]
      : problems;
  }
}

/** A value as the file carries it: a number (the preview) or a plain decimal string (DHIS2's JSON). */
const valueOf = (value: unknown): number | undefined =>
  typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : undefined;
