import { TestBed } from '@angular/core/testing';
import { LoginRefusedError, SessionApi } from './session-api';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('SessionApi', () => {
  let api: SessionApi;
  let fetchSpy: jasmine.Spy<typeof fetch>;

  beforeEach(() => {
    api = TestBed.inject(SessionApi);
    fetchSpy = spyOn(window, 'fetch');
  });

  it('reads the user from GET /_session', async () => {
    fetchSpy.and.resolveTo(json({ ok: true, userCtx: { name: 'pm', roles: ['national_admin'] } }));
    expect(await api.current()).toEqual({ name: 'pm', roles: ['national_admin'] });
    expect(fetchSpy.calls.mostRecent().args[1]?.credentials).toBe('include');
  });

  it('reads a logged-out session as name null', async () => {
    fetchSpy.and.resolveTo(json({ ok: true, userCtx: { name: null, roles: [] } }));
    expect(await api.current()).toEqual({ name: null, roles: [] });
  });

  it('logs in with POST /_session and JSON {name, password}', async () => {
    fetchSpy.and.resolveTo(json({ ok: true, name: 'pm', roles: ['national_admin'] }));
    expect(await api.login('pm', 'secret')).toEqual({ name: 'pm', roles: ['national_admin'] });
    const [url, init] = fetchSpy.calls.mostRecent().args;
    expect(url).toBe('/_session');
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('include');
    expect(JSON.parse(init?.body as string)).toEqual({ name: 'pm', password: 'secret' });
  });

  it('refuses on 401', async () => {
    fetchSpy.and.resolveTo(json({ error: 'unauthorized', reason: 'Name or password is incorrect.' }, 401));
    await expectAsync(api.login('pm', 'bad')).toBeRejectedWithError(LoginRefusedError);
  });

  it('logs out with DELETE /_session', async () => {
    fetchSpy.and.resolveTo(json({ ok: true }));
    await api.logout();
    expect(fetchSpy.calls.mostRecent().args[1]?.method).toBe('DELETE');
  });
});
