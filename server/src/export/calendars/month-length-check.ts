import { bsMonthName, bsReportingMonthDays } from '../../../../src/app/dhis-export/domain/calendars/bikram-sambat-months';
import type { PreviewCheck } from '../preview-checks';
import { calendarOfPeriod, monthsOf, type DhisPeriod } from '../reporting-period';
import type { Dhis2Calendar } from './dhis2-calendar';
import { dhis2BsMonthDays, dhis2NepaliTableFor } from './dhis2-nepali-table';

export interface MonthDisagreement {
  /** `Jestha 2081`. */
  month: string;
  /** The Gregorian days of the BS month for the CHT's devices (bikram-sambat) and for the DHIS2. */
  cht: { first: string; last: string };
  dhis2: { first: string; last: string } | undefined;
}

/** The BS months of the period whose Gregorian days bikram-sambat and the DHIS2's table put differently. */
export const monthDisagreements = (period: DhisPeriod, dhis2: Dhis2Calendar): MonthDisagreement[] => {
  if (calendarOfPeriod(period) !== 'bikram-sambat' || dhis2.name !== 'nepali') return [];
  const table = dhis2NepaliTableFor(dhis2.version);
  return monthsOf(period).flatMap(({ year, month }) => {
    const cht = bsReportingMonthDays({ year, month }, 1);
    const inDhis2 = dhis2BsMonthDays(table, year, month);
    return inDhis2 && inDhis2.first === cht.first && inDhis2.last === cht.last
      ? []
      : [{ month: `${bsMonthName(month, 'en')} ${year}`, cht, dhis2: inDhis2 && { first: inDhis2.first, last: inDhis2.last } }];
  });
};

const daysOf = ({ first, last }: { first: string; last: string }) => (Date.parse(last) - Date.parse(first)) / 86_400_000 + 1;

/**
 * A check for the preview when a BS month of the period has other days in the DHIS2 than on the
 * devices: a day at its edge is counted in one month here and in the next or previous one in DHIS2.
 */
export const monthLengthCheck = (period: DhisPeriod, dhis2: Dhis2Calendar): PreviewCheck | undefined => {
  const disagreements = monthDisagreements(period, dhis2);
  if (disagreements.length === 0) return undefined;
  const table = dhis2NepaliTableFor(dhis2.version);
  const described = disagreements.map(({ month, cht, dhis2: there }) => there
    ? `${month} is ${cht.first} – ${cht.last} (${daysOf(cht)} days) on the devices and ${there.first} – ${there.last} (${daysOf(there)} days) in DHIS2`
    : `${month} is ${cht.first} – ${cht.last} on the devices and beyond DHIS2's table`);
  return {
    code: 'nepali-month-lengths',
    severity: 'warning',
    message: `DHIS2 ${dhis2.version} (DHIS2_VERSION) counts BS months with its own table of month lengths (${table.id}, in ${table.releases}), ` +
      `which differs from bikram-sambat 1.8.1, the CHT's: ${described.join('; ')}. The days between are counted in one month here and in another in DHIS2. ` +
      'Upgrade DHIS2 to 2.40.9, 2.41.5, 2.42.2, 2.43.0 or later, whose table agrees, or send knowing which days differ.',
    params: { version: dhis2.version, table: table.id, releases: table.releases, months: disagreements.map(({ month }) => month).join(', ') },
    count: disagreements.length,
    ids: disagreements.map(({ month }) => month),
  };
};
