import { Injectable } from '@angular/core';
import { Observable } from 'rxjs';

export const DHIS2_COMPARE_URL = '/api/v2/export/dhis/compare';

/** What is compared: what a send would send (data set, period, place; never names, never without zeros). */
export interface CompareSelection {
  readonly dataSet: string;
  readonly period: string;
  /** Empty: all places. */
  readonly orgUnit: string;
}

export type ChangeKind = 'zeroing' | 'changed' | 'new' | 'onlyInDhis2' | 'unchanged';
export type ChangeCounts = Readonly<Record<ChangeKind, number>>;

export interface ComparedValue {
  readonly orgUnit: string;
  readonly dataElement: string;
  readonly categoryOptionCombo?: string;
  readonly attributeOptionCombo?: string;
  readonly now?: number;
  readonly inDhis2?: string;
  readonly change: ChangeKind;
  readonly deletes?: true;
}

export interface Dhis2CheckItem {
  readonly id: string;
  readonly chtName?: string;
  readonly dhis2Name?: string;
}

export interface Dhis2Check {
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'notice';
  readonly count: number;
  readonly values: number;
  readonly items: readonly Dhis2CheckItem[];
  readonly params: Readonly<Record<string, string | number>>;
  readonly message: string;
}

export interface CompareProblem {
  readonly code: string;
  readonly part: 'system' | 'metadata' | 'values';
  readonly httpStatus?: number;
  readonly errorCode?: string;
  readonly fields?: readonly string[];
  readonly limit?: number;
  readonly calendar?: string;
  readonly message: string;
}

export interface Names {
  readonly cht?: string;
  readonly dhis2?: string;
}

/** The server's answer: what a send of the selection would change in DHIS2, and what DHIS2's metadata says of it. */
export interface Comparison {
  readonly dataSet: { readonly id: string; readonly dhis2Name?: string };
  readonly period: string;
  readonly orgUnit?: string;
  readonly dhis2: { readonly host: string; readonly version?: string };
  readonly complete: boolean;
  readonly problems: readonly CompareProblem[];
  readonly counts?: ChangeCounts;
  readonly values: readonly ComparedValue[];
  readonly names: { readonly orgUnits: Readonly<Record<string, Names>>; readonly dataElements: Readonly<Record<string, Names>> };
  readonly checks: readonly Dhis2Check[];
}

/** Why no comparison came: `status` 0 when the server could not be reached; its own message when it gave one. */
export class CompareError extends Error {
  constructor(
    readonly status: number,
    readonly serverMessage: string | null,
  ) {
    super(serverMessage ?? `HTTP ${status}`);
    this.name = 'CompareError';
  }
}

export function compareUrl(selection: CompareSelection): string {
  const params = new URLSearchParams();
  params.set('filters[dataSet]', selection.dataSet);
  params.set('filters[period]', selection.period);
  if (selection.orgUnit) params.set('filters[orgUnit]', selection.orgUnit);
  return `${DHIS2_COMPARE_URL}?${params.toString()}`;
}

/** Asks the server to compare the selection with DHIS2; unsubscribing aborts the request. */
@Injectable({ providedIn: 'root' })
export class Dhis2CompareApi {
  compare(selection: CompareSelection): Observable<Comparison> {
    return new Observable<Comparison>((subscriber) => {
      const controller = new AbortController();
      const run = async () => {
        let response: Response;
        try {
          response = await fetch(compareUrl(selection), {
            credentials: 'include',
            headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
            signal: controller.signal,
          });
        } catch {
          throw new CompareError(0, null);
        }
        let body: unknown = null;
        try {
          body = await response.json();
        } catch {
          // not JSON: a proxy's error page
        }
        if (!response.ok || !body || typeof body !== 'object') {
          const error = body && typeof body === 'object' ? (body as Record<string, unknown>)['error'] : null;
          throw new CompareError(response.status, typeof error === 'string' ? error : null);
        }
        subscriber.next(body as Comparison);
        subscriber.complete();
      };
      run().catch((error: unknown) => {
        if (controller.signal.aborted || subscriber.closed) return;
        subscriber.error(error instanceof CompareError ? error : new CompareError(0, null));
      });
      return () => controller.abort();
    });
  }
}
