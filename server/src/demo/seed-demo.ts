import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEMO_USERS, demoContacts, demoSettings, demoTargetDocs, demoTranslations, demoUserSettings } from './demo-deployment';

export interface DemoCredentials {
  name: string;
  password: string;
  description: string;
}

/** Writes the demo deployment when the database has no settings yet; true when it did. */
export const seedDemoDocs = async (medic: PouchDB.Database, now = new Date()): Promise<boolean> => {
  try {
    await medic.get('settings');
    return false;
  } catch (error) {
    if ((error as { status?: number }).status !== 404) {
      throw error;
    }
  }
  // Settings go last: their presence is what marks the demo as written.
  const docs = [...demoTranslations(), ...demoContacts(), ...demoUserSettings(), ...demoTargetDocs(now)];
  const results = await medic.bulkDocs(docs);
  const failed = results.filter(result => 'error' in result && result.status !== 409);
  if (failed.length > 0) {
    throw new Error(`Could not write ${failed.length} demo documents`);
  }
  await medic.put(demoSettings());
  return true;
};

/**
 * The demo users, created through the CouchDB protocol as the server admin (so passwords are
 * hashed by the database), with passwords generated once and kept in DATA_DIR for the owner only.
 */
export const ensureDemoUsers = async (
  couchOrigin: string,
  admin: { user: string; password: string },
  dataDir: string,
): Promise<DemoCredentials[]> => {
  const file = path.join(dataDir, 'demo-users.json');
  let kept: Record<string, string> = {};
  try {
    kept = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw error;
    }
  }
  const authorization = `Basic ${Buffer.from(`${admin.user}:${admin.password}`).toString('base64')}`;
  const credentials: DemoCredentials[] = [];
  for (const user of DEMO_USERS) {
    const url = `${couchOrigin}/_users/${encodeURIComponent(`org.couchdb.user:${user.name}`)}`;
    const existing = await fetch(url, { headers: { authorization } });
    if (existing.ok && kept[user.name]) {
      credentials.push({ name: user.name, password: kept[user.name], description: user.description });
      continue;
    }
    const current = existing.ok ? await existing.json() as { _rev: string } : undefined;
    if (!existing.ok) {
      await existing.body?.cancel();
    }
    const password = randomBytes(9).toString('base64url');
    const response = await fetch(url, {
      method: 'PUT',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({
        ...(current ? { _rev: current._rev } : {}),
        _id: `org.couchdb.user:${user.name}`, name: user.name, type: 'user', roles: user.roles, password,
        ...(user.contactId ? { contact_id: user.contactId } : {}),
      }),
    });
    if (!response.ok) {
      throw new Error(`Could not create the demo user "${user.name}": ${response.status} ${await response.text()}`);
    }
    kept[user.name] = password;
    credentials.push({ name: user.name, password, description: user.description });
  }
  await writeFile(file, `${JSON.stringify(kept, null, 2)}\n`, { mode: 0o600 });
  return credentials;
};
