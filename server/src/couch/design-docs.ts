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

/** Installs `_design/medic-admin` with the org-unit view when it or the view is missing; a CHT's own is left alone. */
export const ensureDesignDocs = async (db: PouchDB.Database): Promise<'installed' | 'present'> => {
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
};

/** Whether the database has the org-unit view; undefined when it cannot be told (the read failed). */
export const hasOrgUnitView = async (db: PouchDB.Database): Promise<boolean | undefined> => {
  try {
    const doc = await db.get<DesignDoc>(`_design/${DDOC}`);
    return !!doc.views?.[VIEW];
  } catch (error) {
    return (error as { status?: number }).status === 404 ? false : undefined;
  }
};
