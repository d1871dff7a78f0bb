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

/** The complete data set registration that a send asked for (see docs/sending-to-dhis2.md). */
export interface CompletenessResult {
  /** skipped: not every value was accepted, or none was sent; failed: DHIS2 gave no import summary. */
  readonly outcome: 'success' | 'error' | 'skipped' | 'failed';
  readonly orgUnits: readonly string[];
  readonly counts?: ImportCount;
  readonly conflicts?: readonly { readonly object?: string; readonly value: string }[];
}

/** What DHIS2 was found to hold, read back after a send whose answer never came. */
export interface ReadBack {
  readonly outcome: 'in-dhis2' | 'not-in-dhis2' | 'unreadable';
  readonly matching: number;
  readonly differing: number;
  readonly missing: number;
}

/**
 * DHIS2's answer to a dry run or a send, in the programme's words; or, when its answer never came
 * (`unknown`: `sent` is null), what reading DHIS2 back found.
 */
export type SendResult =
  | {
      readonly dryRun: boolean;
      readonly outcome: 'success' | 'warning' | 'error';
      /** Whether DHIS2 kept any value (never for a dry run, nor when it refused them all). */
      readonly sent: boolean;
      readonly values: number;
      readonly counts: ImportCount;
      readonly conflicts: readonly ExplainedConflict[];
      readonly dhis2: { readonly status: string; readonly httpStatus: number };
      readonly completeness?: CompletenessResult;
    }
  | {
      readonly dryRun: false;
      readonly outcome: 'unknown';
      readonly sent: null;
      readonly values: number;
      readonly readBack: ReadBack;
    };

export interface ExportLogRecord {
  readonly id: string;
  readonly action: 'download' | 'dry-run' | 'send' | 'read-back';
  readonly user: string;
  readonly at: string;
  readonly orgUnit?: string;
  readonly values: number;
  readonly total: number;
  readonly dhis2?: { readonly status: string; readonly importCount: ImportCount; readonly conflicts: number };
  readonly failure?: { readonly reason: string; readonly message: string };
  /** For sends: DHIS2 kept values, none, or nobody knows (null: its answer never came). */
  readonly sent?: boolean | null;
  readonly unknown?: { readonly reason: string; readonly message: string };
  readonly readBack?: ReadBack & { readonly refersTo: string };
  readonly completeness?: { readonly outcome: string; readonly orgUnits: number };
}

export interface ChangedValue {
  readonly orgUnit: string;
  readonly dataElement: string;
  readonly categoryOptionCombo?: string;
  readonly sent?: number;
  readonly now?: number;
}

export interface ExportLogView {
  /** What a send would hold now; the send confirms `digest`, so it sends these values or nothing. */
  readonly current: { readonly values: number; readonly total: number; readonly digest?: string };
  readonly records: readonly ExportLogRecord[];
  readonly changesSinceLastSend?: { readonly sentAt: string; readonly sentBy: string; readonly changes: readonly ChangedValue[] };
}

/**
 * Why the server gave no result: `status` 0 when it could not be reached; its own message when it
 * gave one; its `code` (e.g. `send.changed`, `send.busy`) and the values that go with it, for the
 * page to word it.
 */
export class SendError extends Error {
  constructor(
    readonly status: number,
    readonly serverMessage: string | null,
    readonly code: string | null = null,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(serverMessage ?? `HTTP ${status}`);
    this.name = 'SendError';
  }
}

/** The download's selection and every option that changes its values (the file format aside). */
function selectionQuery(request: DhisExportRequest): string {
  const params = new URLSearchParams();
  params.set('filters[dataSet]', request.dataSet);
  params.set('filters[period]', request.period);
  if (request.orgUnit) params.set('filters[orgUnit]', request.orgUnit);
  if (request.omitZeros) params.set('options[omitZeros]', 'true');
  return params.toString();
}

export interface SendChoices {
  readonly confirm?: string;
  readonly completeDataSet?: boolean;
}

function sendBody(request: DhisExportRequest, dryRun: boolean, confirm: string | undefined, completeDataSet: boolean): string {
  return JSON.stringify({
    dryRun,
    ...(confirm ? { confirm } : {}),
    filters: { dataSet: request.dataSet, period: request.period, ...(request.orgUnit ? { orgUnit: request.orgUnit } : {}) },
    options: { omitZeros: request.omitZeros, ...(completeDataSet ? { completeDataSet: true } : {}) },
  });
}

const isRecord = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

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
  // a send whose answer from DHIS2 never came is a result (read back), not an error of the server's
  if (!response.ok && !(isRecord(body) && body['code'] === 'send.unknown')) {
    const { error = null, code = null, ...details } = isRecord(body) ? body : {};
    throw new SendError(response.status, typeof error === 'string' ? error : null, typeof code === 'string' ? code : null, details);
  }
  return body as T;
}

/** The server's DHIS2 sending and export log, with the user's session. */
@Injectable({ providedIn: 'root' })
export class Dhis2SendApi {
  capabilities(): Promise<SendCapabilities> {
    return readJson(() => fetch(DHIS2_SEND_URL, { credentials: 'include', headers: HEADERS }));
  }

  /**
   * `confirm`: the digest of the values the user confirmed; the server sends those or nothing (409).
   * `completeDataSet`: also register the data set as complete for each place sent.
   */
  send(request: DhisExportRequest, dryRun: boolean, { confirm, completeDataSet = false }: SendChoices = {}): Promise<SendResult> {
    return readJson(() =>
      fetch(DHIS2_SEND_URL, {
        method: 'POST',
        credentials: 'include',
        headers: { ...HEADERS, 'Content-Type': 'application/json' },
        body: sendBody(request, dryRun, confirm, completeDataSet),
      }),
    );
  }

  log(request: DhisExportRequest): Promise<ExportLogView> {
    return readJson(() => fetch(`${DHIS2_LOG_URL}?${selectionQuery(request)}`, { credentials: 'include', headers: HEADERS }));
  }
}
