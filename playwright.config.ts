import { defineConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ADMIN } from './e2e/support/environment';
import { CHROMIUM_FLAGS, findChromium } from './scripts/chromium.cjs';

const APP_INDEX = path.join(__dirname, 'dist/app/browser/index.html');
if (!existsSync(APP_INDEX)) {
  throw new Error(`The app is not built: ${APP_INDEX} is missing. Run "npx ng build" (or "npm run build") before "npx playwright test".`);
}

// No test tool may download a browser: use the system's Chromium.
const CHROMIUM = findChromium();
if (!CHROMIUM) {
  throw new Error(`Chromium not found (CHROME_BIN, /usr/bin/chromium). Install it (Debian: "apt-get install -y chromium") or set CHROME_BIN to its path.`);
}

/** A port nobody listens on now: the OS picks it, a throwaway process reports it. */
const freePort = (): string =>
  execFileSync(process.execPath, [
    '-e',
    "const s = require('node:net').createServer(); s.listen(0, '127.0.0.1', () => { process.stdout.write(String(s.address().port)); s.close(); });",
  ], { encoding: 'utf8' }).trim();

// The config is evaluated again in every worker: choose the port and data directory once,
// in the runner, and hand them down through the environment.
if (!process.env['E2E_PORT']) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cht-dhis-e2e-'));
  process.env['E2E_PORT'] = freePort();
  process.env['E2E_DATA_DIR'] = dataDir;
  process.env['E2E_BASE_URL'] = `http://127.0.0.1:${process.env['E2E_PORT']}`;
  // the runner exits after the web server is stopped
  process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
}
const baseURL = process.env['E2E_BASE_URL']!;

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env['CI'],
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: 'list',
  outputDir: 'test-results',
  use: {
    baseURL,
    headless: true,
    acceptDownloads: true,
    launchOptions: {
      executablePath: CHROMIUM,
      args: CHROMIUM_FLAGS,
    },
    // tracing costs about a tenth of the run: on in CI, where a failure cannot be rerun by hand
    trace: process.env['CI'] ? 'retain-on-failure' : 'off',
  },
  webServer: {
    command: 'node --import tsx server/src/main.ts',
    url: `${baseURL}/_session`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    env: {
      PORT: process.env['E2E_PORT']!,
      HOST: '127.0.0.1',
      DATA_DIR: process.env['E2E_DATA_DIR']!,
      ADMIN_USER: ADMIN.user,
      ADMIN_PASSWORD: ADMIN.password,
      DEMO_DATA: '0',
      // always the embedded database, whatever the shell says
      COUCH_URL: '',
    },
  },
});
