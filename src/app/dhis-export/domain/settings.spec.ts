import { canExportDhis, configuredDataSets, settingsLocale } from './settings';

describe('configuredDataSets', () => {
  it('reads dhis_data_sets, else dhisDataSets, dropping entries without id', () => {
    expect(configuredDataSets({ dhis_data_sets: [{ id: 'a', translation_key: 'k' }, { id: '' }] })).toEqual([
      { id: 'a', translation_key: 'k' },
    ]);
    expect(configuredDataSets({ dhisDataSets: [{ id: 'b' }] })).toEqual([{ id: 'b' }]);
    expect(configuredDataSets({})).toEqual([]);
  });

  it('drops entries of other types and translation keys that are not text', () => {
    const settings = { dhis_data_sets: [null, 5, 'x', { id: 7 }, { id: 'a', translation_key: 12 }, { id: 'b', translation_key: '' }] };
    expect(configuredDataSets(settings as never)).toEqual([{ id: 'a' }, { id: 'b' }]);
  });
});

describe('settingsLocale', () => {
  it('defaults to en', () => {
    expect(settingsLocale({})).toBe('en');
    expect(settingsLocale({ locale: 'fr' })).toBe('fr');
  });
});

describe('canExportDhis', () => {
  const permissions = { can_export_dhis: ['national_admin'], can_export_all: ['program_officer'], can_configure: ['chw'] };

  it('allows roles listed under can_export_dhis or can_export_all', () => {
    expect(canExportDhis(['national_admin'], permissions)).toBeTrue();
    expect(canExportDhis(['chw_supervisor', 'program_officer'], permissions)).toBeTrue();
  });

  it('refuses other roles, and everyone without permissions', () => {
    expect(canExportDhis(['chw'], permissions)).toBeFalse();
    expect(canExportDhis([], permissions)).toBeFalse();
    expect(canExportDhis(['national_admin'], undefined)).toBeFalse();
  });

  it('grants nothing for permissions that are not lists of roles', () => {
    expect(canExportDhis(['n'], { can_export_dhis: 'national' } as never)).toBeFalse();
    expect(canExportDhis(['x'], { can_export_dhis: 5, can_export_all: [null, 'x'] } as never)).toBeTrue();
    expect(canExportDhis(['x'], 'all' as never)).toBeFalse();
  });

  it('always allows server admins', () => {
    expect(canExportDhis(['_admin'], {})).toBeTrue();
  });
});
