import { defaultExportFilename, filenameFromContentDisposition } from './export-file';

describe('filenameFromContentDisposition', () => {
  it('reads a quoted filename', () => {
    expect(filenameFromContentDisposition('attachment; filename="dhis-VMuFODsyWaO-202405.json"')).toBe(
      'dhis-VMuFODsyWaO-202405.json',
    );
  });

  it('reads an unquoted filename and ignores other parameters', () => {
    expect(filenameFromContentDisposition('attachment; filename=dhis-a-202401.json; size=12')).toBe('dhis-a-202401.json');
  });

  it('prefers filename* (RFC 5987)', () => {
    expect(
      filenameFromContentDisposition(`attachment; filename="fallback.json"; filename*=UTF-8''dhis-%C3%A9-202401.json`),
    ).toBe('dhis-é-202401.json');
  });

  it('keeps only the base name', () => {
    expect(filenameFromContentDisposition('attachment; filename="../../etc/passwd"')).toBe('passwd');
  });

  it('is null without a header or filename', () => {
    expect(filenameFromContentDisposition(null)).toBeNull();
    expect(filenameFromContentDisposition('attachment')).toBeNull();
  });
});

describe('defaultExportFilename', () => {
  it('is dhis-<dataSet>-<period>.<extension>, the period and format chosen', () => {
    expect(defaultExportFilename({ dataSet: 'abc', orgUnit: '', period: '202401', format: 'json', omitZeros: false })).toBe('dhis-abc-202401.json');
    expect(defaultExportFilename({ dataSet: 'abc', orgUnit: 'x', period: '202312', format: 'json', omitZeros: false })).toBe('dhis-abc-202312-x.json');
    expect(defaultExportFilename({ dataSet: 'abc', orgUnit: '', period: '2024Q1', format: 'csv', omitZeros: true })).toBe('dhis-abc-2024Q1.csv');
    expect(defaultExportFilename({ dataSet: 'abc', orgUnit: '', period: '2024', format: 'adx', omitZeros: false })).toBe('dhis-abc-2024.adx.xml');
  });
});
