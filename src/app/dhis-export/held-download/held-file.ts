import { Injectable } from '@angular/core';
import { DhisExportFile } from '../data-access/dhis-export-api';
import { DhisExportRequest } from '../domain/models';

export interface Held {
  readonly file: DhisExportFile;
  readonly request: DhisExportRequest;
}

/** The file made and held until the manager chooses: kept out of the store, as a Blob is no state. */
@Injectable({ providedIn: 'root' })
export class HeldFile {
  private held: Held | null = null;

  keep(file: DhisExportFile, request: DhisExportRequest): void {
    this.held = { file, request };
  }

  take(): Held | null {
    const held = this.held;
    this.held = null;
    return held;
  }
}
