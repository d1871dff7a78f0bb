/** The view the CHT's Admin Console reads places from. */
export const ORG_UNIT_VIEW = 'medic-admin/contacts_by_dhis_orgunit';

const [DDOC, VIEW] = ORG_UNIT_VIEW.split('/');

/** Emits each org unit of the places and people the CHT maps to DHIS2, a numeric code as its string; malformed `dhis` emits nothing. */
export const contactsByDhisOrgUnit = `function (doc) {
  var types = ['contact', 'person', 'clinic', 'health_center', 'district_hospital'];
  if (!doc.dhis || types.indexOf(doc.type) === -1) {
    return;
  }
  var entries = Array.isArray(doc.dhis) ? doc.dhis : [doc.dhis];
  for (var i = 0; i < entries.length; i++) {
    var entry = entries[i];
    var code = !entry || typeof entry !== 'object' ? ''
      : typeof entry.orgUnit === 'string' ? entry.orgUnit
        : typeof entry.orgUnit === 'number' && isFinite(entry.orgUnit) ? String(entry.orgUnit) : '';
    if (code) {
      emit(code);
    }
  }
}`;

interface DesignDoc {
  _id: string;
  _rev?: string;
  views?: Record<string, { map: string }>;
}

/**
 * Runs `install` again once if another process wrote the design doc between its read and its write
 * (two servers started together on one CouchDB): the second look finds what the other installed.
 */
const againOnConflict = async <T>(install: () => Promise<T>): Promise<T> => {
  try {
    return await install();
  } catch (error) {
    if ((error as { status?: number }).status !== 409) {
      throw error;
    }
    return install();
  }
};

/** Installs `_design/medic-admin` with the org-unit view when it or the view is missing; a CHT's own is left alone. */
export const ensureDesignDocs = (db: PouchDB.Database): Promise<'installed' | 'present'> => againOnConflict(async () => {
  const id = `_design/${DDOC}`;
  let doc: DesignDoc = { _id: id };
  try {
    doc = await db.get<DesignDoc>(id);
    if (doc.views?.[VIEW]) {
      return 'present';
    }
  } catch (error) {
    if ((error as { status?: number }).status !== 404) {
      throw error;
    }
  }
  await db.put({ ...doc, views: { ...doc.views, [VIEW]: { map: contactsByDhisOrgUnit } } });
  return 'installed';
});

/** Whether the database has the org-unit view; undefined when it cannot be told (the read failed). */
export const hasOrgUnitView = async (db: PouchDB.Database): Promise<boolean | undefined> => {
  try {
    const doc = await db.get<DesignDoc>(`_design/${DDOC}`);
    return !!doc.views?.[VIEW];
  } catch (error) {
    return (error as { status?: number }).status === 404 ? false : undefined;
  }
};

/**
 * Per doc of the month's range (`target~YYYY-MM~…`, whatever its type, as the export's `_all_docs`
 * range reads it): its owner, user, last update and each target's id and total, what the export
 * and the preview read of a target doc and no more; `null` where the doc's field is not of a usable
 * kind, so a malformed doc stays malformed. CouchDB keeps it current; the export reads its rows
 * instead of whole target docs.
 */
export const TARGET_VALUES_VIEW = 'dhis-export/target_values';
export const targetValuesMap = `function (doc) {
  if (typeof doc._id !== 'string' || doc._id.indexOf('target~') !== 0) {
    return;
  }
  var targets = null;
  if (Array.isArray(doc.targets)) {
    targets = [];
    for (var i = 0; i < doc.targets.length; i++) {
      var target = doc.targets[i];
      if (target && typeof target === 'object' && typeof target.id === 'string') {
        var value = target.value;
        var total = value && typeof value === 'object' && typeof value.total === 'number' ? value.total : null;
        targets.push([target.id, total]);
      }
    }
  }
  var updated = typeof doc.updated_date === 'number' || typeof doc.updated_date === 'string' ? doc.updated_date : null;
  emit(doc._id, [typeof doc.owner === 'string' ? doc.owner : null, typeof doc.user === 'string' ? doc.user : null, updated, targets]);
}`;

/** Installs `_design/dhis-export` with the target values view, or brings its map up to date (CouchDB then rebuilds it). */
export const ensureTargetValuesView = (db: PouchDB.Database): Promise<'installed' | 'updated' | 'present'> => againOnConflict(async () => {
  const [ddoc, view] = TARGET_VALUES_VIEW.split('/');
  const id = `_design/${ddoc}`;
  let doc: DesignDoc | undefined;
  try {
    doc = await db.get<DesignDoc>(id);
  } catch (error) {
    if ((error as { status?: number }).status !== 404) {
      throw error;
    }
  }
  if (doc?.views?.[view]?.map === targetValuesMap) {
    return 'present';
  }
  await db.put({ ...(doc ?? { _id: id }), language: 'javascript', views: { ...doc?.views, [view]: { map: targetValuesMap } } });
  return doc ? 'updated' : 'installed';
});
