import { ORG_UNITS, villageName, villageOrgUnit } from './deployment';

/** The first option of the place list, in English. */
export const ALL_PLACES = 'All Places';

/**
 * A place as the place combobox lists it, and as its field shows it once chosen:
 * `North Health Centre — Central District Hospital · ouNorth0001`, or `<name> · <org unit>`
 * for a place without a (named) parent.
 */
export const placeLabel = (name: string, parent: string | undefined, orgUnit: string) =>
  parent ? `${name} — ${parent} · ${orgUnit}` : `${name} · ${orgUnit}`;

/** The labels of the deployment's places (see `places` in deployment.ts). */
export const PLACE_LABELS = {
  district: placeLabel(ORG_UNITS.district.name, undefined, ORG_UNITS.district.id),
  north: placeLabel(ORG_UNITS.north.name, ORG_UNITS.district.name, ORG_UNITS.north.id),
  south: placeLabel(ORG_UNITS.south.name, ORG_UNITS.district.name, ORG_UNITS.south.id),
  east: placeLabel(ORG_UNITS.east.name, ORG_UNITS.district.name, ORG_UNITS.east.id),
} as const;

/** Village `n` (1–30) of the villages data set: its parent is North Health Centre. */
export const villageLabel = (n: number) => placeLabel(villageName(n), ORG_UNITS.north.name, villageOrgUnit(n));
