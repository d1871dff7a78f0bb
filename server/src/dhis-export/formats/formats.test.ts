import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { DataValueSet } from '../data-value-set';
import type { DhisPeriod } from '../reporting-period';
import { ADX_NAMESPACE } from './adx';
import { CSV_COLUMNS } from './csv';
import { DXF2_NAMESPACE } from './xml';
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

  it('JSON is the dataValueSet as it is', () => {
    assert.equal(formats.json.serialize(set, { period: october, now }), JSON.stringify(set));
    assert.equal(formats.json.serialize(set, { period: october, now, pretty: true }), `${JSON.stringify(set, null, 2)}\n`);
  });

  describe('CSV', () => {
    const rows = (text: string): string[][] => parseCsv(text, { bom: true, relax_column_count: false });

    it('has DHIS2\'s columns, a header row and a row per value, RFC 4180 with CRLF and a UTF-8 byte order mark', () => {
      const text = formats.csv.serialize(set, { period: october, now });
      assert.ok(text.startsWith('\ufeffdataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup\r\n'));
      assert.ok(text.endsWith('\r\n'));
      assert.doesNotMatch(text.replace(/\r\n/g, ''), /[\r\n]/);
      const [header, ...values] = rows(text);
      assert.deepEqual(header, [...CSV_COLUMNS]);
      assert.deepEqual(values, [
        ['kB0ZBFisE0e', '202610', 'ouDistrict', '', '', '7', '', '', '', ''],
        ['e22tIwy1nKR', '202610', 'ouDistrict', 'HllvX50cXC0', 'HllvX50cXC1', '0', '', '', '', ''],
        ['kB0ZBFisE0e', '202610', 'ouNorth', '', '', '2.5', '', '', '', ''],
        ['e22tIwy1nKR', '202610', 'ouNorth', 'HllvX50cXC0', 'HllvX50cXC1', '1', '', '', '', ''],
      ]);
    });

    it('quotes names with commas, quotes and line breaks, keeps other scripts, and defuses formulas', () => {
      const text = formats.csv.serialize(names, { period: october, now, humanReadable: true });
      assert.match(text, /"Centre de santé ""Nord""\nannexe"/);
      const [, ...values] = rows(text);
      assert.deepEqual(values.map(row => [row[0], row[2], row[5]]), [
        ['births, this month', 'Centre de santé "Nord"\nannexe', '3'],
        ['\'=HYPERLINK("http://x")', 'स्वास्थ्य केंद्र', '4'],
        ['l\'accouchement <à> & co', 'مركز صحي', '-1'],
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
      assert.deepEqual(attributes, { xmlns: DXF2_NAMESPACE, dataSet: 'VMuFODsyWaO', completeDate: '2026-11-25', period: '202610' });
      assert.deepEqual(dataValue[1], {
        dataElement: 'e22tIwy1nKR', categoryOptionCombo: 'HllvX50cXC0', attributeOptionCombo: 'HllvX50cXC1', orgUnit: 'ouDistrict', value: '0',
      });
      assert.equal(text.match(/<dataValue [^>]*\/>/g)?.length, 4, 'empty elements, only attributes');
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

    it('has a group per org unit, with the ISO period, in the ADX namespace', () => {
      const adx = parsed(formats.adx.serialize(withoutCombos, { period: october, now }));
      assert.equal(adx.xmlns, ADX_NAMESPACE);
      assert.equal(adx.exported, '2026-11-25T08:30:00.000Z');
      assert.deepEqual(adx.group.map(({ dataValue, ...attributes }) => [attributes, dataValue]), [
        [{ dataSet: 'VMuFODsyWaO', orgUnit: 'ouDistrict', period: '2026-10-01/P1M', completeDate: '2026-11-25' }, [{ dataElement: 'kB0ZBFisE0e', value: '7' }]],
        [{ dataSet: 'VMuFODsyWaO', orgUnit: 'ouNorth', period: '2026-10-01/P1M', completeDate: '2026-11-25' }, [{ dataElement: 'kB0ZBFisE0e', value: '2.5' }]],
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

    it('refuses targets with option combos, and suggests the formats that carry them', () => {
      assert.equal(formats.adx.refusal!([{ id: 'births', dhis: { dataElement: 'kB0ZBFisE0e' } }]), undefined);
      assert.equal(formats.adx.refusal!([{ id: 'births', dhis: { dataElement: 'kB0ZBFisE0e', categoryOptionCombo: '' } }]), undefined);
      assert.match(formats.adx.refusal!([{ id: 'deliveries', dhis: { dataElement: 'e22tIwy1nKR', attributeOptionCombo: 'aoc1' } }])!,
        /target "deliveries" carries attributeOptionCombo "aoc1"\. Export this data set as JSON, CSV or XML/);
      for (const format of [formats.json, formats.csv, formats.xml]) {
        assert.equal(format.refusal, undefined, format.name);
      }
    });
  });
});
