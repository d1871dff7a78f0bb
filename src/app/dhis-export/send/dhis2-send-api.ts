import { Injectable } from '@angular/core';
import { DhisExportRequest } from '../domain/models';

export const DHIS2_SEND_URL = '/api/v2/export/dhis/send';
export const DHIS2_LOG_URL = '/api/v2/export/dhis/log';

/** Whether this server may send to DHIS2, and whether this user may check or send. */
export interface SendCapabilities {
  readonly configured: boolean;
  readonly dhis2Host?: string;
  readonly howToEnable?: string;
  readonly mayDryRun: boolean;
  readonly maySend: boolean;
}

export interface ExplainedConflict {
  readonly place?: { readonly name?: string; readonly orgUnit: string };
  readonly target?: { readonly title?: string; readonly dataElement: string };
  readonly message: string;
  readonly errorCode?: string;
  /** Names the advice (`unknown-org-unit`, a DHIS2 error code, `other`), for the page to word it. */
  readonly advice?: string;
  readonly meaning: string;
  readonly action: string;
  readonly values?: number;
}

export interface ImportCount {
  readonly imported: number;
  readonly updated: number;
  readonly ignored: number;
  readonly deleted: number;
}

/** DHIS2's answer to a dry run or a send, in the programme's words. */
export interface SendResult {
  readonly dryRun: boolean;
  readonly outcome: 'success' | 'warning' | 'error';
  readonly sent: boolean;
  readonly values: number;
  readonly counts: ImportCount;
  readonly conflicts: readonly ExplainedConflict[];
  readonly dhis2: { readonly status: string; readonly httpStatus: number };
}

export interface ExportLogRecord {
  readonly id: string;
  readonly action: 'download' | 'dry-run' | 'send';
  readonly user: string;
  readonly at: string;
  readonly orgUnit?: string;
  readonly values: number;
  readonly total: number;
  readonly dhis2?: { readonly status: string; readonly importCount: ImportCount; readonly conflicts: number };
  readonly failure?: { readonly reason: string; readonly message: string };
}

export interface ChangedValue {
  readonly orgUnit: string;
  readonly dataElement: string;
  readonly categoryOptionCombo?: string;
  readonly sent?: number;
  readonly now?: number;
}

export interface ExportLogView {
  readonly current: { readonly values: number; readonly total: number };
  readonly records: readonly ExportLogRecord[];
  readonly changesSinceLastSend?: { readonly sentAt: string; readonly sentBy: string; readonly changes: readonly ChangedValue[] };
}

/** Why the server gave no result: `status` 0 when it could not be reached; its own message when it gave one. */
export class SendError extends Error {
  constructor(
    readonly status: number,
    readonly serverMessage: string | null,
  ) {
    super(serverMessage ?? `HTTP ${status}`);
    this.name = 'SendError';
  }
}

function selectionQuery(request: DhisExportRequest): string {
  const params = new URLSearchParams();
  params.set('filters[dataSet]', request.dataSet);
  params.set('filters[period]', request.period);
  if (request.orgUnit) params.set('filters[orgUnit]', request.orgUnit);
  return params.toString();
}

const HEADERS = { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' };

async function readJson<T>(call: () => Promise<Response>): Promise<T> {
  let response: Response;
  try {
    response = await call();
  } catch {
    throw new SendError(0, null);
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // not JSON
  }
  if (!response.ok) {
    const error = body && typeof body === 'object' ? (body as Record<string, unknown>)['error'] : null;
    throw new SendError(response.status, typeof error === 'string' ? error : null);
  }
  return body as T;
}

/** The server's DHIS2 sending and export log, with the user's session. */
@Injectable({ providedIn: 'root' })
export class Dhis2SendApi {
  capabilities(): Promise<SendCapabilities> {
    return readJson(() => fetch(DHIS2_SEND_URL, { credentials: 'include', headers: HEADERS }));
  }

  send(request: DhisExportRequest, dryRun: boolean): Promise<SendResult> {
    return readJson(() =>
      fetch(`${DHIS2_SEND_URL}?dryRun=${dryRun}&${selectionQuery(request)}`, { method: 'POST', credentials: 'include', headers: HEADERS }),
    );
  }

  log(request: DhisExportRequest): Promise<ExportLogView> {
    return readJson(() => fetch(`${DHIS2_LOG_URL}?${selectionQuery(request)}`, { credentials: 'include', headers: HEADERS }));
  }
}
