import { Injectable } from '@angular/core';
import { ExportSelection } from '../domain/models';

const KEY = 'cht-dhis-export.selection';

/**
 * The data set, place and period last chosen, for the browser session: after a session expiry
 * and the login, or a reload, the page comes back with the manager's choices.
 */
@Injectable({ providedIn: 'root' })
export class ExportSelectionStore {
  read(): ExportSelection | null {
    try {
      const saved: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
      if (!saved || typeof saved !== 'object') return null;
      const { dataSet, orgUnit, period } = saved as Record<string, unknown>;
      return typeof dataSet === 'string' && typeof orgUnit === 'string' && typeof period === 'string' ? { dataSet, orgUnit, period } : null;
    } catch {
      return null;
    }
  }

  save(selection: ExportSelection): void {
    try {
      sessionStorage.setItem(KEY, JSON.stringify(selection));
    } catch {
      // storage unavailable: the choices last as long as the page
    }
  }
}
