import { DataSetConfig, OrgUnitMapping, OrgUnitPlace, PlaceDoc, PlaceOption } from './models';

/** A code as the CHT exports it: a string as written, a number (an import script's `5003`) as its digits. */
const codeOf = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : '';

/** A place's name: documents written by scripts may hold a number, or anything else. */
const nameOf = (value: unknown): string => codeOf(value).trim();

/** The `_id` of a doc's parent, as the CHT's lineage stores it, or '' when it has none. */
const parentIdOf = (doc: PlaceDoc): string => {
  const parent = doc.parent;
  return parent && typeof parent === 'object' && typeof (parent as { _id?: unknown })._id === 'string' ? (parent as { _id: string })._id : '';
};

/** The parents of these places that are not among them: the docs to read for their names. */
export function missingParentIds(docs: readonly PlaceDoc[]): string[] {
  const known = new Set(docs.map((doc) => doc?._id));
  const missing = new Set<string>();
  for (const doc of docs) {
    const id = doc ? parentIdOf(doc) : '';
    if (id && !known.has(id)) missing.add(id);
  }
  return [...missing];
}

/**
 * Every (place, org unit, data set) mapping of the given contacts, one per distinct `dhis` entry,
 * with the parent's name when the parent is among `docs` or `parents`.
 * The view emits a doc once per org unit, so the same doc may arrive several times: it is read once.
 */
export function orgUnitPlaces(docs: readonly PlaceDoc[], parents: readonly PlaceDoc[] = []): OrgUnitPlace[] {
  const namesById = new Map<string, string>();
  for (const doc of [...parents, ...docs]) if (doc && nameOf(doc.name)) namesById.set(doc._id, nameOf(doc.name));
  const seenDocs = new Set<string>();
  const seen = new Set<string>();
  const result: OrgUnitPlace[] = [];
  for (const doc of docs) {
    if (!doc || seenDocs.has(doc._id)) continue;
    seenDocs.add(doc._id);
    const parent = namesById.get(parentIdOf(doc));
    const entries: readonly unknown[] = Array.isArray(doc.dhis) ? doc.dhis : [doc.dhis];
    for (const entry of entries) {
      if (!entry || typeof entry !== 'object') continue;
      const orgUnit = codeOf((entry as OrgUnitMapping).orgUnit);
      if (!orgUnit) continue;
      // `dataSet` absent, null or "": every data set, as the CHT has it
      const dataSet = codeOf((entry as OrgUnitMapping).dataSet) || undefined;
      const key = `${doc._id}\u0000${orgUnit}\u0000${dataSet ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const name = nameOf(doc.name) || orgUnit;
      result.push({ orgUnit, name, ...(dataSet && { dataSet }), ...(parent && { parent }) });
    }
  }
  return result;
}

/**
 * The places to offer for each data set: those mapped to it and those mapped without a data set.
 * One option per org unit (its value); places sharing an org unit share the option, named after all of them.
 * Sorted by name, then parent, then org unit, with `localeCompare`'s order.
 */
export function placesByDataSet(
  mappings: readonly OrgUnitPlace[],
  dataSets: readonly DataSetConfig[],
): ReadonlyMap<string, readonly PlaceOption[]> {
  const result = new Map<string, readonly PlaceOption[]>();
  for (const { id } of dataSets) {
    const byOrgUnit = new Map<string, { names: Set<string>; parents: Set<string> }>();
    for (const mapping of mappings) {
      if (mapping.dataSet !== undefined && mapping.dataSet !== id) continue;
      let found = byOrgUnit.get(mapping.orgUnit);
      if (!found) byOrgUnit.set(mapping.orgUnit, (found = { names: new Set(), parents: new Set() }));
      found.names.add(mapping.name);
      if (mapping.parent) found.parents.add(mapping.parent);
    }
    const options = [...byOrgUnit].map(([orgUnit, { names, parents }]): PlaceOption => {
      // a place under another place of the same org unit: its parent is already in the name
      const parent = [...parents].filter((name) => !names.has(name)).sort(byLocale).join(' / ');
      return { orgUnit, name: [...names].sort(byLocale).join(' / '), ...(parent && { parent }) };
    });
    result.set(
      id,
      options.sort((a, b) => byLocale(a.name, b.name) || byLocale(a.parent ?? '', b.parent ?? '') || byLocale(a.orgUnit, b.orgUnit)),
    );
  }
  return result;
}

/**
 * How a place reads in the picker: "Kondele Health Centre — Kisumu District · DiszpKrYNg8".
 * Two places of one name are told apart by their parent and, always, their org unit.
 */
export function placeLabel(place: PlaceOption): string {
  const parent = place.parent ? ` — ${place.parent}` : '';
  return place.name === place.orgUnit && !parent ? place.orgUnit : `${place.name}${parent} · ${place.orgUnit}`;
}

/** Options whose name, parent or org unit contains every word of the query (case-insensitive), in their order. */
export function filterPlaces(places: readonly PlaceOption[], query: string): readonly PlaceOption[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return places;
  const texts = searchTexts(places);
  return places.filter((_, i) => words.every((word) => texts[i].includes(word)));
}

// Lower-cased once per list, not once per keystroke (10,000 places).
const textsByList = new WeakMap<readonly PlaceOption[], readonly string[]>();
function searchTexts(places: readonly PlaceOption[]): readonly string[] {
  let texts = textsByList.get(places);
  if (!texts) {
    texts = places.map((place) => `${place.name}\n${place.parent ?? ''}\n${place.orgUnit}`.toLocaleLowerCase());
    textsByList.set(places, texts);
  }
  return texts;
}

/**
 * The options to render: the first `cap` of `matching` (a subsequence of `places`, as `filterPlaces`
 * gives), and the chosen org unit when it is not among them, at its place in `places`' order, so
 * the form's value is always an option. `matching` itself when nothing is added or left out.
 */
export function shownPlaces(
  places: readonly PlaceOption[],
  matching: readonly PlaceOption[],
  cap: number,
  chosen = '',
): readonly PlaceOption[] {
  const shown = matching.length > cap ? matching.slice(0, cap) : matching;
  if (!chosen || shown.some((place) => place.orgUnit === chosen)) return shown;
  const at = places.findIndex((place) => place.orgUnit === chosen);
  if (at < 0) return shown;
  const inShown = new Set(shown.map((place) => place.orgUnit));
  let before = 0;
  for (let i = 0; i < at; i++) if (inShown.has(places[i].orgUnit)) before++;
  return [...shown.slice(0, before), places[at], ...shown.slice(before)];
}

// Same order as `a.localeCompare(b)`, without building a collator per comparison (10,000 places).
const byLocale = new Intl.Collator().compare;
