/** CHT documents as they come from the database: every field may be missing or malformed. */
export interface PlaceDoc {
  _id: string;
  type?: unknown;
  name?: unknown;
  dhis?: unknown;
  parent?: unknown;
}

export interface TargetDoc {
  _id: string;
  owner?: unknown;
  targets?: unknown;
}

export interface DhisMapping {
  orgUnit: string;
  /** Absent: every data set. */
  dataSet?: string;
}

/**
 * A DHIS2 code as the CHT uses it: a non-empty string, or a number an import script wrote
 * (`orgUnit: 5003`), which DHIS2 knows as the string "5003".
 */
export const dhisCodeOf = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value
    : typeof value === 'number' && Number.isFinite(value) ? String(value)
      : undefined;

/** `dataSet` of a `dhis` entry: absent, null and "" mean every data set, as in the CHT. */
export const appliesToEveryDataSet = (dataSet: unknown): boolean =>
  dataSet === undefined || dataSet === null || dataSet === '';

/** A place's `dhis` entries that name an org unit, codes as strings; a string or other junk yields none. */
export const dhisMappingsOf = (place: PlaceDoc): DhisMapping[] => {
  const entries = Array.isArray(place.dhis) ? place.dhis : [place.dhis];
  return entries.flatMap((entry: unknown): DhisMapping[] => {
    if (typeof entry !== 'object' || entry === null) {
      return [];
    }
    const { orgUnit, dataSet } = entry as { orgUnit?: unknown; dataSet?: unknown };
    const code = dhisCodeOf(orgUnit);
    if (code === undefined) {
      return [];
    }
    if (appliesToEveryDataSet(dataSet)) {
      return [{ orgUnit: code }];
    }
    return typeof dataSet === 'string' ? [{ orgUnit: code, dataSet }] : [];
  });
};

/** The ids of a contact and its ancestors, from the CHT's minified lineage `parent: { _id, parent: … }`. */
export const lineageOf = (contact: { _id: string; parent?: unknown }): string[] => {
  const ids = [contact._id];
  let parent = contact.parent as { _id?: unknown; parent?: unknown } | undefined;
  while (typeof parent === 'object' && parent !== null && ids.length < 100) {
    if (typeof parent._id === 'string' && parent._id !== '') {
      ids.push(parent._id);
    }
    parent = parent.parent as typeof parent;
  }
  return ids;
};

/** The doc types the CHT treats as contacts (`contacts_by_dhis_orgunit` emits for these). */
const CONTACT_TYPES = new Set(['contact', 'person', 'clinic', 'health_center', 'district_hospital']);

/** A doc from the changes feed or a read by key, which may or may not be a contact. */
export interface ContactDoc extends PlaceDoc {
  _deleted?: boolean;
}

export const isContact = (doc: ContactDoc) => typeof doc.type === 'string' && CONTACT_TYPES.has(doc.type) && !doc._deleted;
