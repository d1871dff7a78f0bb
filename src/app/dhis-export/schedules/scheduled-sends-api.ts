import { Injectable } from '@angular/core';

export const SCHEDULES_URL = '/api/v2/export/dhis/schedules';

/** What a manager sets for an unattended send. */
export interface ScheduleSettings {
  readonly dataSet: string;
  readonly orgUnit?: string;
  readonly dayOfMonth: number;
  readonly time: string;
  readonly timeZone: string;
  readonly enabled: boolean;
  readonly dryRunFirst: boolean;
  readonly minCoverage: number;
  readonly sendAnywayAfterDays: number;
  readonly completeDataSet: boolean;
  readonly resendChanges: number;
}

export interface LastRun {
  readonly period: string;
  readonly at: string;
  /** sent, stopped, refused, gave-up; failed or unknown while retrying. */
  readonly state: string;
  readonly attempt: number;
  readonly message?: string;
  readonly nextAttemptAt?: string;
  readonly forced?: boolean;
}

export interface Schedule extends ScheduleSettings {
  readonly id: string;
  readonly nextRun: string | null;
  readonly lastRun?: LastRun;
  readonly waiting?: { readonly period: string; readonly coverage: number; readonly minCoverage: number; readonly sendAnywayAt: string };
}

/** A schedule that needs a manager's eyes; the page words `code` with `params`. */
export interface Attention {
  readonly scheduleId: string;
  readonly dataSet: string;
  readonly orgUnit?: string;
  readonly code: string;
  readonly params: Readonly<Record<string, string | number>>;
}

export interface SchedulesView {
  readonly sendingConfigured: boolean;
  readonly serverTimeZone: string;
  readonly schedules: readonly Schedule[];
  readonly attention: readonly Attention[];
}

/** The server's refusal: `status` 0 when it could not be reached; `reason` and `params` to word it. */
export class ScheduleError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string | null,
    readonly params: Readonly<Record<string, unknown>>,
    readonly serverMessage: string | null,
  ) {
    super(serverMessage ?? `HTTP ${status}`);
    this.name = 'ScheduleError';
  }
}

const HEADERS = { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' };

async function call<T>(url: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'include', ...init, headers: { ...HEADERS, ...init.headers } });
  } catch {
    throw new ScheduleError(0, null, {}, null);
  }
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (!response.ok) {
    const text = (name: string) => (typeof body?.[name] === 'string' ? (body[name] as string) : null);
    const params = body?.['params'] && typeof body['params'] === 'object' ? (body['params'] as Record<string, unknown>) : {};
    throw new ScheduleError(response.status, text('reason'), params, text('error'));
  }
  return body as T;
}

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

/** Scheduled sends on the server, with the user's session. */
@Injectable({ providedIn: 'root' })
export class ScheduledSendsApi {
  list(): Promise<SchedulesView> {
    return call(SCHEDULES_URL);
  }

  create(settings: ScheduleSettings): Promise<Schedule> {
    return call(SCHEDULES_URL, json('POST', settings));
  }

  /** `orgUnit: null` takes the place filter away: every mapped place. */
  update(id: string, settings: Partial<Omit<ScheduleSettings, 'orgUnit'>> & { orgUnit?: string | null }): Promise<Schedule> {
    return call(`${SCHEDULES_URL}/${encodeURIComponent(id)}`, json('PUT', settings));
  }

  remove(id: string): Promise<{ id: string; deleted: boolean }> {
    return call(`${SCHEDULES_URL}/${encodeURIComponent(id)}`, { method: 'DELETE' });
  }

  /** Whether this user may change schedules (they need `can_send_dhis`). */
  async maySend(): Promise<boolean> {
    return (await call<{ maySend?: boolean }>('/api/v2/export/dhis/send')).maySend === true;
  }
}
