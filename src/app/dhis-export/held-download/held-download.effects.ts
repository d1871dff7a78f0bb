import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { filter, map } from 'rxjs';
import { FileSave } from '../data-access/file-save';
import { dhisExportApiActions } from '../state/dhis-export.actions';
import { heldDownloadActions } from './held-download.actions';
import { HeldFile } from './held-file';

/** "Download anyway": the held file is saved as any other. */
export const saveHeldDownload = createEffect(
  (actions$ = inject(Actions), held = inject(HeldFile), files = inject(FileSave)) =>
    actions$.pipe(
      ofType(heldDownloadActions.confirmed),
      map(() => held.take()),
      filter((file) => file !== null),
      map(({ file, request }) => {
        files.save(file.blob, file.filename);
        return dhisExportApiActions.exportSaved({ saved: { filename: file.filename, request, counts: file.counts } });
      }),
    ),
  { functional: true },
);

/** "Do not download": the held file is let go. */
export const dropHeldDownload = createEffect(
  (actions$ = inject(Actions), held = inject(HeldFile)) =>
    actions$.pipe(
      ofType(heldDownloadActions.dropped),
      map(() => void held.take()),
    ),
  { functional: true, dispatch: false },
);

export const heldDownloadEffects = { saveHeldDownload, dropHeldDownload };
