/**
 * What the config and the specs share about the server under test. The config sets these
 * variables once, in the runner process; workers inherit them, so all agree on one server.
 */
export const ADMIN = { user: 'admin', password: 'e2e-admin-password' } as const;

export const baseUrl = (): string => {
  const url = process.env['E2E_BASE_URL'];
  if (!url) throw new Error('E2E_BASE_URL is not set: run the suite with `npx playwright test`, which starts the server.');
  return url;
};
