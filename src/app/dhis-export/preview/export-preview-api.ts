import { Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { DhisExportError, dhisExportUrl, serverMessage } from '../data-access/dhis-export-api';
import { DhisExportRequest } from '../domain/models';
import { askOnceIndexed } from '../data-access/ask-once-indexed';
import { PreviewEvent } from './preview-models';

export const NDJSON = 'application/x-ndjson';

/** The preview's URL: the export's, with the same filters and options. */
export function previewUrl(request: DhisExportRequest): string {
  return dhisExportUrl(request).replace('/api/v2/export/dhis?', '/api/v2/export/dhis/preview?');
}

/**
 * Asks the server for a preview and reads its NDJSON stream: progress events, then the preview;
 * before them, while the database builds an index the preview needs, how far it is.
 * Unsubscribing aborts the request, and the server stops reading.
 */
@Injectable({ providedIn: 'root' })
export class ExportPreviewApi {
  /** Waits before asking again while the database builds an index; replaced in tests. */
  sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

  preview(request: DhisExportRequest): Observable<PreviewEvent> {
    return new Observable<PreviewEvent>((subscriber) => {
      const controller = new AbortController();
      const read = async () => {
        const ask = () =>
          fetch(previewUrl(request), {
            credentials: 'include',
            headers: { Accept: NDJSON, 'X-Requested-With': 'XMLHttpRequest' },
            signal: controller.signal,
          });
        let response: Response;
        try {
          // while the database builds an index the preview needs, each 503 says how far it is
          response = await askOnceIndexed(ask, this.sleep, (indexBuilding) => subscriber.next({ indexBuilding }));
        } catch {
          if (controller.signal.aborted) return;
          throw new DhisExportError(0, null);
        }
        if (!response.ok || !response.body) throw new DhisExportError(response.status, await serverMessage(response));
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffered = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffered += value;
          const lines = buffered.split('\n');
          buffered = lines.pop() ?? '';
          for (const line of lines) {
            if (line.trim()) handleLine(line);
          }
        }
        if (buffered.trim()) handleLine(buffered);
        subscriber.error(new DhisExportError(response.status, null));
      };
      const handleLine = (line: string) => {
        const event = JSON.parse(line) as PreviewEvent | { error: { code: number; message: string } };
        if ('error' in event) throw new DhisExportError(event.error.code, event.error.message);
        subscriber.next(event);
        if ('preview' in event) subscriber.complete();
      };
      read().catch((error: unknown) => {
        if (controller.signal.aborted || subscriber.closed) return;
        subscriber.error(error instanceof DhisExportError ? error : new DhisExportError(0, null));
      });
      return () => controller.abort();
    });
  }
}
