import { canExportDhis, configuredDataSets, monthStartDateOf, periodTypeOf, settingsLocale } from './settings';

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
    expect(configuredDataSets({ dhis_data_sets: [{ id: 'q', periodType: 'Quarterly' }, { id: 'w', periodType: 5 }] } as never)).toEqual([
      { id: 'q', periodType: 'Quarterly' },
      { id: 'w', periodType: 5 },
    ]);
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

describe('periodTypeOf', () => {
  it('is Monthly unless the data set says Quarterly or Yearly, and undefined for other types', () => {
    expect(periodTypeOf({ id: 'a' })).toBe('Monthly');
    expect(periodTypeOf({ id: 'a', periodType: '' })).toBe('Monthly');
    expect(periodTypeOf({ id: 'a', periodType: 'Monthly' })).toBe('Monthly');
    expect(periodTypeOf({ id: 'a', periodType: 'Quarterly' })).toBe('Quarterly');
    expect(periodTypeOf({ id: 'a', periodType: 'Yearly' })).toBe('Yearly');
    expect(periodTypeOf({ id: 'a', periodType: 'Weekly' })).toBeUndefined();
    expect(periodTypeOf({ id: 'a', periodType: 'quarterly' })).toBeUndefined();
  });
});

describe('monthStartDateOf', () => {
  it('reads uhc.month_start_date, else uhc.visit_count.month_start_date, 1 unless 1–31', () => {
    expect(monthStartDateOf({})).toBe(1);
    expect(monthStartDateOf({ uhc: { month_start_date: 26 } })).toBe(26);
    expect(monthStartDateOf({ uhc: { visit_count: { month_start_date: 28 } } })).toBe(28);
    expect(monthStartDateOf({ uhc: { month_start_date: '28' } })).toBe(28);
    expect(monthStartDateOf({ uhc: { month_start_date: 32 } })).toBe(1);
    expect(monthStartDateOf({ uhc: { month_start_date: 'x' } })).toBe(1);
  });
});
