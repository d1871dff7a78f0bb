import { XMLBuilder } from 'fast-xml-parser';
import type { DataValue } from '../data-value-set';
import type { DataValueSetFormat } from './data-value-set-format';
import { dhisNumber } from './dhis-number';
import { setLevelOf } from './group-org-unit';
import { followUpOf } from './json';

export const DXF2_NAMESPACE = 'http://dhis2.org/schema/dxf/2.0';

const ATTRIBUTE = '@_';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

/**
 * An attribute value as XML 1.0 reads it back: markup characters as entities, and tabs and line
 * breaks as character references, which a parser would otherwise turn into spaces. Characters XML
 * 1.0 cannot hold (other control characters, unpaired surrogates) become U+FFFD.
 */
export const escapeAttribute = (value: string): string =>
  value
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[&<>"'\t\n\r]/g, character => ESCAPES[character]);

const attributeText = (value: string | number | boolean) => (typeof value === 'number' ? dhisNumber(value) : String(value));

/**
 * Attribute values as escaped text (numbers as plain decimals), and only under names XML allows
 * (a `dhis` key such as "my key" is left out).
 */
export const xmlAttributes = (record: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(record).flatMap(([name, value]) =>
    /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name) && (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean')
      ? [[`${ATTRIBUTE}${name}`, escapeAttribute(attributeText(value))]]
      : []));

/**
 * fast-xml-parser builds the elements; the attributes come escaped by `xmlAttributes`. Its
 * `suppressBooleanAttributes` (on by default) would write `followUp="true"` as a bare `followUp`,
 * which no XML parser, DHIS2's StAX reader included, accepts.
 */
export const xmlDocument = (tree: Record<string, unknown>): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLBuilder({
    attributeNamePrefix: ATTRIBUTE,
    ignoreAttributes: false,
    processEntities: false,
    suppressEmptyNode: true,
    suppressBooleanAttributes: false,
    format: true,
    indentBy: '  ',
  }).build(tree)}`;

/** The data value's attributes, data element first as DHIS2 writes them; follow-up as `followUp`, the name both readers take. */
const dataValueAttributes = ({ dataElement, orgUnit, value, ...rest }: DataValue) => {
  const { followUp: _camel, followup: _lower, ...others } = rest;
  const followUp = followUpOf(rest);
  return xmlAttributes({ dataElement, ...others, ...(followUp === undefined ? {} : { followUp }), orgUnit, value });
};

/**
 * DHIS2's DXF2 XML import format: a `dataValueSet` with a `dataValue` element per value, all as
 * attributes; `orgUnit` and `completeDate` on the set only when the values share one org unit.
 */
export const xmlFormat: DataValueSetFormat = {
  name: 'xml',
  mediaType: 'application/xml; charset=utf-8',
  extension: 'xml',
  serialize: set => xmlDocument({
    dataValueSet: {
      ...xmlAttributes({ xmlns: DXF2_NAMESPACE, ...setLevelOf(set) }),
      dataValue: set.dataValues.map(dataValueAttributes),
    },
  }),
};
