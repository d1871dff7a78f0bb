import { Injectable } from '@angular/core';
import { EXPORT_FORMATS, ExportFormat, ExportPreferences } from '../domain/models';

const KEY = 'cht-dhis-export.preferences';

/**
 * The user's file format and zeros choice for the browser session (`sessionStorage`: this tab,
 * until it closes), so that a reload or another visit to the page keeps them.
 */
@Injectable({ providedIn: 'root' })
export class ExportPreferencesStore {
  read(): ExportPreferences | null {
    try {
      const saved: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
      if (!saved || typeof saved !== 'object') return null;
      const { format, omitZeros } = saved as Record<string, unknown>;
      return (EXPORT_FORMATS as readonly unknown[]).includes(format) && typeof omitZeros === 'boolean'
        ? { format: format as ExportFormat, omitZeros }
        : null;
    } catch {
      return null; // storage unavailable or not JSON: the defaults
    }
  }

  save(preferences: ExportPreferences): void {
    try {
      sessionStorage.setItem(KEY, JSON.stringify(preferences));
    } catch {
      // storage unavailable (private mode, quota): remembered in the page's state only
    }
  }
}
