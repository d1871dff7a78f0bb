import { dhisMappingsOf, isContact, type ContactDoc, type PlaceDoc } from '../cht/cht-docs';
import { ORG_UNIT_VIEW } from './design-docs';

/** All the places, or those mapped to one org unit. */
export const mappedTo = (places: PlaceDoc[], orgUnit?: string): PlaceDoc[] =>
  (orgUnit === undefined ? places : places.filter(place => dhisMappingsOf(place).some(mapping => mapping.orgUnit === orgUnit)));

/** The places mapped to org units, kept whole (the org-unit view is served with their docs) from the changes feed: `index` mode. */
export class MappedPlaces {
  private readonly places = new Map<string, PlaceDoc>();

  get size() {
    return this.places.size;
  }

  all(): PlaceDoc[] {
    return [...this.places.values()];
  }

  /** The places a checkpoint saved. */
  load(places: readonly PlaceDoc[]) {
    for (const place of places) {
      this.places.set(place._id, place);
    }
  }

  remove(id: string) {
    this.places.delete(id);
  }

  remember(doc: ContactDoc) {
    if (isContact(doc) && doc.dhis !== undefined && dhisMappingsOf(doc).length > 0) {
      this.places.set(doc._id, doc);
    } else {
      this.places.delete(doc._id);
    }
  }
}

/** The places of the view `contacts_by_dhis_orgunit` (`view` mode), each once. */
export const queryViewPlaces = async (db: PouchDB.Database): Promise<PlaceDoc[]> => {
  const result = await db.query<PlaceDoc>(ORG_UNIT_VIEW, { include_docs: true });
  const places = new Map<string, PlaceDoc>();
  for (const row of result.rows) {
    const doc = row.doc as PlaceDoc | undefined;
    if (doc && !places.has(doc._id)) {
      places.set(doc._id, doc);
    }
  }
  return [...places.values()];
};
