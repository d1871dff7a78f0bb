import moment from 'moment';
import 'moment/locale/ne';
import { bsPeriodChoices } from './bikram-sambat-periods';
import { periodChoices, periodChoicesIn } from './periods';
import { monthStartDateOf } from './settings';

// Loading a moment locale makes it the global one: back to English for every other spec.
moment.locale('en');

describe('Bikram Sambat periods (settings uhc.visit_count.use_bikram_sambat_months)', () => {
  afterEach(() => moment.locale('en'));

  it('offers BS months transliterated, with their Gregorian days, valued by the BS period id', () => {
    moment.locale('en');
    // 28 October 2026 is Kartik 11, 2083.
    const { Monthly } = bsPeriodChoices(new Date(2026, 9, 28, 10), 1)!;
    expect(Monthly.periods.length).toBe(12);
    expect(Monthly.periods[0]).toEqual({ value: '208307', label: 'Kartik 2083 (18 October – 16 November 2026)' });
    expect(Monthly.periods[1]).toEqual({ value: '208306', label: 'Ashwin 2083 (17 September – 17 October 2026)' });
    expect(Monthly.periods[7]).toEqual({ value: '208212', label: 'Chaitra 2082 (15 March – 13 April 2026)' });
    expect(Monthly.preselected).toBe('208306');
  });

  it('names the months in Devanagari in Nepali, as the CHT does, with Nepali digits', () => {
    moment.locale('ne');
    const { Monthly } = bsPeriodChoices(new Date(2026, 9, 28, 10), 1)!;
    expect(Monthly.periods[0].value).toBe('208307');
    expect(Monthly.periods[0].label).toMatch(/^कार्तिक २०८३ \(१८ .+ – १६ .+ २०२६\)$/);
    expect(Monthly.periods[5].label).toMatch(/^जेठ २०८३ /);
  });

  it('offers quarters from Baisakh and years, as DHIS2\'s Nepali calendar has them', () => {
    moment.locale('en');
    const { Quarterly, Yearly } = bsPeriodChoices(new Date(2026, 9, 28, 10), 1)!;
    expect(Quarterly.periods[0]).toEqual({ value: '2083Q3', label: 'Kartik – Poush 2083 (18 October 2026 – 14 January 2027)' });
    expect(Quarterly.periods[1]).toEqual({ value: '2083Q2', label: 'Shrawan – Ashwin 2083 (17 July – 17 October 2026)' });
    expect(Quarterly.preselected).toBe('2083Q2');
    expect(Yearly.periods[0]).toEqual({ value: '2083', label: '2083 (14 April 2026 – 13 April 2027)' });
  });

  it('follows month_start_date as the devices do, up to 32', () => {
    moment.locale('en');
    // Kartik 11 is before the 15th: the reporting month Ashwin 15 – Kartik 14, tagged Kartik.
    expect(bsPeriodChoices(new Date(2026, 9, 28, 10), 15)!.Monthly.periods[0])
      .toEqual({ value: '208307', label: 'Kartik 2083 (1 October – 31 October 2026)' });
    // 1 November is Kartik 16: past the 15th, so Mangsir's.
    expect(bsPeriodChoices(new Date(2026, 10, 1, 10), 15)!.Monthly.periods[0].value).toBe('208308');
    const bs = (day: unknown) => ({ uhc: { visit_count: { use_bikram_sambat_months: true, month_start_date: day } } });
    expect(monthStartDateOf(bs(32))).toBe(32);
    expect(monthStartDateOf(bs(33))).toBe(1);
    expect(monthStartDateOf({ uhc: { month_start_date: 32 } })).toBe(1);
  });

  it('are offered when the settings say BS, and Gregorian months otherwise', async () => {
    moment.locale('en');
    expect((await periodChoicesIn('bikram-sambat', new Date(2026, 9, 28, 10))).Monthly.periods[0].value).toBe('208307');
    expect((await periodChoicesIn('gregorian', new Date(2026, 9, 28, 10))).Monthly.periods[0]).toEqual({ value: '202610', label: 'October, 2026' });
    expect(periodChoices(new Date(2026, 9, 28, 10)).Monthly.periods[0].value).toBe('202610');
  });
});
