import type { AppSettings } from '../settings/app-settings';

/** A CHT `user-settings` doc as it comes from the medic database: every field may be missing or malformed. */
export interface UserSettingsDoc {
  _id: string;
  type?: unknown;
  name?: unknown;
  fullname?: unknown;
  contact_id?: unknown;
  /** A place id, or an array of them in newer CHT versions. */
  facility_id?: unknown;
  roles?: unknown;
  inactive?: unknown;
}

/** A health worker who syncs from a device, and the contacts that place them. */
export interface HealthWorker {
  /** `org.couchdb.user:NAME`, as target docs name their `user`. */
  userId: string;
  name: string;
  contactId?: string;
  /** Their person and their places: whatever lies under a mapped place places them under it. */
  placedBy: string[];
}

/** Roles marked `offline: true` under `settings.roles`: users who sync from a device. */
export const offlineRolesOf = (settings: AppSettings): Set<string> => {
  const roles = settings['roles'];
  if (typeof roles !== 'object' || roles === null) {
    return new Set();
  }
  return new Set(Object.entries(roles).flatMap(([role, definition]) =>
    typeof definition === 'object' && definition !== null && (definition as { offline?: unknown }).offline === true ? [role] : []));
};

const nonEmptyStrings = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((id): id is string => typeof id === 'string' && id !== '');

/**
 * The users expected to report targets: `user-settings` docs with an offline role, not marked
 * inactive, with a contact or a place. Online users (managers, admins) have no device and no target docs.
 */
export const healthWorkersOf = (docs: readonly UserSettingsDoc[], offlineRoles: ReadonlySet<string>): HealthWorker[] =>
  docs.flatMap(doc => {
    if (doc.type !== 'user-settings' || doc.inactive === true || !doc._id.startsWith('org.couchdb.user:')) {
      return [];
    }
    if (!nonEmptyStrings(doc.roles).some(role => offlineRoles.has(role))) {
      return [];
    }
    const [contactId] = nonEmptyStrings(doc.contact_id);
    const placedBy = [...new Set([...(contactId ? [contactId] : []), ...nonEmptyStrings(doc.facility_id)])];
    if (placedBy.length === 0) {
      return [];
    }
    const userName = doc._id.slice('org.couchdb.user:'.length);
    const name = typeof doc.fullname === 'string' && doc.fullname !== '' ? `${doc.fullname} (${userName})` : userName;
    return [{ userId: doc._id, name, contactId, placedBy }];
  });
