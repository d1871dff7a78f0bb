/** The file formats the export writes, as `options[format]` and `--format` name them. */
export const FORMAT_NAMES = ['json', 'csv', 'xml', 'adx'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

export const isFormatName = (value: unknown): value is FormatName =>
  typeof value === 'string' && (FORMAT_NAMES as readonly string[]).includes(value);
