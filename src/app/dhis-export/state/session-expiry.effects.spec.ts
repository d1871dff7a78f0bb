import { Router } from '@angular/router';
import { Actions } from '@ngrx/effects';
import { firstValueFrom, of, toArray } from 'rxjs';
import { dhisExportApiActions } from './dhis-export.actions';
import { returnToLoginWhenSessionExpired } from './session-expiry.effects';
import { fakeSession } from './reference-data-fakes.spec';

describe('returnToLoginWhenSessionExpired effect', () => {
  it('asks the host to log in again and come back to the page on 401', async () => {
    const session = fakeSession();
    const router = { url: '/admin/export/dhis' } as Router;
    const actions$ = of(
      dhisExportApiActions.exportFailed({ status: 403, error: 'forbidden' }),
      dhisExportApiActions.exportFailed({ status: 401, error: null }),
    ) as Actions;
    await firstValueFrom(returnToLoginWhenSessionExpired(actions$, session, router).pipe(toArray()));
    expect(session.expired).toHaveBeenCalledOnceWith('/admin/export/dhis');
  });
});
