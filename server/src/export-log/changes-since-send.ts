import type { LoggedValue } from './export-log';

/** A value that differs between the last send and now; undefined on a side: not there. */
export interface ChangedValue {
  orgUnit: string;
  dataElement: string;
  categoryOptionCombo?: string;
  attributeOptionCombo?: string;
  sent?: number;
  now?: number;
}

const keyOf = (row: LoggedValue) => JSON.stringify([row.orgUnit, row.dataElement, row.categoryOptionCombo ?? null, row.attributeOptionCombo ?? null]);

/** Values that differ between what was sent and what would be sent now, in the order of the current export. */
export const changesSince = (sent: readonly LoggedValue[], current: readonly LoggedValue[]): ChangedValue[] => {
  const before = new Map(sent.map(row => [keyOf(row), row]));
  const changes: ChangedValue[] = [];
  const identity = (row: LoggedValue) => ({
    orgUnit: row.orgUnit,
    dataElement: row.dataElement,
    ...(row.categoryOptionCombo === undefined ? {} : { categoryOptionCombo: row.categoryOptionCombo }),
    ...(row.attributeOptionCombo === undefined ? {} : { attributeOptionCombo: row.attributeOptionCombo }),
  });
  for (const row of current) {
    const old = before.get(keyOf(row));
    before.delete(keyOf(row));
    if (old === undefined || old.value !== row.value) {
      changes.push({ ...identity(row), ...(old === undefined ? {} : { sent: old.value }), now: row.value });
    }
  }
  for (const old of before.values()) {
    changes.push({ ...identity(old), sent: old.value });
  }
  return changes;
};
