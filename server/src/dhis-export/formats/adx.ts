import type { DataValue } from '../data-value-set';
import { isoPeriod } from '../reporting-period';
import type { DataValueSetFormat } from './data-value-set-format';
import { xmlAttributes, xmlDocument } from './xml';

export const ADX_NAMESPACE = 'urn:ihe:qrph:adx:2015';

/** Option combos: ADX has none, only the codes of the categories' options. */
const OPTION_COMBOS = ['categoryOptionCombo', 'attributeOptionCombo'] as const;

/** What ADX carries of a data value: the data element, the value, and no option combos (refused before). */
const adxDataValue = ({ dataElement, value }: DataValue) => xmlAttributes({ dataElement, value });

/**
 * ADX (IHE QRPH, `urn:ihe:qrph:adx:2015`), which DHIS2 imports since 2.27: a `group` per org unit
 * with the data set, the ISO period (`2026-10-01/P1M`) and the complete date, and its data values.
 */
export const adxFormat: DataValueSetFormat = {
  name: 'adx',
  mediaType: 'application/adx+xml; charset=utf-8',
  extension: 'adx.xml',
  refusal: (definitions) => {
    for (const { id, dhis } of definitions) {
      const combo = OPTION_COMBOS.find(name => dhis[name] !== undefined && dhis[name] !== null && dhis[name] !== '');
      if (combo) {
        return `ADX names disaggregations by category option codes, which the CHT's mapping does not have: target "${id}" ` +
          `carries ${combo} ${JSON.stringify(String(dhis[combo]))}. Export this data set as JSON, CSV or XML, which carry option combos.`;
      }
    }
    return undefined;
  },
  serialize: ({ dataSet, completeDate, dataValues }, { period, adxPeriod, now }) => {
    const byOrgUnit = new Map<string, DataValue[]>();
    for (const value of dataValues) {
      byOrgUnit.set(value.orgUnit, [...byOrgUnit.get(value.orgUnit) ?? [], value]);
    }
    return xmlDocument({
      adx: {
        ...xmlAttributes({ xmlns: ADX_NAMESPACE, exported: now.toISOString() }),
        group: [...byOrgUnit].map(([orgUnit, values]) => ({
          ...xmlAttributes({ dataSet, orgUnit, period: adxPeriod ?? isoPeriod(period), completeDate }),
          dataValue: values.map(adxDataValue),
        })),
      },
    });
  },
};
