import { safeReturnUrl } from './return-url';

describe('safeReturnUrl', () => {
  it('keeps paths of this app', () => {
    expect(safeReturnUrl('/admin/export/dhis')).toBe('/admin/export/dhis');
    expect(safeReturnUrl('/admin/export/dhis?a=1#b')).toBe('/admin/export/dhis?a=1#b');
  });

  it('refuses other sites, schemes and the login page itself', () => {
    for (const url of ['//evil.example/x', 'https://evil.example', 'javascript:alert(1)', '/\\evil.example', '/login?returnUrl=/x', '', null]) {
      expect(safeReturnUrl(url, '/home')).withContext(String(url)).toBe('/home');
    }
  });
});
