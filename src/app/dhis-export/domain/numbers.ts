/**
 * Writes numbers as the language does ("10 000" in French). A CHT language code Intl does not know
 * ("en_GB" is read as en-GB; a custom code such as "my-lang!" as the browser's default) never throws.
 */
export function numberFormat(locale: string): (value: number) => string {
  try {
    return new Intl.NumberFormat(locale.replace(/_/g, '-')).format;
  } catch {
    return new Intl.NumberFormat().format;
  }
}
