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
  dataSet?: string;
}

/** A place's `dhis` entries that name an org unit; a string or other junk yields none. */
export const dhisMappingsOf = (place: PlaceDoc): DhisMapping[] => {
  const entries = Array.isArray(place.dhis) ? place.dhis : [place.dhis];
  return entries.filter((entry): entry is DhisMapping =>
    typeof entry === 'object' && entry !== null &&
    typeof entry.orgUnit === 'string' && entry.orgUnit !== '' &&
    (entry.dataSet === undefined || typeof entry.dataSet === 'string'));
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
