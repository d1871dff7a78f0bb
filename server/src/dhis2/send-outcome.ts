import type { DataValue } from '../export/data-value-set';
import type { ExplainedConflict } from './conflict-explanation';
import type { Dhis2FailureReason, Dhis2UnknownReason } from './dhis2-client';
import type { ImportCount, ReadBackResult } from '../export-log/dhis2-outcomes';
import type { ImportSummary } from './import-summary';
import type { CompletenessOutcome } from './complete-registration';

export interface SendSelectionSummary {
  dryRun: boolean;
  dataSet: string;
  period: string;
  orgUnit?: string;
  /** How many values were (or would be) sent, their sum, and their digest. */
  values: number;
  total: number;
  digest: string;
}

/** DHIS2's answer in the programme's words, DHIS2's own fields beside them. */
export type SendOutcome = SendSelectionSummary & (
  | {
    kind: 'summary';
    /** success: imported with no conflict; warning: some values not imported; error: nothing imported. */
    outcome: 'success' | 'warning' | 'error';
    /** Whether DHIS2 kept any value: never for a dry run, nor when it refused every one. */
    sent: boolean;
    /** How many of the values DHIS2 refused (they count as not sent). */
    refused: number;
    headline: string;
    counts: ImportCount;
    conflicts: ExplainedConflict[];
    dhis2: { httpStatus: number } & ImportSummary;
    recordId: string;
    /** When the send asked to register the data set as complete. */
    completeness?: CompletenessOutcome;
  }
  | { kind: 'failure'; outcome: 'failed'; reason: Dhis2FailureReason; sent: false; error: string; httpStatus?: number; recordId: string }
  | {
    kind: 'unknown';
    outcome: 'unknown';
    reason: Dhis2UnknownReason;
    /** Nobody knows from DHIS2's answer; `readBack` says what DHIS2 was found to hold afterwards. */
    sent: null;
    error: string;
    httpStatus?: number;
    headline: string;
    recordId: string;
    readBack: ReadBackResult & { recordId: string };
  });

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

export const headlineOf = (
  dryRun: boolean, outcome: 'success' | 'warning' | 'error', counts: ImportCount, conflicts: number, values: number, sent = !dryRun,
): string => {
  const tally = `${counts.imported} imported, ${counts.updated} updated, ${counts.ignored} ignored, ${counts.deleted} deleted`;
  if (outcome === 'success') {
    return dryRun
      ? `DHIS2 would accept all ${plural(values, 'value')} (${tally}); nothing was saved`
      : `DHIS2 accepted all ${plural(values, 'value')}: ${tally}`;
  }
  if (outcome === 'warning') {
    if (dryRun) {
      return `DHIS2 would not accept every value: ${plural(conflicts, 'conflict')} (${tally}); nothing was saved`;
    }
    return sent
      ? `Not every value was accepted: ${plural(conflicts, 'conflict')} (${tally})`
      : `DHIS2 refused every value: ${plural(conflicts, 'conflict')} (${tally}); nothing was sent`;
  }
  return dryRun
    ? `DHIS2 would refuse this import: ${plural(conflicts, 'conflict')} (${tally}); nothing was saved`
    : `DHIS2 refused this import: ${plural(conflicts, 'conflict')} (${tally})`;
};

export const unknownHeadlineOf = (values: number, readBack: ReadBackResult): string => {
  const start = `DHIS2's answer to the send of ${plural(values, 'value')} never came, so whether it imported them was unknown`;
  if (readBack.outcome === 'in-dhis2') {
    return `${start}; read back from DHIS2: all of them are there (confirmed in DHIS2)`;
  }
  if (readBack.outcome === 'not-in-dhis2') {
    return `${start}; read back from DHIS2: not in DHIS2 (${readBack.matching} as sent, ${readBack.differing} different, ${readBack.missing} missing): send again`;
  }
  return `${start}, and DHIS2 could not be read back: check DHIS2 before sending again`;
};

/**
 * The values DHIS2 refused, by the positions its conflicts point at, else by the place and target a
 * conflict names; a conflict that names neither, or an ERROR, refuses them all. What is not known
 * to be kept counts as not sent.
 */
export const refusedRowsOf = (rows: readonly DataValue[], status: string, conflicts: readonly ExplainedConflict[]): Set<number> => {
  if (status === 'ERROR') {
    return new Set(rows.map((_row, index) => index));
  }
  const refused = new Set<number>();
  for (const conflict of conflicts) {
    const indexes = conflict.dhis2.indexes ?? [];
    if (indexes.length > 0) {
      indexes.forEach(index => refused.add(index));
      continue;
    }
    rows.forEach((row, index) => {
      if ((conflict.place === undefined || row.orgUnit === conflict.place.orgUnit)
        && (conflict.target === undefined || row.dataElement === conflict.target.dataElement)) {
        refused.add(index);
      }
    });
  }
  return refused;
};
