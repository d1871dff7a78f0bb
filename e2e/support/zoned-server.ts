import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ADMIN } from './environment';

/** A server of its own, in a time zone of its own: the suite's shared server runs in the machine's. */
export interface ZonedServer {
  readonly url: string;
  readonly timeZone: string;
  stop(): Promise<void>;
}

const REPO_ROOT = path.join(__dirname, '../..');
const START_TIMEOUT_MS = 60_000;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** The real server (`node --import tsx server/src/main.ts`) with `TZ`, a fresh DATA_DIR and no demo data. */
export const startZonedServer = async (timeZone: string, extraEnv: Record<string, string> = {}): Promise<ZonedServer> => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'cht-dhis-e2e-tz-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      TZ: timeZone,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ADMIN_USER: ADMIN.user,
      ADMIN_PASSWORD: ADMIN.password,
      DEMO_DATA: '0',
      COUCH_URL: '',
      ...extraEnv,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let running = true;
  void exited.then(() => (running = false));

  const stop = async () => {
    if (running) {
      child.kill('SIGTERM');
      const killed = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killed);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (!running) {
      await stop();
      throw new Error(`The server (TZ=${timeZone}) exited before it answered:\n${stderr}`);
    }
    const answered = await fetch(`${url}/_session`).then((response) => response.ok, () => false);
    if (answered) return { url, timeZone, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The server (TZ=${timeZone}) did not answer ${url}/_session within ${START_TIMEOUT_MS} ms:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};
