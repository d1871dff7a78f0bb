import { DataSetConfig, DhisAppSettings, Permissions } from './models';

export const DEFAULT_LOCALE = 'en';

/** `dhis_data_sets`, or `dhisDataSets` as in the CHT docs' example; entries without an id are dropped. */
export function configuredDataSets(settings: DhisAppSettings): DataSetConfig[] {
  const list = Array.isArray(settings.dhis_data_sets)
    ? settings.dhis_data_sets
    : Array.isArray(settings.dhisDataSets)
      ? settings.dhisDataSets
      : [];
  return list.filter((dataSet): dataSet is DataSetConfig => !!dataSet && typeof dataSet.id === 'string' && dataSet.id !== '');
}

export function settingsLocale(settings: DhisAppSettings): string {
  return typeof settings.locale === 'string' && settings.locale ? settings.locale : DEFAULT_LOCALE;
}

/** Server admins always may; others when a role is listed under `can_export_dhis` or `can_export_all`. */
export function canExportDhis(roles: readonly string[], permissions: Permissions | undefined): boolean {
  if (roles.includes('_admin')) return true;
  const allowed = [...(permissions?.['can_export_dhis'] ?? []), ...(permissions?.['can_export_all'] ?? [])];
  return roles.some((role) => allowed.includes(role));
}
