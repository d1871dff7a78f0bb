/** What the log keeps of DHIS2's answers: an import's counts, and what a read-back found. */

/** DHIS2's import counts, as its import summary gives them (see dhis2/import-summary.ts). */
export interface ImportCount {
  imported: number;
  updated: number;
  ignored: number;
  deleted: number;
}

/**
 * What DHIS2 holds of values sent with an unknown outcome: `in-dhis2` when every value is there as
 * sent, `not-in-dhis2` otherwise (with how many match, differ or are missing), `unreadable` when
 * DHIS2 could not be asked (the outcome stays unknown).
 */
export interface ReadBackResult {
  outcome: 'in-dhis2' | 'not-in-dhis2' | 'unreadable';
  matching: number;
  differing: number;
  missing: number;
  message?: string;
}
