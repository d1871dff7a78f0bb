import type { ImportGroup } from './dhis2-stand-in-readers';
import { NUMERIC, type VersionBehaviour } from './dhis2-stand-in-versions';

export interface StandInMetadata {
  dataSets: Record<string, { dataElements: string[]; orgUnits: string[] }>;
  /** Data element → its category option combos (the default one is always allowed). */
  dataElements: Record<string, string[]>;
  orgUnits: string[];
  closedPeriods?: string[];
}

export interface Conflict {
  object: string;
  objects?: Record<string, string>;
  value: string;
  errorCode?: string;
  property?: string;
  indexes: number[];
}

export interface ImportOutcome {
  status: 'SUCCESS' | 'WARNING' | 'ERROR';
  conflicts: Conflict[];
  importCount: { imported: number; updated: number; ignored: number; deleted: number };
  /** Registrations this import made (`dataSet/period/orgUnit` → complete date), none for a dry run. */
  completed: [string, string][];
}

export const DEFAULT_COC = 'HllvX50cXC0';

/**
 * Checks the values of an import against the metadata as DHIS2 does (error codes of 2.38 to 2.42's
 * `DataValueSetImportValidator`), keeps them in `stored` unless it is a dry run, and completes the
 * data set where a group's `completeDate` may (see `VersionBehaviour.completeDateWithoutOrgUnit`).
 */
export const importGroups = (
  groups: ImportGroup[], metadata: StandInMetadata, stored: Map<string, unknown>, dryRun: boolean, behaviour: VersionBehaviour,
): ImportOutcome => {
  const conflicts: Conflict[] = [];
  const conflict = (errorCode: string | undefined, value: string, objects: Record<string, string>, indexes: number[]) => {
    const existing = conflicts.find(found => found.errorCode === errorCode && found.value === value);
    if (existing) {
      existing.indexes.push(...indexes);
      return;
    }
    const [object = ''] = Object.values(objects);
    conflicts.push({ object, objects, value, ...(errorCode ? { errorCode } : {}), property: Object.keys(objects)[0], indexes: [...indexes] });
  };
  const count = { imported: 0, updated: 0, ignored: 0, deleted: 0 };
  const completed: [string, string][] = [];
  let index = 0;
  let refused = false;
  for (const group of groups) {
    const first = index;
    const indexes = group.rows.map((_row, at) => first + at);
    index += group.rows.length;
    const dataSet = group.dataSet === undefined ? undefined : metadata.dataSets[group.dataSet];
    let setLevelError = false;
    if (group.completeDate !== undefined && group.completes && (!group.orgUnit || !group.period || !group.dataSet)) {
      if (behaviour.completeDateWithoutOrgUnit === 'refused') {
        conflict('E8009', 'Data set `completeDate` requires data set, org unit and period to be defined at the group level', {}, [-1]);
        refused = true;
        break;
      }
      // 2.38 to 2.42: a conflict with no code; the values are imported all the same.
      conflicts.push({ object: 'OrganisationUnit', value: 'Must be provided to complete data set', indexes: [] });
    }
    if (group.dataSet !== undefined && !dataSet) {
      conflict('E7600', `Data set not found or not accessible: \`${group.dataSet}\``, { dataSet: group.dataSet }, indexes);
      setLevelError = true;
    } else if (group.period && metadata.closedPeriods?.includes(group.period)) {
      conflict('E7640', `Current date is past expiry days for period: \`${group.period}\`  and data set: \`${group.dataSet}\``,
        { period: group.period, dataSet: String(group.dataSet) }, indexes);
      setLevelError = true;
    }
    let ignoredInGroup = 0;
    group.rows.forEach((row, at) => {
      const rowIndex = first + at;
      if (setLevelError) {
        ignoredInGroup++;
        return;
      }
      const orgUnit = String(row.orgUnit ?? group.orgUnit);
      const dataElement = String(row.dataElement);
      const period = row.period ?? group.period;
      const coc = row.categoryOptionCombo ?? DEFAULT_COC;
      const value = row.value === undefined || row.value === null ? '' : String(row.value);
      const before = conflicts.length;
      if (!(dataElement in metadata.dataElements)) {
        conflict('E7610', `Data element not found or not accessible: \`${dataElement}\``, { dataElement }, [rowIndex]);
      } else if (!metadata.orgUnits.includes(orgUnit)) {
        conflict('E7612', `Organisation unit not found or not accessible: \`${orgUnit}\``, { orgUnit }, [rowIndex]);
      } else if (coc !== DEFAULT_COC && !metadata.dataElements[dataElement]!.includes(coc)) {
        conflict('E7634', `Category option combo: \`${coc}\` must be part of category combo of data element: \`${dataElement}\``,
          { categoryOptionCombo: coc, dataElement }, [rowIndex]);
      } else if (dataSet && !dataSet.dataElements.includes(dataElement)) {
        conflict('E7633', `Data element: \`${dataElement}\` is not part of dataset: \`${group.dataSet}\``, { dataElement, dataSet: String(group.dataSet) }, [rowIndex]);
      } else if (dataSet && !dataSet.orgUnits.includes(orgUnit)) {
        conflict('E7636', `Data element: \`${dataElement}\` must be assigned through data sets to organisation unit: \`${orgUnit}\``,
          { orgUnit, dataElement }, [rowIndex]);
      } else if (!NUMERIC.test(value)) {
        conflict(behaviour.valueErrorCode, `Value must match value type of data element \`${dataElement}\`: \`${value}\``, { dataElement }, [rowIndex]);
      }
      if (conflicts.length > before || conflicts.some(found => found.indexes.includes(rowIndex))) {
        ignoredInGroup++;
        return;
      }
      const key = `${orgUnit}/${dataElement}/${coc}/${period}`;
      if (stored.has(key)) count.updated++;
      else count.imported++;
      if (!dryRun) stored.set(key, value);
    });
    count.ignored += ignoredInGroup;
    // 2.43 completes a group only when none of its values was ignored (`DataEntryPipeline.importGroups`).
    const completes = group.completes && group.completeDate && group.orgUnit && group.period && group.dataSet && !setLevelError &&
      (behaviour.completeDateWithoutOrgUnit === 'conflict' || ignoredInGroup === 0);
    if (completes && !dryRun) {
      completed.push([`${group.dataSet}/${group.period}/${group.orgUnit}`, group.completeDate!]);
    }
    refused ||= setLevelError;
  }
  if (refused) {
    const total = groups.reduce((sum, group) => sum + group.rows.length, 0);
    return { status: 'ERROR', conflicts, importCount: { imported: 0, updated: 0, ignored: total, deleted: 0 }, completed: [] };
  }
  return { status: conflicts.length > 0 ? 'WARNING' : 'SUCCESS', conflicts, importCount: count, completed };
};
