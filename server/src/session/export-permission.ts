import { rolesWithPermission, type AppSettings } from '../settings/app-settings';
import type { UserContext } from './user-session';

/** Server admins always may export; anyone else needs a role under `can_export_dhis` or `can_export_all`. */
export const mayExportDhis = (user: UserContext, settings: AppSettings): boolean => {
  if (user.roles.includes('_admin')) {
    return true;
  }
  const allowed = new Set([...rolesWithPermission(settings, 'can_export_dhis'), ...rolesWithPermission(settings, 'can_export_all')]);
  return user.roles.some(role => allowed.has(role));
};
