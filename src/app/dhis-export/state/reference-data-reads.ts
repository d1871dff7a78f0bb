import { Action } from '@ngrx/store';
import { Observable, catchError, defer, from, map, merge, of, share, switchMap, throwError } from 'rxjs';
import { ExportSession } from '../data-access/export-session';
import { MedicDb } from '../data-access/medic-db';
import { Messages, OrgUnitPlace } from '../domain/models';
import { useMomentLocale } from '../domain/moment-locales';
import { periodChoicesIn } from '../domain/periods';
import { missingParentIds, orgUnitPlaces } from '../domain/places';
import { reportingCalendarOf } from '../domain/calendars/calendar-setting';
import { canExportDhis, configuredDataSets, monthStartDateOf, settingsLocale } from '../domain/settings';
import { baseLanguage, loadShippedMessages, messagesFromDoc } from '../domain/translate';
import { DhisSettingsData, dhisExportApiActions } from './dhis-export.actions';
import { messageOf, statusOf } from './failure-of';

/**
 * The reads of one load, as actions in the order their answers arrive: the settings (with the
 * user's roles) and the places start together; the translations start as soon as the settings
 * name their locale. A failed read of settings or translations, or an expired session on any
 * read, errors the whole stream, which drops whatever is still pending.
 */
export function referenceDataReads(
  db: MedicDb,
  session: ExportSession,
  now: Date,
  placesFailed: (failure: { status: number; error: string }) => Action = dhisExportApiActions.placesLoadFailed,
  language: string | null = null,
): Observable<Action> {
  const settings$ = defer(() => Promise.all([db.getSettings(), session.roles()])).pipe(
    switchMap(([settings, roles]) => {
      const locale = language ?? settingsLocale(settings);
      // the months are named once moment speaks the language
      const choices = useMomentLocale(locale).then(() => periodChoicesIn(reportingCalendarOf(settings), now, monthStartDateOf(settings)));
      return from(choices).pipe(map((periodChoices) => ({ settings, roles, locale, periodChoices })));
    }),
    map(({ settings, roles, locale, periodChoices }): DhisSettingsData => {
      return {
        locale,
        dataSets: configuredDataSets(settings),
        permitted: canExportDhis(roles, settings.permissions),
        periodChoices,
      };
    }),
    share(),
  );
  const translations$ = settings$.pipe(
    switchMap(({ locale }) => translationsIn(db, locale)),
    map((texts) => dhisExportApiActions.translationsLoaded(texts)),
  );
  const places$ = defer(() => placesWithParents(db)).pipe(
    map((places) => dhisExportApiActions.placesLoaded({ places })),
    catchError((error: unknown) =>
      statusOf(error) === 401
        ? throwError(() => error)
        : of(placesFailed({ status: statusOf(error), error: messageOf(error) })),
    ),
  );
  return merge(settings$.pipe(map((settings) => dhisExportApiActions.settingsLoaded({ settings }))), translations$, places$);
}

/** The mapped places, with their parents' names; without them when the parents cannot be read. */
async function placesWithParents(db: MedicDb): Promise<OrgUnitPlace[]> {
  const docs = await db.getPlacesWithOrgUnits();
  const parents = await db.getDocs(missingParentIds(docs)).catch(() => []);
  return orgUnitPlaces(docs, parents);
}

/** The database's texts in the language, and in English for what it lacks. */
export async function translationsIn(db: MedicDb, locale: string): Promise<{ messages: Messages; englishMessages: Messages; shippedMessages: Messages }> {
  const english = baseLanguage(locale) === 'en';
  const [doc, englishDoc, shippedMessages] = await Promise.all([
    db.getTranslations(locale),
    english ? null : db.getTranslations('en'),
    loadShippedMessages(locale),
  ]);
  return { messages: messagesFromDoc(doc), englishMessages: english ? {} : messagesFromDoc(englishDoc), shippedMessages };
}
