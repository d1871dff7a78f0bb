import type { DataValue } from '../../export/data-value-set';
import type { Dhis2Value } from './current-values';

/** What a send would do to one value. */
export type ChangeKind = 'zeroing' | 'changed' | 'new' | 'onlyInDhis2' | 'unchanged';

/** In the order a manager should read them: what a send would destroy first. */
export const CHANGE_KINDS: readonly ChangeKind[] = ['zeroing', 'changed', 'new', 'onlyInDhis2', 'unchanged'];

export interface ComparedValue {
  orgUnit: string;
  dataElement: string;
  categoryOptionCombo?: string;
  attributeOptionCombo?: string;
  /** What the file sends; absent for a value only DHIS2 holds. */
  now?: number;
  /** What DHIS2 holds now, as DHIS2 gives it; absent when it holds nothing. */
  inDhis2?: string;
  change: ChangeKind;
  /** A 0 that DHIS2 does not keep for this data element (zero not significant): the send deletes its value. */
  deletes?: true;
}

export type ChangeCounts = Record<ChangeKind, number>;

export interface ChangeRules {
  /** The id DHIS2 gives the default option combo (a value of the file without a combo is stored under it). */
  defaultCombo: string;
  /** Whether DHIS2 keeps a 0 of this data element; unknown counts as kept. */
  zeroIsSignificant: (dataElement: string) => boolean | undefined;
}

const keyOf = (orgUnit: string, dataElement: string, coc: string, aoc: string) => `${orgUnit}\u0000${dataElement}\u0000${coc}\u0000${aoc}`;

const sameValue = (inDhis2: string, now: number) => {
  const number = Number(inDhis2);
  return inDhis2.trim() !== '' && Number.isFinite(number) ? number === now : inDhis2 === String(now);
};

const combosOf = (row: { [attribute: string]: unknown }) => ({
  ...(typeof row['categoryOptionCombo'] === 'string' ? { categoryOptionCombo: row['categoryOptionCombo'] } : {}),
  ...(typeof row['attributeOptionCombo'] === 'string' ? { attributeOptionCombo: row['attributeOptionCombo'] } : {}),
});

/**
 * Each value of the file beside DHIS2's, and each value DHIS2 holds that the file does not send.
 * A 0 where DHIS2 holds nothing and keeps no zeros changes nothing; a 0 over a figure is `zeroing`.
 */
export const compareValues = (file: readonly DataValue[], dhis2: readonly Dhis2Value[], rules: ChangeRules): ComparedValue[] => {
  const held = new Map<string, Dhis2Value>();
  const keyOfRow = (row: { orgUnit: string; dataElement: string; categoryOptionCombo?: unknown; attributeOptionCombo?: unknown }) =>
    keyOf(row.orgUnit, row.dataElement,
      typeof row.categoryOptionCombo === 'string' ? row.categoryOptionCombo : rules.defaultCombo,
      typeof row.attributeOptionCombo === 'string' ? row.attributeOptionCombo : rules.defaultCombo);
  for (const value of dhis2) {
    held.set(keyOfRow(value), value);
  }
  const rows: ComparedValue[] = [];
  for (const value of file) {
    const key = keyOfRow(value);
    const existing = held.get(key);
    held.delete(key);
    const base = { orgUnit: value.orgUnit, dataElement: value.dataElement, ...combosOf(value), now: value.value };
    const zeroKept = rules.zeroIsSignificant(value.dataElement) !== false;
    if (!existing) {
      rows.push({ ...base, change: value.value === 0 && !zeroKept ? 'unchanged' : 'new' });
    } else if (sameValue(existing.value, value.value)) {
      rows.push({ ...base, inDhis2: existing.value, change: 'unchanged' });
    } else {
      rows.push({ ...base, inDhis2: existing.value, change: value.value === 0 ? 'zeroing' : 'changed',
        ...(value.value === 0 && !zeroKept ? { deletes: true as const } : {}) });
    }
  }
  for (const value of held.values()) {
    // as the file writes it: no combo where DHIS2 names its default one
    const combos = combosOf({
      categoryOptionCombo: value.categoryOptionCombo === rules.defaultCombo ? undefined : value.categoryOptionCombo,
      attributeOptionCombo: value.attributeOptionCombo === rules.defaultCombo ? undefined : value.attributeOptionCombo,
    });
    rows.push({ orgUnit: value.orgUnit, dataElement: value.dataElement, ...combos, inDhis2: value.value, change: 'onlyInDhis2' });
  }
  const rank = new Map(CHANGE_KINDS.map((kind, index) => [kind, index]));
  const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return rows.sort((a, b) => rank.get(a.change)! - rank.get(b.change)! || byId(a.orgUnit, b.orgUnit) || byId(a.dataElement, b.dataElement));
};

export const countChanges = (rows: readonly ComparedValue[]): ChangeCounts => {
  const counts = Object.fromEntries(CHANGE_KINDS.map(kind => [kind, 0])) as ChangeCounts;
  for (const row of rows) counts[row.change]++;
  return counts;
};
