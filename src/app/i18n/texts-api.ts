import { Injectable } from '@angular/core';

/** What `GET /api/v2/texts` answers: the login page's and frame's texts, open to everyone. */
export interface PublicTexts {
  readonly locale: string;
  readonly defaultLocale: string;
  /** Null when the deployment sets no `locale`: the browser's language may decide (older servers leave it out). */
  readonly deploymentLocale?: string | null;
  readonly languages: readonly string[];
  readonly messages: Readonly<Record<string, string>>;
}

@Injectable({ providedIn: 'root' })
export class TextsApi {
  async publicTexts(locale: string | null): Promise<PublicTexts> {
    const query = locale ? `?locale=${encodeURIComponent(locale)}` : '';
    const response = await fetch(`/api/v2/texts${query}`, { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(`GET /api/v2/texts: HTTP ${response.status}`);
    return (await response.json()) as PublicTexts;
  }

  /** The `language` of the user's user-settings doc in the CHT database; null when it has none or cannot be read. */
  async userLanguage(name: string): Promise<string | null> {
    const response = await fetch(`/medic/${encodeURIComponent(`org.couchdb.user:${name}`)}`, {
      credentials: 'include',
      headers: { Accept: 'application/json' },
    });
    if (!response.ok) return null;
    const doc = (await response.json()) as { language?: unknown };
    return typeof doc.language === 'string' && doc.language.trim() ? doc.language.trim() : null;
  }
}
