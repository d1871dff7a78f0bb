import { dhisMappingsOf } from '../cht/cht-docs';
import type { ExportSource } from '../sources/export-source';
import { targetDefinitionsFor } from '../settings/app-settings';
import type { ProgrammeNames } from './conflict-explanation';

/** Place names by org unit and target ids by data element, for a data set, as the export maps them. */
export const programmeNamesFor = async (source: ExportSource, dataSet: string, orgUnit?: string): Promise<ProgrammeNames> => {
  const [settings, places] = await Promise.all([source.settings(), source.placesWithOrgUnits(orgUnit)]);
  const placeByOrgUnit = new Map<string, string>();
  for (const place of places) {
    for (const mapping of dhisMappingsOf(place)) {
      if ((mapping.dataSet === undefined || mapping.dataSet === dataSet) && !placeByOrgUnit.has(mapping.orgUnit)
        && typeof place.name === 'string' && place.name !== '') {
        placeByOrgUnit.set(mapping.orgUnit, place.name);
      }
    }
  }
  const targetsByDataElement = new Map<string, string[]>();
  for (const { id, dhis } of targetDefinitionsFor(settings, dataSet).definitions) {
    targetsByDataElement.set(dhis.dataElement, [...targetsByDataElement.get(dhis.dataElement) ?? [], id]);
  }
  return { placeByOrgUnit, targetsByDataElement };
};
