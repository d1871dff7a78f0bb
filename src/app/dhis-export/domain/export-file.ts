import { DhisExportRequest, ExportFormat } from './models';

/** The extension the server gives each format's file. */
export const FORMAT_EXTENSIONS: Readonly<Record<ExportFormat, string>> = { json: 'json', csv: 'csv', xml: 'xml', adx: 'adx.xml', sheet: 'csv' };

/** What the page asks the server for with each format. */
export const FORMAT_MEDIA_TYPES: Readonly<Record<ExportFormat, string>> = {
  json: 'application/json',
  csv: 'text/csv',
  xml: 'application/xml',
  adx: 'application/adx+xml',
  sheet: 'text/csv',
};

/**
 * The file name of a `Content-Disposition` header (`attachment; filename="dhis-x-202401.json"`),
 * preferring RFC 5987 `filename*=UTF-8''...`. Only a base name is returned: path parts are cut off.
 */
export function filenameFromContentDisposition(header: string | null | undefined): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended) {
    try {
      return baseName(decodeURIComponent(extended[2].trim().replace(/^"|"$/g, '')));
    } catch {
      // malformed percent-encoding: fall back to the plain parameter
    }
  }
  const quoted = /filename\s*=\s*"((?:\\.|[^"\\])*)"/i.exec(header);
  if (quoted) return baseName(quoted[1].replace(/\\(.)/g, '$1'));
  const token = /filename\s*=\s*([^;\s]+)/i.exec(header);
  return token ? baseName(token[1]) : null;
}

/** The name the server gives, for when a response has no usable header: `dhis-<dataSet>-<period>[-<orgUnit>].<extension>`. */
export function defaultExportFilename(request: DhisExportRequest): string {
  const part = (id: string) => id.replace(/[^A-Za-z0-9_.-]/g, '_');
  const place = request.orgUnit ? `-${part(request.orgUnit)}` : '';
  return `dhis-${part(request.dataSet)}-${request.period}${place}.${FORMAT_EXTENSIONS[request.format]}`;
}

function baseName(name: string): string | null {
  const base = name.split(/[\\/]/).pop()?.trim() ?? '';
  return base || null;
}
