import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ADMIN, basic } from './test-server';

const ROOT = path.resolve(__dirname, '../..');

/** The real server as its own process (`node --import tsx server/src/main.ts`), as `npm start` runs it. */
export interface ServerProcess {
  url: string;
  dataDir: string;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
  /** Whether the process has ended. */
  exited(): boolean;
  /** fetch relative to the server, as the server admin unless other headers are given. */
  fetch(pathname: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

export const startServerProcess = async (env: Record<string, string> = {}): Promise<ServerProcess> => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'cht-dhis-process-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_USER: ADMIN.user, ADMIN_PASSWORD: ADMIN.password,
      DEMO_DATA: '0', COUCH_URL: '', ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let exited = false;
  const exit = new Promise<void>(resolve => child.once('exit', () => { exited = true; resolve(); }));
  child.stderr!.on('data', chunk => { stderr += chunk; });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${stderr}`)), 60_000);
    child.stdout!.on('data', chunk => {
      stdout += chunk;
      const match = /running at (http:\/\/\S+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    void exit.then(() => reject(new Error(`the server ended at start: ${stderr}`)));
  });
  const adminAuth = basic(ADMIN.user, ADMIN.password);
  return {
    url,
    dataDir,
    stderr: () => stderr,
    exited: () => exited,
    fetch: (pathname, init = {}) => fetch(`${url}${pathname}`, { ...init, headers: { authorization: adminAuth, ...init.headers } }),
    stop: async () => {
      if (!exited) {
        child.kill('SIGTERM');
        await exit;
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};
