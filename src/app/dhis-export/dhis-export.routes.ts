import { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import { DhisExportPage } from './dhis-export-page';
import { dhis2CompareEffects } from './compare/dhis2-compare.effects';
import { dhis2CompareFeature } from './compare/dhis2-compare.feature';
import { heldDownloadEffects } from './held-download/held-download.effects';
import { heldDownloadFeature } from './held-download/held-download.feature';
import { dhis2SendEffects } from './send/state/dhis2-send.effects';
import { dhis2SendFeature } from './send/state/dhis2-send.feature';
import { dhisExportEffects } from './state/dhis-export.effects';
import { dhisExportFeature } from './state/dhis-export.feature';
import { exportPreviewEffects } from './preview/export-preview.effects';
import { exportPreviewFeature } from './preview/export-preview.feature';

/**
 * The DHIS2 export page with its own state and data access. A host mounts it with one line:
 * `{ path: 'dhis', loadChildren: () => import('./dhis-export/dhis-export.routes').then((m) => m.dhisExportRoutes) }`
 * and may provide `EXPORT_SESSION` to share its login (the default reads `/_session`, sends to `/login`).
 */
export const dhisExportRoutes: Routes = [
  {
    path: '',
    title: 'DHIS2 – Import & export data',
    providers: [
      provideState(dhisExportFeature),
      provideState(exportPreviewFeature),
      provideState(dhis2SendFeature),
      provideState(dhis2CompareFeature),
      provideState(heldDownloadFeature),
      provideEffects(dhisExportEffects, exportPreviewEffects, dhis2SendEffects, dhis2CompareEffects, heldDownloadEffects),
    ],
    component: DhisExportPage,
  },
];
