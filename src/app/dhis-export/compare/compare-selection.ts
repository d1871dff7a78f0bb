import { ChangeCounts, CompareSelection } from './dhis2-compare-api';

/** The rows shown in the table, in this order; the others are only counted. */
export const CHANGE_KINDS_SHOWN = ['zeroing', 'changed'] as const;

/** The counts' order in the sentence: the numbers a manager asks about first. */
export const COUNTED_KINDS = ['new', 'changed', 'zeroing', 'unchanged', 'onlyInDhis2'] as const;

export const selectionOf = (request: { dataSet: string; period: string; orgUnit?: string | null }): CompareSelection => ({
  dataSet: request.dataSet,
  period: request.period,
  orgUnit: request.orgUnit ?? '',
});

export const sameSelection = (a: { dataSet: string; period: string; orgUnit?: string | null } | null, b: { dataSet: string; period: string; orgUnit?: string | null } | null) =>
  !!a && !!b && a.dataSet === b.dataSet && a.period === b.period && (a.orgUnit ?? '') === (b.orgUnit ?? '');

/** "12 new, 3 changed, 2 would become 0, 40 unchanged": the kinds with a count, worded by `word`. */
export const countsSentence = (counts: ChangeCounts, word: (kind: string, count: number) => string, separator = ', '): string =>
  COUNTED_KINDS.filter((kind) => counts[kind] > 0 || kind !== 'onlyInDhis2').map((kind) => word(kind, counts[kind])).join(separator);
