/**
 * Runs `body` with this process's local time zone set to `zone` (Node applies a change of `TZ` at
 * once), then puts the previous one back.
 */
export const inTimeZone = async <T>(zone: string, body: () => T | Promise<T>): Promise<T> => {
  const previous = process.env['TZ'];
  process.env['TZ'] = zone;
  try {
    return await body();
  } finally {
    if (previous === undefined) {
      delete process.env['TZ'];
    } else {
      process.env['TZ'] = previous;
    }
  }
};

/** Far east and far west of UTC, a zone with a quarter-hour offset, and UTC. */
export const TIME_ZONES = ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kathmandu', 'UTC'] as const;
