import { filterPlaces, missingParentIds, orgUnitPlaces, placeLabel, placesByDataSet, shownPlaces } from './places';
import { PlaceDoc } from './models';

const dataSets = [{ id: 'ds1' }, { id: 'ds2' }];

describe('orgUnitPlaces', () => {
  it('reads single and multiple dhis entries, skipping malformed ones', () => {
    const docs: PlaceDoc[] = [
      { _id: 'a', name: 'Alpha', dhis: { orgUnit: 'ou-a' } },
      { _id: 'b', name: 'Beta', dhis: [{ orgUnit: 'ou-b1', dataSet: 'ds1' }, { orgUnit: 'ou-b2', dataSet: 'ds2' }] },
      { _id: 'c', name: 'Gamma', dhis: [{ orgUnit: '' }, null as never, { dataSet: 'ds1' } as never] },
      { _id: 'd', name: 'Delta' },
    ];
    expect(orgUnitPlaces(docs)).toEqual([
      { orgUnit: 'ou-a', name: 'Alpha' },
      { orgUnit: 'ou-b1', name: 'Beta', dataSet: 'ds1' },
      { orgUnit: 'ou-b2', name: 'Beta', dataSet: 'ds2' },
    ]);
  });

  it('reads a doc the view returned twice only once', () => {
    const doc: PlaceDoc = { _id: 'b', name: 'Beta', dhis: [{ orgUnit: 'ou-1' }, { orgUnit: 'ou-2' }] };
    expect(orgUnitPlaces([doc, doc]).length).toBe(2);
  });

  it('reads documents whose fields hold other JSON types, as import scripts write them', () => {
    const places = orgUnitPlaces([
      { _id: 'n', name: 1234, dhis: { orgUnit: 5003 } },
      { _id: 'o', name: { first: 'x' }, dhis: [{ orgUnit: 'ou-o', dataSet: null }, { orgUnit: 'ou-o2', dataSet: '' }, { orgUnit: true }] },
      { _id: 'p', name: null, dhis: 'ou-p' },
      { _id: 'q', name: '  Kisumu  ', dhis: [{ orgUnit: 'ou-q', dataSet: 42 }] },
    ]);
    expect(places).toEqual([
      { orgUnit: '5003', name: '1234' },
      { orgUnit: 'ou-o', name: 'ou-o' },
      { orgUnit: 'ou-o2', name: 'ou-o2' },
      { orgUnit: 'ou-q', name: 'Kisumu', dataSet: '42' },
    ]);
    const byDataSet = placesByDataSet(places, [{ id: 'ds1' }]);
    expect(byDataSet.get('ds1')?.map((place) => place.orgUnit)).toEqual(['5003', 'ou-o', 'ou-o2']);
  });

  it('names a place without a name after its org unit', () => {
    expect(orgUnitPlaces([{ _id: 'x', dhis: { orgUnit: 'ou-x' } }])).toEqual([{ orgUnit: 'ou-x', name: 'ou-x' }]);
  });
});

