import { DOCUMENT, Injectable, inject } from '@angular/core';

/** Saves a Blob as a file download named `filename`, as a browser's `<a download>` does. */
@Injectable({ providedIn: 'root' })
export class FileSave {
  private readonly document = inject(DOCUMENT);

  save(blob: Blob, filename: string): void {
    const url = URL.createObjectURL(blob);
    const link = this.document.createElement('a');
    link.href = url;
    link.download = filename;
    link.hidden = true;
    this.document.body.append(link);
    try {
      link.click();
    } finally {
      link.remove();
      // revoking at once may cancel the download in some browsers
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    }
  }
}
