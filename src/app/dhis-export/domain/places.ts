import { DataSetConfig, OrgUnitMapping, OrgUnitPlace, PlaceDoc, PlaceOption } from './models';

/** A code as the CHT exports it: a string as written, a number (an import script's `5003`) as its digits. */
const codeOf = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : '';

/** A place's name: documents written by scripts may hold a number, or anything else. */
const nameOf = (value: unknown): string => codeOf(value).trim();

/**
 * Every (place, org unit, data set) mapping of the given contacts, one per distinct `dhis` entry.
 * The view emits a doc once per org unit, so the same doc may arrive several times: it is read once.
 */
export function orgUnitPlaces(docs: readonly PlaceDoc[]): OrgUnitPlace[] {
  const seenDocs = new Set<string>();
  const seen = new Set<string>();
  const result: OrgUnitPlace[] = [];
  for (const doc of docs) {
    if (!doc || seenDocs.has(doc._id)) continue;
    seenDocs.add(doc._id);
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
      result.push(dataSet ? { orgUnit, name, dataSet } : { orgUnit, name });
    }
  }
  return result;
}

/**
 * The places to offer for each data set: those mapped to it and those mapped without a data set.
 * One option per org unit (its value); places sharing an org unit share the option, named after all of them.
 * Sorted by name with `localeCompare`.
 */
export function placesByDataSet(
  mappings: readonly OrgUnitPlace[],
  dataSets: readonly DataSetConfig[],
): ReadonlyMap<string, readonly PlaceOption[]> {
  const result = new Map<string, readonly PlaceOption[]>();
  for (const { id } of dataSets) {
    const namesByOrgUnit = new Map<string, Set<string>>();
    for (const mapping of mappings) {
      if (mapping.dataSet !== undefined && mapping.dataSet !== id) continue;
      let names = namesByOrgUnit.get(mapping.orgUnit);
      if (!names) namesByOrgUnit.set(mapping.orgUnit, (names = new Set()));
      names.add(mapping.name);
    }
    const options = [...namesByOrgUnit].map(([orgUnit, names]) => ({
      orgUnit,
      name: [...names].sort(byLocale).join(' / '),
    }));
    // two places of the same name (two "Kondele Health Centre"s) are told apart by their org unit
    const count = new Map<string, number>();
    for (const { name } of options) count.set(name, (count.get(name) ?? 0) + 1);
    for (const option of options) if (count.get(option.name)! > 1) option.name = `${option.name} · ${option.orgUnit}`;
    result.set(id, options.sort((a, b) => byLocale(a.name, b.name) || byLocale(a.orgUnit, b.orgUnit)));
  }
  return result;
}

/** Options whose name or org unit contains every word of the query (case-insensitive), in their order. */
export function filterPlaces(places: readonly PlaceOption[], query: string): readonly PlaceOption[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return places;
  return places.filter((place) => {
    const text = `${place.name} ${place.orgUnit}`.toLocaleLowerCase();
    return words.every((word) => text.includes(word));
  });
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
