export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export const consoleLog: Log = {
  info: message => console.log(message),
  warn: message => console.warn(`warning: ${message}`),
  error: (message, error) => console.error(`error: ${message}`, error ?? ''),
};

export const silentLog: Log = { info: () => undefined, warn: () => undefined, error: () => undefined };