describe('placesByDataSet', () => {
  it('offers places mapped to the data set or to every data set', () => {
    const byDataSet = placesByDataSet(
      orgUnitPlaces([
        { _id: 'all', name: 'Everywhere', dhis: { orgUnit: 'ou-all' } },
        { _id: 'one', name: 'Only one', dhis: { orgUnit: 'ou-1', dataSet: 'ds1' } },
        { _id: 'two', name: 'Only two', dhis: [{ orgUnit: 'ou-2', dataSet: 'ds2' }, { orgUnit: 'ou-2x', dataSet: 'other' }] },
      ]),
      dataSets,
    );
    expect(byDataSet.get('ds1')).toEqual([
      { orgUnit: 'ou-all', name: 'Everywhere' },
      { orgUnit: 'ou-1', name: 'Only one' },
    ]);
    expect(byDataSet.get('ds2')).toEqual([
      { orgUnit: 'ou-all', name: 'Everywhere' },
      { orgUnit: 'ou-2', name: 'Only two' },
    ]);
    expect(byDataSet.has('other')).toBeFalse();
  });

  it('gives one option per org unit when places share it or a place maps it twice', () => {
    const byDataSet = placesByDataSet(
      orgUnitPlaces([
        { _id: 'p1', name: 'Zeta clinic', dhis: [{ orgUnit: 'ou-shared' }, { orgUnit: 'ou-shared', dataSet: 'ds1' }] },
        { _id: 'p2', name: 'Alpha clinic', dhis: { orgUnit: 'ou-shared', dataSet: 'ds1' } },
      ]),
      dataSets,
    );
    expect(byDataSet.get('ds1')).toEqual([{ orgUnit: 'ou-shared', name: 'Alpha clinic / Zeta clinic' }]);
    expect(byDataSet.get('ds2')).toEqual([{ orgUnit: 'ou-shared', name: 'Zeta clinic' }]);
  });

  it('sorts by name with localeCompare, not code points', () => {
    const names = ['zebra', 'Éclair', 'apple', 'Banana', 'éa'];
    const byDataSet = placesByDataSet(
      orgUnitPlaces(names.map((name, i) => ({ _id: `p${i}`, name, dhis: { orgUnit: `ou${i}` } }))),
      dataSets,
    );
    const sorted = byDataSet.get('ds1')!.map((p) => p.name);
    expect(sorted).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(sorted[0]).toBe('apple');
    expect(sorted.indexOf('Éclair')).toBeLessThan(sorted.indexOf('zebra'));
  });

  it('gives an empty list to a data set no place is mapped to', () => {
    const byDataSet = placesByDataSet(orgUnitPlaces([{ _id: 'a', name: 'A', dhis: { orgUnit: 'ou', dataSet: 'ds1' } }]), dataSets);
    expect(byDataSet.get('ds2')).toEqual([]);
  });
});

describe('places with their parents', () => {
  const docs: PlaceDoc[] = [
    { _id: 'district', name: 'Kisumu District', dhis: { orgUnit: 'ouKisumu001' } },
    { _id: 'hc1', name: 'Kondele Health Centre', dhis: { orgUnit: 'ouKondele01' }, parent: { _id: 'district' } },
    { _id: 'hc2', name: 'Kondele Health Centre', dhis: { orgUnit: 'ouKondele02' }, parent: { _id: 'siaya', parent: { _id: 'province' } } },
    { _id: 'area', name: "Achieng's Area", dhis: { orgUnit: 'ouKondele01' }, parent: { _id: 'hc1', parent: { _id: 'district' } } },
    { _id: 'odd', name: 'Odd parent', dhis: { orgUnit: 'ouOdd000001' }, parent: 'district' as never },
  ];

  it('names the parents to read: those not among the places, each once', () => {
    expect(missingParentIds(docs)).toEqual(['siaya']);
    expect(missingParentIds([...docs, { _id: 'x', parent: { _id: 'siaya' } }])).toEqual(['siaya']);
  });

  it('gives each place its parent\'s name, read among the places or the parents', () => {
    const places = orgUnitPlaces(docs, [{ _id: 'siaya', name: 'Siaya District' }]);
    expect(places.map(({ orgUnit, parent }) => [orgUnit, parent])).toEqual([
      ['ouKisumu001', undefined],
      ['ouKondele01', 'Kisumu District'],
      ['ouKondele02', 'Siaya District'],
      ['ouKondele01', 'Kondele Health Centre'],
      ['ouOdd000001', undefined],
    ]);
  });

  it('tells places of the same name apart by parent and org unit, in the picker\'s words', () => {
    const options = placesByDataSet(orgUnitPlaces(docs, [{ _id: 'siaya', name: 'Siaya District' }]), [{ id: 'ds' }]).get('ds')!;
    expect(options.map(placeLabel)).toEqual([
      // a place under another of the same org unit: its parent is already in the name
      "Achieng's Area / Kondele Health Centre — Kisumu District · ouKondele01",
      'Kisumu District · ouKisumu001',
      'Kondele Health Centre — Siaya District · ouKondele02',
      'Odd parent · ouOdd000001',
    ]);
  });

  it('labels a place without a name by its org unit alone', () => {
    expect(placeLabel({ orgUnit: 'ou-x', name: 'ou-x' })).toBe('ou-x');
    expect(placeLabel({ orgUnit: 'ou-x', name: 'ou-x', parent: 'P' })).toBe('ou-x — P · ou-x');
  });

  it('sorts places of one name by parent', () => {
    const options = placesByDataSet(
      [
        { orgUnit: 'ou-2', name: 'Kondele', parent: 'Siaya' },
        { orgUnit: 'ou-1', name: 'Kondele', parent: 'Kisumu' },
      ],
      [{ id: 'ds' }],
    ).get('ds')!;
    expect(options.map(({ orgUnit }) => orgUnit)).toEqual(['ou-1', 'ou-2']);
  });
});

