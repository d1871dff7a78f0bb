import type { ReadBackResult } from '../export-log/dhis2-outcomes';
import type { LoggedValue } from '../export-log/export-log';
import { authorizationOf, USER_AGENT, type Fetch } from './dhis2-client';
import type { Dhis2Config } from './dhis2-config';
import { scrubberFor } from './scrub-secrets';

/** Org units per request: DHIS2 takes `orgUnit` repeated, and a URL must stay short. */
const ORG_UNITS_PER_READ = 50;

interface HeldValue {
  dataElement?: unknown;
  orgUnit?: unknown;
  categoryOptionCombo?: unknown;
  attributeOptionCombo?: unknown;
  value?: unknown;
}

/**
 * Compares sent values with DHIS2's. A value sent without a category or attribute option combo is
 * DHIS2's default one, whose id this server does not know: any held value of the same data element
 * and org unit may be it. A 0 that DHIS2 does not hold is there: DHIS2 stores no insignificant zeros.
 */
export const compareWithDhis2 = (sent: readonly LoggedValue[], held: readonly HeldValue[]): ReadBackResult => {
  const byPlace = new Map<string, HeldValue[]>();
  for (const value of held) {
    const key = `${String(value.orgUnit)}/${String(value.dataElement)}`;
    byPlace.set(key, [...byPlace.get(key) ?? [], value]);
  }
  let matching = 0;
  let differing = 0;
  let missing = 0;
  for (const row of sent) {
    const candidates = (byPlace.get(`${row.orgUnit}/${row.dataElement}`) ?? []).filter(value =>
      (row.categoryOptionCombo === undefined || value.categoryOptionCombo === row.categoryOptionCombo)
      && (row.attributeOptionCombo === undefined || value.attributeOptionCombo === row.attributeOptionCombo));
    if (candidates.some(value => Number(value.value) === row.value) || (candidates.length === 0 && row.value === 0)) {
      matching++;
    } else if (candidates.length > 0) {
      differing++;
    } else {
      missing++;
    }
  }
  return { outcome: differing === 0 && missing === 0 ? 'in-dhis2' : 'not-in-dhis2', matching, differing, missing };
};

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_item, index) => items.slice(index * size, (index + 1) * size));

/**
 * Reads back from DHIS2 (`GET /api/dataValueSets` for the data set, period and the sent values' org
 * units) whether values sent with an unknown outcome are there.
 */
export const readBack = async (
  config: Dhis2Config,
  sent: { dataSet: string; period: string; dataValues: readonly LoggedValue[] },
  fetchImpl: Fetch = fetch,
): Promise<ReadBackResult> => {
  const scrub = scrubberFor(config.auth);
  const held: HeldValue[] = [];
  const orgUnits = [...new Set(sent.dataValues.map(row => row.orgUnit))];
  try {
    for (const some of chunks(orgUnits, ORG_UNITS_PER_READ)) {
      const url = new URL(`${config.url.href.replace(/\/+$/, '')}/api/dataValueSets`);
      url.searchParams.set('dataSet', sent.dataSet);
      url.searchParams.set('period', sent.period);
      for (const orgUnit of some) {
        url.searchParams.append('orgUnit', orgUnit);
      }
      const response = await fetchImpl(url, {
        headers: { accept: 'application/json', authorization: authorizationOf(config.auth), 'user-agent': USER_AGENT },
        redirect: 'manual',
        signal: AbortSignal.timeout(config.timeoutMs),
      });
      const text = await response.text();
      if (!response.ok) {
        return { outcome: 'unreadable', matching: 0, differing: 0, missing: 0, message: `DHIS2 answered HTTP ${response.status} to the read-back: ${scrub(text).slice(0, 200)}` };
      }
      const body = JSON.parse(text) as { dataValues?: unknown };
      held.push(...(Array.isArray(body.dataValues) ? body.dataValues as HeldValue[] : []));
    }
  } catch (error) {
    return { outcome: 'unreadable', matching: 0, differing: 0, missing: 0, message: `DHIS2 could not be read back: ${scrub((error as Error).message)}` };
  }
  return compareWithDhis2(sent.dataValues, held);
};
