import { DataSetConfig, DhisAppSettings, Permissions } from './models';
import { BS_MAX_START_DAY, usesBikramSambatMonths } from './calendars/calendar-setting';
import { DataSetPeriods, PERIOD_TYPES, PeriodChoices, PeriodType } from './periods';

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
    const { id, translation_key, periodType } = dataSet as Record<string, unknown>;
    if (typeof id !== 'string' || id === '') return [];
    return [{
      id,
      ...(typeof translation_key === 'string' && translation_key ? { translation_key } : {}),
      ...(periodType !== undefined ? { periodType } : {}),
    }];
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

/** The data set's period type; undefined for one the export does not know. */
export function periodTypeOf(dataSet: DataSetConfig): PeriodType | undefined {
  const { periodType } = dataSet;
  if (periodType === undefined || periodType === null || periodType === '') return 'Monthly';
  return (PERIOD_TYPES as readonly unknown[]).includes(periodType) ? (periodType as PeriodType) : undefined;
}

/** The day reporting months start on, read as the CHT reads it: `uhc.month_start_date`, else `uhc.visit_count.month_start_date`; 1 unless 1–31 (1–32 for BS months). */
export function monthStartDateOf(settings: DhisAppSettings): number {
  const uhc = settings.uhc && typeof settings.uhc === 'object' ? (settings.uhc as Record<string, unknown>) : {};
  const visitCount = uhc['visit_count'] && typeof uhc['visit_count'] === 'object' ? (uhc['visit_count'] as Record<string, unknown>) : {};
  const configured = uhc['month_start_date'] || visitCount['month_start_date'];
  const day = typeof configured === 'number' ? Math.trunc(configured) : parseInt(String(configured), 10);
  const lastDay = usesBikramSambatMonths(settings) ? BS_MAX_START_DAY : 31;
  return Number.isInteger(day) && day >= 1 && day <= lastDay ? day : 1;
}

/** Per data set id: the periods to offer, from its period type, or the type the page does not support. */
export function periodsByDataSet(
  dataSets: readonly DataSetConfig[],
  choices: Readonly<Record<PeriodType, PeriodChoices>> | null,
): ReadonlyMap<string, DataSetPeriods> {
  return new Map(
    dataSets.map(({ id, periodType }): [string, DataSetPeriods] => {
      const type = periodTypeOf({ id, periodType });
      return [id, type ? (choices?.[type] ?? { type, periods: [], preselected: '' }) : { unsupportedPeriodType: typeof periodType === 'string' ? periodType : JSON.stringify(periodType) }];
    }),
  );
}
