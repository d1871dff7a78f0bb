import { Translate } from '../domain/translate';

/** A failed dry run or send in words a manager can act on; the server's own text kept apart as the detail. */
export interface SendFailureView {
  readonly message: string;
  /** Trying again can help (DHIS2 down, slow, or failing on its side). */
  readonly retry: boolean;
  readonly detail: string | null;
}

export function sendFailureView(status: number, error: string | null, t: Translate): SendFailureView {
  const view = (key: string, retry: boolean): SendFailureView => ({ message: t(key, { status }), retry, detail: error });
  if (status === 0) return view('export.dhis.error.network', true);
  if (status === 403) return view('export.dhis.send.error.forbidden', false);
  if (status === 409) return view('export.dhis.send.error.conflict', false);
  if (status === 400 || status === 404) return view('export.dhis.send.error.request', false);
  if (status === 504) return view('export.dhis.send.error.timeout', true);
  if (status === 502 || status === 503) return view('export.dhis.send.error.dhis2', true);
  return view('export.dhis.send.error.server', true);
}
