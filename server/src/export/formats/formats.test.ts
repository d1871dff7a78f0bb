import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { DataValueSet } from '../data-value-set';
import type { DhisPeriod } from '../reporting-period';
import { ADX_NAMESPACE } from './adx';
import { CSV_COLUMNS } from './csv';
import { DXF2_NAMESPACE } from './xml';
import { dhis2Json } from './json';
import { FORMAT_NAMES, formats } from '.';

const october: DhisPeriod = { type: 'Monthly', year: 2026, month: 10 };
const now = new Date('2026-11-25T08:30:00Z');

/** What every format must carry: the JSON export's values, option combos included. */
const set: DataValueSet = {
  dataSet: 'VMuFODsyWaO',
  completeDate: '2026-11-25',
  period: '202610',
  dataValues: [
    { dataElement: 'kB0ZBFisE0e', orgUnit: 'ouDistrict', value: 7 },
    { dataElement: 'e22tIwy1nKR', categoryOptionCombo: 'HllvX50cXC0', attributeOptionCombo: 'HllvX50cXC1', orgUnit: 'ouDistrict', value: 0 },
    { dataElement: 'kB0ZBFisE0e', orgUnit: 'ouNorth', value: 2.5 },
    { dataElement: 'e22tIwy1nKR', categoryOptionCombo: 'HllvX50cXC0', attributeOptionCombo: 'HllvX50cXC1', orgUnit: 'ouNorth', value: 1 },
  ],
};

/** Names as `humanReadable` gives them: what a spreadsheet or an XML parser could trip on. */
const names: DataValueSet = {
  ...set,
  dataSet: 'Santé & "Nutrition" <mensuel>',
  dataValues: [
    { dataElement: 'births, this month', orgUnit: 'Centre de santé "Nord"\nannexe', value: 3 },
    { dataElement: '=HYPERLINK("http://x")', orgUnit: 'स्वास्थ्य केंद्र', value: 4 },
    { dataElement: "l'accouchement <à> & co", orgUnit: 'مركز صحي', value: -1 },
  ],
};

const withoutCombos: DataValueSet = { ...set, dataValues: set.dataValues.filter(value => !value['categoryOptionCombo']) };

const xmlParser = new XMLParser({
  ignoreAttributes: false, attributeNamePrefix: '', htmlEntities: true, isArray: name => ['dataValue', 'group'].includes(name),
});
type Attributes = Record<string, string>;

