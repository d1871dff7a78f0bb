import { DataSetConfig, DhisAppSettings, Permissions } from './models';

export const DEFAULT_LOCALE = 'en';

/** `dhis_data_sets`, or `dhisDataSets` as in the CHT docs' example; entries without an id are dropped. */
export function configuredDataSets(settings: DhisAppSettings): DataSetConfig[] {
  const list = Array.isArray(settings.dhis_data_sets)
    ? settings.dhis_data_sets
    : Array.isArray(settings.dhisDataSets)
      ? settings.dhisDataSets
      : [];
  return list.flatMap((dataSet: unknown): DataSetConfig[] => {
    if (!dataSet || typeof dataSet !== 'object') return [];
    const { id, translation_key } = dataSet as Record<string, unknown>;
    if (typeof id !== 'string' || id === '') return [];
    return [typeof translation_key === 'string' && translation_key ? { id, translation_key } : { id }];
  });
}

/** The roles listed under a permission; anything but an array of strings grants nothing. */
function rolesWith(permissions: Permissions | undefined, permission: string): string[] {
  const roles: unknown = permissions && typeof permissions === 'object' ? permissions[permission] : undefined;
  return Array.isArray(roles) ? roles.filter((role): role is string => typeof role === 'string') : [];
}

export function settingsLocale(settings: DhisAppSettings): string {
  return typeof settings.locale === 'string' && settings.locale ? settings.locale : DEFAULT_LOCALE;
}

/** Server admins always may; others when a role is listed under `can_export_dhis` or `can_export_all`. */
export function canExportDhis(roles: readonly string[], permissions: Permissions | undefined): boolean {
  if (roles.includes('_admin')) return true;
  const allowed = [...rolesWith(permissions, 'can_export_dhis'), ...rolesWith(permissions, 'can_export_all')];
  return roles.some((role) => allowed.includes(role));
}
