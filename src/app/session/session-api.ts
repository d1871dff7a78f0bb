import { Injectable } from '@angular/core';

/** CouchDB's description of the logged-in user; `name` is null when nobody is. */
export interface UserCtx {
  readonly name: string | null;
  readonly roles: readonly string[];
}

/** The login was refused (401) rather than failed. */
export class LoginRefusedError extends Error {
  constructor() {
    super('Name or password is incorrect.');
    this.name = 'LoginRefusedError';
  }
}

const JSON_HEADERS = { Accept: 'application/json', 'Content-Type': 'application/json' };

/** The CouchDB session of this origin (`/_session`), kept in the AuthSession cookie. */
@Injectable({ providedIn: 'root' })
export class SessionApi {
  async current(): Promise<UserCtx> {
    const response = await fetch('/_session', { credentials: 'include', headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(`GET /_session: HTTP ${response.status}`);
    const body = (await response.json()) as { userCtx?: Partial<UserCtx> };
    return { name: body.userCtx?.name ?? null, roles: body.userCtx?.roles ?? [] };
  }

  async login(name: string, password: string): Promise<UserCtx> {
    const response = await fetch('/_session', {
      method: 'POST',
      credentials: 'include',
      headers: JSON_HEADERS,
      body: JSON.stringify({ name, password }),
    });
    if (response.status === 401) throw new LoginRefusedError();
    if (!response.ok) throw new Error(`POST /_session: HTTP ${response.status}`);
    const body = (await response.json()) as { name?: string | null; roles?: string[] };
    return { name: body.name ?? name, roles: body.roles ?? [] };
  }

  async logout(): Promise<void> {
    const response = await fetch('/_session', { method: 'DELETE', credentials: 'include', headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(`DELETE /_session: HTTP ${response.status}`);
  }
}