describe('file formats', () => {
  it('each have a name, a media type and an extension', () => {
    assert.deepEqual(Object.keys(formats), [...FORMAT_NAMES]);
    assert.deepEqual(Object.values(formats).map(({ mediaType, extension }) => [mediaType, extension]), [
      ['application/json; charset=utf-8', 'json'],
      ['text/csv; charset=utf-8; header=present', 'csv'],
      ['application/xml; charset=utf-8', 'xml'],
      ['application/adx+xml; charset=utf-8', 'adx.xml'],
    ]);
  });

  describe('JSON', () => {
    const stringValues = (values: DataValueSet['dataValues']) => values.map(value => ({ ...value, value: String(value.value) }));

    it('has the values as strings, and no completeDate when the values are of several org units', () => {
      const file = JSON.parse(formats.json.serialize(set, { period: october, now }));
      assert.deepEqual(file, { dataSet: 'VMuFODsyWaO', period: '202610', dataValues: stringValues(set.dataValues) });
      assert.equal(formats.json.serialize(set, { period: october, now, pretty: true }), `${JSON.stringify(file, null, 2)}\n`);
    });

    it('names the org unit beside completeDate when every value is of one org unit', () => {
      const north = { ...set, dataValues: set.dataValues.filter(({ orgUnit }) => orgUnit === 'ouNorth') };
      assert.deepEqual(JSON.parse(formats.json.serialize(north, { period: october, now })), {
        dataSet: 'VMuFODsyWaO', completeDate: '2026-11-25', period: '202610', orgUnit: 'ouNorth', dataValues: stringValues(north.dataValues),
      });
      assert.deepEqual(JSON.parse(dhis2Json(north, { withCompleteDate: false })),
        { dataSet: 'VMuFODsyWaO', period: '202610', orgUnit: 'ouNorth', dataValues: stringValues(north.dataValues) });
    });
  });

  it('JSON gives copied attributes the type DHIS2 2.43 reads them as, and follow-up under the names of 2.38–2.42 and 2.43', () => {
    const copied = { ...set, dataValues: [{ dataElement: 'kB0ZBFisE0e', orgUnit: 'ouNorth', value: 1, followUp: 'true', comment: 12, storedBy: true }] };
    assert.deepEqual(JSON.parse(formats.json.serialize(copied, { period: october, now })).dataValues,
      [{ dataElement: 'kB0ZBFisE0e', orgUnit: 'ouNorth', value: '1', comment: '12', storedBy: 'true', followUp: true, followup: true }]);
  });

  it('every format writes numbers as plain decimals, never with an exponent', () => {
    const tiny = { ...set, dataValues: [{ dataElement: 'kB0ZBFisE0e', orgUnit: 'ouNorth', value: 1e-7 }, { dataElement: 'e22tIwy1nKR', orgUnit: 'ouNorth', value: 1e21 }] };
    for (const format of Object.values(formats)) {
      const text = format.serialize(tiny, { period: october, now });
      assert.doesNotMatch(text, /\de[-+]?\d/i, format.name);
      assert.match(text, /0\.0000001/, format.name);
      assert.match(text, /1000000000000000000000/, format.name);
    }
  });

  describe('CSV', () => {
    const rows = (text: string): string[][] => parseCsv(text, { relax_column_count: false });

    it('has DHIS2\'s columns by position and by name, a row per value, LF line ends and no byte order mark', () => {
      const text = formats.csv.serialize(set, { period: october, now });
      assert.ok(text.startsWith('dataElement,period,orgUnit,categoryOptionCombo,attributeOptionCombo,value,storedBy,lastUpdated,comment,followUp\n'));
      assert.ok(text.endsWith('\n'));
      assert.doesNotMatch(text, /\r/);
      assert.equal(text.split('\n').length, set.dataValues.length + 2, 'a line per record: 2.43 ends a record at any line break');
      const [header, ...values] = rows(text);
      assert.deepEqual(header, [...CSV_COLUMNS]);
      assert.deepEqual(values, [
        ['kB0ZBFisE0e', '202610', 'ouDistrict', '', '', '7', '', '', '', ''],
        ['e22tIwy1nKR', '202610', 'ouDistrict', 'HllvX50cXC0', 'HllvX50cXC1', '0', '', '', '', ''],
        ['kB0ZBFisE0e', '202610', 'ouNorth', '', '', '2.5', '', '', '', ''],
        ['e22tIwy1nKR', '202610', 'ouNorth', 'HllvX50cXC0', 'HllvX50cXC1', '1', '', '', '', ''],
      ]);
    });

    it('quotes names with commas and quotes, puts line breaks on one line, keeps other scripts, and defuses formulas', () => {
      const text = formats.csv.serialize({ ...names, dataValues: [...names.dataValues, { dataElement: 'a\rb', orgUnit: 'c\r\nd', value: 1, comment: 'e\nf' }] },
        { period: october, now, humanReadable: true });
      assert.match(text, /"Centre de santé ""Nord"" annexe"/);
      assert.equal(text.split('\n').length, 6);
      const [, ...values] = rows(text);
      assert.deepEqual(values.map(row => [row[0], row[2], row[5], row[8]]), [
        ['births, this month', 'Centre de santé "Nord" annexe', '3', ''],
        ['\'=HYPERLINK("http://x")', 'स्वास्थ्य केंद्र', '4', ''],
        ['l\'accouchement <à> & co', 'مركز صحي', '-1', ''],
        ['a b', 'c d', '1', 'e f'],
      ]);
    });

    it('parses back to the JSON export\'s values', () => {
      const [, ...values] = rows(formats.csv.serialize(set, { period: october, now }));
      assert.deepEqual(values.map(([dataElement, period, orgUnit, coc, aoc, value]) => ({
        dataElement, period, orgUnit, ...(coc ? { categoryOptionCombo: coc } : {}), ...(aoc ? { attributeOptionCombo: aoc } : {}), value: Number(value),
      })), set.dataValues.map(value => ({ ...value, period: set.period })));
    });
  });

  describe('XML (DXF2)', () => {
    it('is a dataValueSet in DHIS2\'s namespace with the values as attributes', () => {
      const text = formats.xml.serialize(set, { period: october, now });
      assert.ok(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'));
      assert.equal(XMLValidator.validate(text), true);
      const { dataValueSet } = xmlParser.parse(text) as { dataValueSet: Attributes & { dataValue: Attributes[] } };
      const { dataValue, ...attributes } = dataValueSet;
      assert.deepEqual(attributes, { xmlns: DXF2_NAMESPACE, dataSet: 'VMuFODsyWaO', period: '202610' }, 'no completeDate without a set-level org unit');
      assert.deepEqual(dataValue[1], {
        dataElement: 'e22tIwy1nKR', categoryOptionCombo: 'HllvX50cXC0', attributeOptionCombo: 'HllvX50cXC1', orgUnit: 'ouDistrict', value: '0',
      });
      assert.equal(text.match(/<dataValue [^>]*\/>/g)?.length, 4, 'empty elements, only attributes');
    });

    it('names the org unit and completeDate on the set when the values are of one org unit', () => {
      const north = { ...set, dataValues: set.dataValues.filter(({ orgUnit }) => orgUnit === 'ouNorth') };
      const { dataValueSet } = xmlParser.parse(formats.xml.serialize(north, { period: october, now })) as { dataValueSet: Attributes };
      assert.equal(dataValueSet.orgUnit, 'ouNorth');
      assert.equal(dataValueSet.completeDate, '2026-11-25');
    });

    it('writes attributes equal to "true" with their value, so the file stays well-formed', () => {
      const text = formats.xml.serialize({ ...set, dataSet: 'true', dataValues: [{ dataElement: 'true', orgUnit: 'ouNorth', value: 1, followUp: true }] }, { period: october, now });
      assert.equal(XMLValidator.validate(text), true);
      assert.match(text, /<dataValue dataElement="true" followUp="true" orgUnit="ouNorth" value="1"\/>/);
      assert.match(text, /dataSet="true"/);
    });

    it('escapes names, and keeps other scripts', () => {
      const text = formats.xml.serialize(names, { period: october, now, humanReadable: true });
      assert.equal(XMLValidator.validate(text), true);
      assert.match(text, /dataSet="Santé &amp; &quot;Nutrition&quot; &lt;mensuel&gt;"/);
      assert.match(text, /orgUnit="Centre de santé &quot;Nord&quot;&#10;annexe"/, 'a line break survives attribute normalization');
      const { dataValueSet } = xmlParser.parse(text) as { dataValueSet: Attributes & { dataValue: Attributes[] } };
      assert.equal(dataValueSet.dataSet, names.dataSet);
      assert.deepEqual(dataValueSet.dataValue.map(({ dataElement, orgUnit }) => [dataElement, orgUnit]),
        names.dataValues.map(({ dataElement, orgUnit }) => [dataElement, orgUnit]));
    });

    it('replaces characters XML cannot hold', () => {
      const text = formats.xml.serialize({ ...set, dataSet: 'a\u0000b\u001Fc\uD800d😀' }, { period: october, now, humanReadable: true });
      assert.equal(XMLValidator.validate(text), true);
      assert.equal((xmlParser.parse(text) as { dataValueSet: Attributes }).dataValueSet.dataSet, 'a\uFFFDb\uFFFDc\uFFFDd😀');
    });

    it('parses back to the JSON export\'s values', () => {
      const { dataValueSet } = xmlParser.parse(formats.xml.serialize(set, { period: october, now })) as { dataValueSet: { dataValue: Attributes[] } };
      assert.deepEqual(dataValueSet.dataValue.map(({ value, ...rest }) => ({ ...rest, value: Number(value) })), set.dataValues);
    });
  });

  describe('ADX', () => {
    type Group = Attributes & { dataValue: Attributes[] };
    const parsed = (text: string) => {
      assert.equal(XMLValidator.validate(text), true);
      return (xmlParser.parse(text) as { adx: Attributes & { group: Group[] } }).adx;
    };

    it('has a group per org unit and attribute option combo, option combos as DHIS2\'s ADX import takes them, the default one named', () => {
      const adx = parsed(formats.adx.serialize(set, { period: october, now }));
      assert.deepEqual(adx.group.map(({ dataValue, ...attributes }) => [attributes, dataValue]), [
        [{ dataSet: 'VMuFODsyWaO', orgUnit: 'ouDistrict', period: '2026-10-01/P1M', attributeOptionCombo: 'HllvX50cXC0', completeDate: '2026-11-25' },
          [{ dataElement: 'kB0ZBFisE0e', categoryOptionCombo: 'HllvX50cXC0', value: '7' }]],
        [{ dataSet: 'VMuFODsyWaO', orgUnit: 'ouDistrict', period: '2026-10-01/P1M', attributeOptionCombo: 'HllvX50cXC1', completeDate: '2026-11-25' },
          [{ dataElement: 'e22tIwy1nKR', categoryOptionCombo: 'HllvX50cXC0', value: '0' }]],
        [{ dataSet: 'VMuFODsyWaO', orgUnit: 'ouNorth', period: '2026-10-01/P1M', attributeOptionCombo: 'HllvX50cXC0', completeDate: '2026-11-25' },
          [{ dataElement: 'kB0ZBFisE0e', categoryOptionCombo: 'HllvX50cXC0', value: '2.5' }]],
        [{ dataSet: 'VMuFODsyWaO', orgUnit: 'ouNorth', period: '2026-10-01/P1M', attributeOptionCombo: 'HllvX50cXC1', completeDate: '2026-11-25' },
          [{ dataElement: 'e22tIwy1nKR', categoryOptionCombo: 'HllvX50cXC0', value: '1' }]],
      ]);
    });

    it('has a group per org unit, with the ISO period, in the ADX namespace', () => {
      const adx = parsed(formats.adx.serialize(withoutCombos, { period: october, now }));
      assert.equal(adx.xmlns, ADX_NAMESPACE);
      assert.equal(adx.exported, '2026-11-25T08:30:00.000Z');
      const defaults = { attributeOptionCombo: 'HllvX50cXC0' };
      assert.deepEqual(adx.group.map(({ dataValue, ...attributes }) => [attributes, dataValue]), [
        [{ dataSet: 'VMuFODsyWaO', orgUnit: 'ouDistrict', period: '2026-10-01/P1M', ...defaults, completeDate: '2026-11-25' },
          [{ dataElement: 'kB0ZBFisE0e', categoryOptionCombo: 'HllvX50cXC0', value: '7' }]],
        [{ dataSet: 'VMuFODsyWaO', orgUnit: 'ouNorth', period: '2026-10-01/P1M', ...defaults, completeDate: '2026-11-25' },
          [{ dataElement: 'kB0ZBFisE0e', categoryOptionCombo: 'HllvX50cXC0', value: '2.5' }]],
      ]);
    });

    it('names quarters and years by their first day and length', () => {
      const quarter = parsed(formats.adx.serialize({ ...withoutCombos, period: '2026Q3' }, { period: { type: 'Quarterly', year: 2026, quarter: 3 }, now }));
      assert.deepEqual(quarter.group.map(({ period }) => period), ['2026-07-01/P3M', '2026-07-01/P3M']);
      const year = parsed(formats.adx.serialize({ ...withoutCombos, period: '2026' }, { period: { type: 'Yearly', year: 2026 }, now }));
      assert.deepEqual(year.group.map(({ period }) => period), ['2026-01-01/P1Y', '2026-01-01/P1Y']);
    });

    it('escapes names', () => {
      const adx = parsed(formats.adx.serialize(names, { period: october, now, humanReadable: true }));
      assert.deepEqual(adx.group.map(({ orgUnit, dataValue }) => [orgUnit, dataValue[0].dataElement]),
        names.dataValues.map(({ dataElement, orgUnit }) => [orgUnit, dataElement]));
      assert.equal(adx.group[0].dataSet, names.dataSet);
    });

    it('parses back to the JSON export\'s values', () => {
      const adx = parsed(formats.adx.serialize(withoutCombos, { period: october, now }));
      assert.deepEqual(adx.group.flatMap(({ orgUnit, dataValue }) => dataValue.map(({ dataElement, value }) => ({ dataElement, orgUnit, value: Number(value) }))),
        withoutCombos.dataValues);
    });
  });
});
