import { IndexBuilding } from '../domain/index-building';

/** What `GET /api/v2/export/dhis/preview` answers (the server's `ExportPreview`). */
export interface PreviewTarget {
  readonly id: string;
  readonly title: string;
}

export interface PreviewValue {
  readonly orgUnit: string;
  readonly orgUnitName: string;
  readonly dataElement: string;
  readonly categoryOptionCombo?: string;
  readonly attributeOptionCombo?: string;
  readonly targets: readonly PreviewTarget[];
  readonly value: number;
}

export interface PreviewTotal {
  readonly dataElement: string;
  readonly categoryOptionCombo?: string;
  readonly attributeOptionCombo?: string;
  readonly targets: readonly PreviewTarget[];
  readonly value: number;
}

export interface WorkerFollowUp {
  readonly user: string;
  readonly name: string;
  /** ISO 8601; null when they have no target doc for the period. */
  readonly lastUpdate: string | null;
}

export interface OrgUnitCoverage {
  readonly orgUnit: string;
  readonly orgUnitName: string;
  readonly expected: number;
  readonly reported: number;
  readonly stale: number;
  readonly missingWorkers: readonly WorkerFollowUp[];
  readonly staleWorkers: readonly WorkerFollowUp[];
}

export interface PreviewCheck {
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'notice';
  /** The server's English; the page words the check from `code` and `params` when it knows the code. */
  readonly message: string;
  readonly params?: Readonly<Record<string, string | number>>;
  readonly count: number;
  readonly ids: readonly string[];
}

export interface ExportPreview {
  readonly dataSet: { readonly id: string; readonly name: string };
  readonly period: string;
  readonly periodEnd: string;
  readonly fileName: string;
  readonly counts: {
    readonly targetDocs: number;
    readonly counted: number;
    readonly malformed: number;
    readonly dataValues: number;
    readonly healthWorkers: number;
  };
  readonly dataValues: readonly PreviewValue[];
  readonly totals: readonly PreviewTotal[];
  readonly coverage: readonly OrgUnitCoverage[];
  readonly checks: readonly PreviewCheck[];
}

export interface PreviewProgress {
  readonly docsRead: number;
  /** An estimate (health workers × months); null when unknown. */
  readonly docsExpected: number | null;
}

/** A line of the preview's NDJSON stream, or the database's index build the server waits on before it. */
export type PreviewEvent = { readonly progress: PreviewProgress } | { readonly preview: ExportPreview } | { readonly indexBuilding: IndexBuilding };
