import type { DataValue } from '../data-value-set';
import { isoPeriod } from '../reporting-period';
import type { DataValueSetFormat } from './data-value-set-format';
import { followUpOf } from './json';
import { xmlAttributes, xmlDocument } from './xml';

export const ADX_NAMESPACE = 'urn:ihe:qrph:adx:2015';

/**
 * DHIS2's default category option combo, whose UID every DHIS2 has (`DefaultCategoryService`
 * creates it with this UID, and the data integrity check `categories_one_default_category_option_combo`
 * holds it to it). ADX names it where a value has no combo: DHIS2 2.43 reads a `dataValue` without
 * `categoryOptionCombo` as naming its categories' options, which a default combo has none of
 * (`DataEntryInput.fromAdxXml`, `DefaultDataEntryService.decodeGroup`: E8108), and a `group` without
 * `attributeOptionCombo` as naming attribute options in its other attributes (`completeDate`).
 */
export const DEFAULT_OPTION_COMBO = 'HllvX50cXC0';

const textOf = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * What ADX carries of a data value: data element, category option combo, value, comment and follow-up. DHIS2
 * reads other attributes of a `dataValue` as categories, so no other `dhis` attribute goes out
 * (2.38 `DefaultAdxDataService.parseAdxDataValueToDxf`, 2.43 `DataEntryInput.fromAdxXml`).
 */
const adxDataValue = ({ dataElement, value, ...rest }: DataValue) => {
  const followUp = followUpOf(rest);
  return xmlAttributes({
    dataElement, categoryOptionCombo: textOf(rest['categoryOptionCombo']) ?? DEFAULT_OPTION_COMBO, value, comment: textOf(rest['comment']),
    // 2.43 reads `followup` (`fromAdxXml`); 2.38 to 2.42 pass the attributes on to their DXF2 reader, which reads `followUp`.
    ...(followUp === undefined ? {} : { followUp, followup: followUp }),
  });
};

/**
 * ADX (IHE QRPH, `urn:ihe:qrph:adx:2015`), which DHIS2 imports since 2.27: a `group` per org unit
 * and attribute option combo (the default one named), with the data set, the ISO period (`2026-10-01/P1M`) and the complete
 * date, and its data values. Ids are UIDs: import with `idScheme=UID` (2.38 to 2.42 read ADX ids as
 * codes unless told otherwise, `DefaultAdxDataService.saveDataValueSet`).
 */
export const adxFormat: DataValueSetFormat = {
  name: 'adx',
  mediaType: 'application/adx+xml; charset=utf-8',
  extension: 'adx.xml',
  serialize: ({ dataSet, completeDate, dataValues }, { period, adxPeriod, now }) => {
    const groups = new Map<string, { orgUnit: string; attributeOptionCombo?: string; values: DataValue[] }>();
    for (const value of dataValues) {
      const attributeOptionCombo = textOf(value['attributeOptionCombo']);
      const key = JSON.stringify([value.orgUnit, attributeOptionCombo ?? null]);
      const group = groups.get(key) ?? { orgUnit: value.orgUnit, attributeOptionCombo, values: [] };
      group.values.push(value);
      groups.set(key, group);
    }
    return xmlDocument({
      adx: {
        ...xmlAttributes({ xmlns: ADX_NAMESPACE, exported: now.toISOString() }),
        group: [...groups.values()].map(({ orgUnit, attributeOptionCombo, values }) => ({
          ...xmlAttributes({ dataSet, orgUnit, period: adxPeriod ?? isoPeriod(period), attributeOptionCombo: attributeOptionCombo ?? DEFAULT_OPTION_COMBO, completeDate }),
          dataValue: values.map(adxDataValue),
        })),
      },
    });
  },
};
