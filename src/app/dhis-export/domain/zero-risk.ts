/**
 * Why a file may overwrite DHIS2's figures with zeros: DHIS2 stores a 0 as a figure, so importing
 * it replaces what DHIS2 holds for that place and period. Downloading or sending such a file takes
 * a second, explicit choice.
 */
export type ZeroRisk = 'all-zeros' | 'mostly-zeros' | 'in-progress';

export interface ZeroRiskInput {
  readonly values: number;
  /** Null when not known (no preview or file read yet). */
  readonly zeros: number | null;
  /** The period is the one under way: its figures are not complete. */
  readonly inProgress: boolean;
}

/** The reasons that apply, most serious first; none when the file is safe to import as it is. */
export function zeroRisks({ values, zeros, inProgress }: ZeroRiskInput): ZeroRisk[] {
  const risks: ZeroRisk[] = [];
  if (zeros !== null && values > 0 && zeros === values) risks.push('all-zeros');
  else if (zeros !== null && values > 0 && zeros * 2 > values) risks.push('mostly-zeros');
  if (inProgress && values > 0) risks.push('in-progress');
  return risks;
}
