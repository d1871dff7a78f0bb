import type { DataValue } from '../export/data-value-set';
import type { ExportSource } from '../sources/export-source';
import { explainConflict, type ExplainedConflict } from './conflict-explanation';
import { isCleanSuccess, type ImportSummary } from './import-summary';
import { programmeNamesFor } from './programme-names';
import { refusedRowsOf } from './send-outcome';

/** What an import summary means for the values sent, for a manual send and a scheduled one alike. */
export interface ImportVerdict {
  /** success: imported with no conflict; warning: some values not imported; error: nothing imported. */
  outcome: 'success' | 'warning' | 'error';
  conflicts: ExplainedConflict[];
  /** The values DHIS2 refused (they count as not sent), by position. */
  refused: Set<number>;
  /** The values DHIS2 kept: every value but the refused ones. */
  kept: DataValue[];
  /** Whether DHIS2 kept any value: never for a dry run, nor when it refused every one. */
  sent: boolean;
}

export const verdictOf = async (
  source: ExportSource, selection: { dataSet: string; orgUnit?: string }, rows: readonly DataValue[], summary: ImportSummary, dryRun: boolean,
): Promise<ImportVerdict> => {
  const names = await programmeNamesFor(source, selection.dataSet, selection.orgUnit);
  const conflicts = summary.conflicts.map(conflict => explainConflict(conflict, rows, names));
  const outcome = isCleanSuccess(summary) ? 'success' : summary.status === 'ERROR' ? 'error' : 'warning';
  const refused = refusedRowsOf(rows, summary.status, conflicts);
  const kept = rows.filter((_row, index) => !refused.has(index));
  const counts = summary.importCount;
  const sent = !dryRun && kept.length > 0 && counts.imported + counts.updated + counts.deleted > 0;
  return { outcome, conflicts, refused, kept, sent };
};