describe('filterPlaces', () => {
  const places = [
    { orgUnit: 'OU-1', name: 'Kisumu East Health Centre' },
    { orgUnit: 'OU-2', name: 'Kisumu West Dispensary' },
    { orgUnit: 'XYZ', name: 'Nairobi Central', parent: 'Nairobi County' },
  ];

  it('keeps places matching every word, in name, parent or org unit, ignoring case', () => {
    expect(filterPlaces(places, 'kisumu  health').map((p) => p.orgUnit)).toEqual(['OU-1']);
    expect(filterPlaces(places, 'xyz').map((p) => p.orgUnit)).toEqual(['XYZ']);
    expect(filterPlaces(places, 'county').map((p) => p.orgUnit)).toEqual(['XYZ']);
    expect(filterPlaces(places, 'nairobi county').map((p) => p.orgUnit)).toEqual(['XYZ']);
  });

  it('does not match across the name and the org unit as one text', () => {
    expect(filterPlaces(places, 'centralxyz')).toEqual([]);
  });

  it('returns the same list for an empty query', () => {
    expect(filterPlaces(places, '  ')).toBe(places);
  });
});

describe('shownPlaces', () => {
  const places = Array.from({ length: 10 }, (_, i) => ({ orgUnit: `ou-${i}`, name: `Place ${i}` }));
  const orgUnits = (list: readonly { orgUnit: string }[]) => list.map((p) => p.orgUnit);

  it('returns the matching list itself when it is within the cap and holds the chosen place', () => {
    expect(shownPlaces(places, places, 10)).toBe(places);
    expect(shownPlaces(places, places, 10, 'ou-9')).toBe(places);
  });

  it('shows the first places up to the cap', () => {
    expect(orgUnits(shownPlaces(places, places, 3))).toEqual(['ou-0', 'ou-1', 'ou-2']);
  });

  it('adds the chosen place beyond the cap, after the others', () => {
    expect(orgUnits(shownPlaces(places, places, 3, 'ou-7'))).toEqual(['ou-0', 'ou-1', 'ou-2', 'ou-7']);
  });

  it('keeps the chosen place even when it does not match, in its sorted place', () => {
    const matching = [places[1], places[5], places[8]];
    expect(orgUnits(shownPlaces(places, matching, 100, 'ou-6'))).toEqual(['ou-1', 'ou-5', 'ou-6', 'ou-8']);
    expect(orgUnits(shownPlaces(places, matching, 100, 'ou-0'))).toEqual(['ou-0', 'ou-1', 'ou-5', 'ou-8']);
  });

  it('ignores a chosen org unit that is not a place of the list', () => {
    expect(orgUnits(shownPlaces(places, places, 2, 'elsewhere'))).toEqual(['ou-0', 'ou-1']);
  });
});
