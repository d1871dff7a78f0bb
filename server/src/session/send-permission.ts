import { rolesWithPermission, type AppSettings } from '../settings/app-settings';
import { mayExportDhis } from './export-permission';
import type { UserContext } from './user-session';

/** Sending to DHIS2 needs the export permission and a role under `can_send_dhis`; server admins always may. */
export const maySendToDhis2 = (user: UserContext, settings: AppSettings): boolean => {
  if (user.roles.includes('_admin')) {
    return true;
  }
  const allowed = new Set(rolesWithPermission(settings, 'can_send_dhis'));
  return mayExportDhis(user, settings) && user.roles.some(role => allowed.has(role));
};
