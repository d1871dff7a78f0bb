/**
 * A request the export cannot answer; `status` is always a 4xx and `message` says what to fix.
 * `code`, when given, is stable for pages to word the refusal in the user's language, with `details`
 * as its parameters.
 */
export class ExportError extends Error {
  constructor(readonly status: number, message: string, readonly code?: string, readonly details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ExportError';
  }
}

export const badRequest = (message: string, code?: string, details?: Record<string, unknown>) => new ExportError(400, message, code, details);
