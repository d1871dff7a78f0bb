import { appliesToEveryDataSet, dhisCodeOf } from '../cht/cht-docs';
import { isPeriodType, type PeriodType } from './period-type';

/** The parts of the CHT app settings (doc `settings`, field `settings`) this product reads. */
export interface DhisDataSet {
  id: string;
  translation_key?: string;
  /** DHIS2's period type: "Monthly" (absent: the same), "Quarterly" or "Yearly". */
  periodType?: unknown;
}

export interface TargetDhis {
  dataElement: string;
  /** Absent, null or "": every data set. */
  dataSet?: string | null;
  [attribute: string]: unknown;
}

export interface TargetDefinition {
  id: string;
  dhis: TargetDhis;
}

export interface AppSettings {
  dhis_data_sets?: unknown;
  dhisDataSets?: unknown;
  locale?: unknown;
  uhc?: unknown;
  permissions?: Record<string, unknown>;
  tasks?: { targets?: { items?: unknown } };
  [key: string]: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The configured DHIS2 data sets; `dhisDataSets` (from the CHT docs' example) is read too. */
export const dataSetsOf = (settings: AppSettings): DhisDataSet[] => {
  const configured = Array.isArray(settings.dhis_data_sets) ? settings.dhis_data_sets
    : Array.isArray(settings.dhisDataSets) ? settings.dhisDataSets : [];
  return configured.filter((dataSet): dataSet is DhisDataSet =>
    isObject(dataSet) && typeof dataSet['id'] === 'string' && dataSet['id'] !== '');
};

/** The data set's period type: absent, null or "" is Monthly; undefined for a value this export does not know. */
export const periodTypeOf = (dataSet: DhisDataSet): PeriodType | undefined => {
  const { periodType } = dataSet;
  if (periodType === undefined || periodType === null || periodType === '') {
    return 'Monthly';
  }
  return isPeriodType(periodType) ? periodType : undefined;
};

export interface TargetDefinitions {
  definitions: TargetDefinition[];
  /** Targets whose `dhis` is present but unusable (not an object, no data element). */
  malformed: string[];
}

/**
 * Target definitions that feed the data set: a `dhis.dataElement` (a number becomes its string),
 * and `dhis.dataSet` equal, or absent, null or "" (every data set, as in the CHT).
 */
export const targetDefinitionsFor = (settings: AppSettings, dataSetId: string): TargetDefinitions => {
  const items = settings.tasks?.targets?.items;
  const result: TargetDefinitions = { definitions: [], malformed: [] };
  if (!Array.isArray(items)) {
    return result;
  }
  for (const item of items) {
    if (!isObject(item) || item['dhis'] === undefined) {
      continue;
    }
    const id = typeof item['id'] === 'string' ? item['id'] : String(item['id']);
    const dhis = item['dhis'];
    const dataElement = isObject(dhis) ? dhisCodeOf(dhis['dataElement']) : undefined;
    const forThisDataSet = !isObject(dhis) || appliesToEveryDataSet(dhis['dataSet']) || dhis['dataSet'] === dataSetId;
    if (!isObject(dhis) || dataElement === undefined) {
      // a mapping meant for another data set is that data set's mistake, not this one's
      if (forThisDataSet) result.malformed.push(id);
      continue;
    }
    if (forThisDataSet) {
      result.definitions.push({ id, dhis: { ...dhis, dataElement } });
    }
  }
  return result;
};

/** Roles listed under a permission; anything but an array of strings grants nothing. */
export const rolesWithPermission = (settings: AppSettings, permission: string): string[] => {
  const roles = settings.permissions?.[permission];
  return Array.isArray(roles) ? roles.filter((role): role is string => typeof role === 'string') : [];
};

export const localeOf = (settings: AppSettings): string =>
  typeof settings.locale === 'string' && settings.locale !== '' ? settings.locale : 'en';
