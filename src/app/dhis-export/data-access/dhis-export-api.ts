import { Injectable } from '@angular/core';
import { FORMAT_MEDIA_TYPES, defaultExportFilename, filenameFromContentDisposition } from '../domain/export-file';
import { DhisExportRequest, ExportCounts } from '../domain/models';
import { IndexBuilding } from '../domain/index-building';
import { askOnceIndexed } from './ask-once-indexed';

export const DHIS_EXPORT_URL = '/api/v2/export/dhis';

/** A produced export, not yet saved. */
export interface DhisExportFile {
  readonly blob: Blob;
  readonly filename: string;
  readonly counts: ExportCounts | null;
}

/** The server's count of what the file holds (`X-Data-Values`, `X-Org-Units`, `X-Zero-Values`), or null. */
export function countsFromHeaders(headers: Headers): ExportCounts | null {
  const count = (name: string) => {
    const value = headers.get(name);
    return value !== null && /^\d+$/.test(value) ? Number(value) : null;
  };
  const values = count('X-Data-Values');
  const orgUnits = count('X-Org-Units');
  const zeros = count('X-Zero-Values');
  return values === null || orgUnits === null || zeros === null ? null : { values, orgUnits, zeros };
}

/**
 * Why an export produced no file. `status` 0: the server could not be reached.
 * `message` is the server's own (`error` of its JSON body) when it gave one, else null.
 */
export class DhisExportError extends Error {
  constructor(
    readonly status: number,
    readonly serverMessage: string | null,
  ) {
    super(serverMessage ?? `DHIS2 export failed with HTTP ${status}`);
    this.name = 'DhisExportError';
  }
}

export function dhisExportUrl(request: DhisExportRequest): string {
  const params = new URLSearchParams();
  params.set('filters[dataSet]', request.dataSet);
  // the month itself, not an instant: no difference of time zone with the server can shift it
  params.set('filters[period]', request.period);
  if (request.orgUnit) params.set('filters[orgUnit]', request.orgUnit);
  // the defaults are left out, so that a JSON export asks what it always asked
  if (request.format === 'sheet') {
    params.set('options[format]', 'csv');
    params.set('options[humanReadable]', 'true');
  } else if (request.format !== 'json') params.set('options[format]', request.format);
  if (request.omitZeros) params.set('options[omitZeros]', 'true');
  return `${DHIS_EXPORT_URL}?${params}`;
}

/** Asks the server for a DHIS2 dataValueSet file with the user's session. */
@Injectable({ providedIn: 'root' })
export class DhisExportApi {
  /** Waits before asking again; replaced in tests. */
  sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

  /**
   * The file, once made. While the database builds an index the export needs, the server answers
   * 503 with Retry-After: the page asks again as told, telling `building` how far the build is.
   * Aborting `signal` stops asking.
   */
  async export(request: DhisExportRequest, building?: (building: IndexBuilding) => void, signal?: AbortSignal): Promise<DhisExportFile> {
    const ask = () =>
      fetch(dhisExportUrl(request), {
        credentials: 'include',
        // without it, the server's 401 would carry a Basic challenge and the browser its login dialog
        // errors come as JSON whatever the format
        headers: { Accept: acceptFor(request), 'X-Requested-With': 'XMLHttpRequest' },
        signal,
      });
    let response: Response;
    try {
      response = await askOnceIndexed(ask, this.sleep, building);
    } catch {
      throw new DhisExportError(0, null);
    }
    if (!response.ok) throw new DhisExportError(response.status, await serverMessage(response));
    const blob = await response.blob();
    const named = filenameFromContentDisposition(response.headers.get('Content-Disposition')) ?? defaultExportFilename(request);
    // the spreadsheet's file must not pass for the import file beside it
    const filename = request.format === 'sheet' ? named.replace(/\.csv$/, '-names.csv') : named;
    return { blob, filename, counts: countsFromHeaders(response.headers) };
  }
}

function acceptFor({ format }: DhisExportRequest): string {
  return format === 'json' ? FORMAT_MEDIA_TYPES.json : `${FORMAT_MEDIA_TYPES[format]}, application/json`;
}

export async function serverMessage(response: Response): Promise<string | null> {
  try {
    const body: unknown = await response.json();
    if (body && typeof body === 'object') {
      const { error, reason, message } = body as Record<string, unknown>;
      const text = [error, reason, message].find((value) => typeof value === 'string' && value.trim());
      return typeof text === 'string' ? text : null;
    }
  } catch {
    // not JSON: no message of the server's own
  }
  return null;
}
