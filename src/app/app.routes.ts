import { Routes } from '@angular/router';
import { authGuard, guestGuard } from './session/auth-guard';
import { Login } from './session/login';
import { HOME_URL } from './session/state/session.effects';
import { ExportArea } from './shell/export-area';
import { Shell } from './shell/shell';

export const routes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: HOME_URL },
  { path: 'login', title: 'Login – CHT Admin Console', canActivate: [guestGuard], component: Login },
  {
    path: 'admin',
    canActivate: [authGuard],
    component: Shell,
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'export' },
      {
        path: 'export',
        component: ExportArea,
        children: [
          { path: '', pathMatch: 'full', redirectTo: 'dhis' },
          { path: 'dhis', loadChildren: () => import('./dhis-export/dhis-export.routes').then((m) => m.dhisExportRoutes) },
        ],
      },
    ],
  },
  { path: '**', redirectTo: HOME_URL },
];
