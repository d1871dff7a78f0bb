import { Store } from '@ngrx/store';
import { of } from 'rxjs';
import { ExportSession } from '../data-access/export-session';
import { MedicDb } from '../data-access/medic-db';
import { DhisExportRequest } from '../domain/models';
import { LoadStatus } from './dhis-export.feature';

/** Fakes for the state's effect specs (a spec file, as they use jasmine): a French deployment's database, session and store. */
export const request: DhisExportRequest = { dataSet: 'ds1', orgUnit: 'ou-1', period: '202405', format: 'json', omitZeros: false };
export const now = new Date(2024, 5, 15);

export function fakeDb(overrides: Partial<Record<keyof MedicDb, jasmine.Spy>> = {}): MedicDb {
  return {
    getSettings: jasmine.createSpy('getSettings').and.resolveTo({
      locale: 'fr',
      dhis_data_sets: [{ id: 'ds1', translation_key: 'ds.one' }],
      permissions: { can_export_dhis: ['national_admin'] },
    }),
    getTranslations: jasmine
      .createSpy('getTranslations')
      .and.resolveTo({ _id: 'messages-fr', generic: { a: 'generic', b: 'generic' }, custom: { b: 'custom' } }),
    getPlacesWithOrgUnits: jasmine
      .createSpy('getPlacesWithOrgUnits')
      .and.resolveTo([{ _id: 'p', name: 'Place', dhis: { orgUnit: 'ou-1' }, parent: { _id: 'district' } }]),
    getDocs: jasmine.createSpy('getDocs').and.resolveTo([{ _id: 'district', name: 'District' }]),
    ...overrides,
  } as unknown as MedicDb;
}

export function fakeSession(roles: string[] = ['national_admin']): jasmine.SpyObj<ExportSession> {
  const session = jasmine.createSpyObj<ExportSession>('session', ['roles', 'expired']);
  session.roles.and.resolveTo(roles);
  return session;
}

export const storeWith = (status: LoadStatus) => ({ select: () => of(status) }) as unknown as Store;

/** A promise the test settles when it wants, to order the answers of the fake database. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

export const settled = () => new Promise((resolve) => setTimeout(resolve));
/** Waits until `done` holds (the month names load between the reads), at most a second. */
export async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}
