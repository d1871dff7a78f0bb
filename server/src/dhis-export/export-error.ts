/** A request the export cannot answer; `status` is always a 4xx and `message` says what to fix. */
export class ExportError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'ExportError';
  }
}

export const badRequest = (message: string) => new ExportError(400, message);
