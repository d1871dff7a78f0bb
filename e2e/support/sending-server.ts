import { baselineSettings, places, putDocs, putUser, targetDocs, translationDocs, USERS } from './deployment';
import { startZonedServer, type ZonedServer } from './zoned-server';

/**
 * A server of its own that sends to the DHIS2 at `dhis2Url` with `token`: the baseline deployment,
 * its target docs, and the manager, who may send (`can_send_dhis`).
 */
export const startSendingServer = async (dhis2Url: string, token: string, zone = Intl.DateTimeFormat().resolvedOptions().timeZone): Promise<ZonedServer> => {
  const server = await startZonedServer(zone, { DHIS2_URL: dhis2Url, DHIS2_TOKEN: token, DHIS2_TIMEOUT_MS: '5000' });
  const settings = baselineSettings();
  settings.permissions = { ...settings.permissions, can_send_dhis: ['program_manager'] };
  await putDocs([{ _id: 'settings', settings } as { _id: string }, ...translationDocs(), ...places, ...targetDocs()], server.url);
  await putUser(USERS.manager, server.url);
  return server;
};
