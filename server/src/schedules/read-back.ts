import { authorizationOf, type Fetch } from '../dhis2/dhis2-client';
import type { Dhis2Config } from '../dhis2/dhis2-config';
import type { LoggedValue } from '../export-log/export-log';
import type { ReadBack } from './ports';
import type { Selection } from './schedule';

interface StoredValue {
  dataElement?: unknown;
  orgUnit?: unknown;
  categoryOptionCombo?: unknown;
  attributeOptionCombo?: unknown;
  value?: unknown;
}

/**
 * Compares what a send carried with what DHIS2 holds: landed when every value is there, absent when
 * none is, partly otherwise. DHIS2 does not store most zeros, so a missing zero matches, and a send
 * of zeros only reads as absent (sending it again changes nothing).
 */
export const compareWithStored = (sent: readonly LoggedValue[], stored: readonly StoredValue[]): 'landed' | 'partly' | 'absent' => {
  const matches = (row: LoggedValue) => stored.some(found => found.orgUnit === row.orgUnit && found.dataElement === row.dataElement
    && (row.categoryOptionCombo === undefined || found.categoryOptionCombo === row.categoryOptionCombo)
    && (row.attributeOptionCombo === undefined || found.attributeOptionCombo === row.attributeOptionCombo)
    && Number(found.value) === row.value);
  const nonZero = sent.filter(row => row.value !== 0);
  const found = nonZero.filter(matches).length;
  if (found === 0) {
    return 'absent';
  }
  return found === nonZero.length ? 'landed' : 'partly';
};

/** `GET /api/dataValueSets` for the selection's data set, period and the org units of the values sent. */
export const readBackFromDhis2 = async (
  config: Dhis2Config, selection: Selection, sent: readonly LoggedValue[], fetchImpl: Fetch = fetch,
): Promise<ReadBack> => {
  const url = new URL(`${config.url.href.replace(/\/+$/, '')}/api/dataValueSets`);
  url.searchParams.set('dataSet', selection.dataSet);
  url.searchParams.set('period', selection.period);
  for (const orgUnit of new Set(sent.map(row => row.orgUnit))) {
    url.searchParams.append('orgUnit', orgUnit);
  }
  const where = config.url.host;
  try {
    const response = await fetchImpl(url, {
      headers: { accept: 'application/json', authorization: authorizationOf(config.auth) },
      redirect: 'manual',
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    const text = await response.text();
    if (response.status !== 200) {
      return { kind: 'unreachable', reason: response.status === 401 || response.status === 403 ? 'credentials' : 'server',
        message: `DHIS2 at ${where} answered HTTP ${response.status} to reading the values back` };
    }
    const body = JSON.parse(text) as { dataValues?: unknown };
    const stored = Array.isArray(body.dataValues) ? body.dataValues as StoredValue[] : [];
    return { kind: compareWithStored(sent, stored) };
  } catch (error) {
    const name = (error as { name?: string }).name;
    return { kind: 'unreachable', reason: name === 'TimeoutError' ? 'timeout' : name === 'SyntaxError' ? 'rejected' : 'network',
      message: `DHIS2 at ${where} could not be read back: ${(error as Error).message}` };
  }
};
