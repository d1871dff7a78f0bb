/** The status and words of a failed read, whatever threw it (PouchDB's errors carry `reason`). */
export function statusOf(error: unknown): number {
  const status = error && typeof error === 'object' ? (error as { status?: unknown }).status : undefined;
  return typeof status === 'number' ? status : 0;
}

export function messageOf(error: unknown): string {
  if (error && typeof error === 'object') {
    const { message, reason } = error as { message?: unknown; reason?: unknown };
    if (typeof reason === 'string' && reason) return reason;
    if (typeof message === 'string' && message) return message;
  }
  return String(error);
}
