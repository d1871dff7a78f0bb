import { Injectable } from '@angular/core';
import { EXPORT_FORMATS, ExportFormat, ExportPreferences } from '../domain/models';
import { readSessionValue, writeSessionValue } from './session-memory';

const KEY = 'cht-dhis-export.preferences';

/**
 * The user's file format and zeros choice for the browser session, so that a reload or another
 * visit to the page keeps them.
 */
@Injectable({ providedIn: 'root' })
export class ExportPreferencesStore {
  read(): ExportPreferences | null {
    return readSessionValue(KEY, ({ format, omitZeros }) =>
      (EXPORT_FORMATS as readonly unknown[]).includes(format) && typeof omitZeros === 'boolean'
        ? { format: format as ExportFormat, omitZeros }
        : null,
    );
  }

  save(preferences: ExportPreferences): void {
    writeSessionValue(KEY, preferences);
  }
}
