import { Injectable } from '@angular/core';
import { ExportSelection } from '../domain/models';
import { readSessionValue, writeSessionValue } from './session-memory';

const KEY = 'cht-dhis-export.selection';

/**
 * The data set, place and period last chosen, for the browser session: after a session expiry
 * and the login, or a reload, the page comes back with the manager's choices.
 */
@Injectable({ providedIn: 'root' })
export class ExportSelectionStore {
  read(): ExportSelection | null {
    return readSessionValue(KEY, ({ dataSet, orgUnit, period }) =>
      typeof dataSet === 'string' && typeof orgUnit === 'string' && typeof period === 'string' ? { dataSet, orgUnit, period } : null,
    );
  }

  save(selection: ExportSelection): void {
    writeSessionValue(KEY, selection);
  }
}
