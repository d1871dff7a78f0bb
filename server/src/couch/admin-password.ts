import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface AdminPassword {
  password: string;
  /** Where a generated password is kept; undefined when it came from ADMIN_PASSWORD. */
  file?: string;
}

/** The admin password: ADMIN_PASSWORD, else the one generated on first start, kept readable by the owner only. */
export const adminPasswordFor = async (dataDir: string, given: string | undefined): Promise<AdminPassword> => {
  if (given !== undefined) {
    return { password: given };
  }
  const file = path.join(dataDir, 'admin-password');
  try {
    const kept = (await readFile(file, 'utf8')).trim();
    if (kept !== '') {
      return { password: kept, file };
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw error;
    }
  }
  const password = randomBytes(18).toString('base64url');
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return { password, file };
};
