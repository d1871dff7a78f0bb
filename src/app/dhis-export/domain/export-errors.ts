import { Translate } from './translate';

/** Why an export produced no file: the HTTP status (0: the server could not be reached) and the server's own message. */
export interface ExportFailure {
  readonly status: number;
  readonly error: string | null;
  /** The page itself refused (e.g. a period type it does not know): its message is already in the manager's words. */
  readonly refusedByPage?: boolean;
}

/** What the manager can do about a failure, offered as a button (or, for a permission, as advice). */
export type FailureAction = 'retry-export' | 'reload-settings' | 'retry-load' | null;

/** A failure in the manager's words, with a way out and the technical detail kept apart. */
export interface FailureView {
  readonly message: string;
  readonly action: FailureAction;
  readonly detail: string | null;
}

/**
 * Every answer the page can meet, mapped to plain words and what to do: the server's message is
 * written for whoever configures the CHT, so it is the detail, not the message.
 */
export function exportFailureView(failure: ExportFailure, t: Translate): FailureView {
  const { status, error } = failure;
  if (failure.refusedByPage) return { message: error ?? t('export.dhis.error.request'), action: null, detail: null };
  if (status === 0) return { message: t('export.dhis.error.network'), action: 'retry-export', detail: null };
  if (status === 403) return { message: t('export.dhis.error.forbidden'), action: null, detail: error };
  // the one 409 of an export: the deployment's months and the DHIS2's calendar differ
  if (status === 409) return { message: t('export.dhis.error.calendar'), action: null, detail: error };
  if (status === 400 || status === 404) {
    return { message: t('export.dhis.error.request'), action: 'reload-settings', detail: error };
  }
  if (status === 503) return { message: t('export.dhis.error.indexBuilding'), action: 'retry-export', detail: error };
  return { message: t('export.dhis.error.server', { status }), action: 'retry-export', detail: error };
}

/** The settings, translations or places could not be read. */
export function loadFailureView(detail: string | null, t: Translate): FailureView {
  return { message: t('export.dhis.error.load'), action: 'retry-load', detail };
}
