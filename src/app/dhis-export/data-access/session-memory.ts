/**
 * A value kept for the browser session (`sessionStorage`: this tab, until it closes), read back
 * through `parse`, which answers null for anything it does not recognise. Storage may be refused
 * (private mode, quota): the value then lasts as long as the page.
 */
export function readSessionValue<T>(key: string, parse: (saved: Record<string, unknown>) => T | null): T | null {
  try {
    const saved: unknown = JSON.parse(sessionStorage.getItem(key) ?? 'null');
    return saved && typeof saved === 'object' ? parse(saved as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function writeSessionValue(key: string, value: unknown): void {
  try {
    sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage refused: remembered by the page only
  }
}
