// Runs every test: the app's unit tests (Karma), the server's tests, then the end-to-end suite
// (Playwright) against a production build. All need Chromium; Debian's package is used.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const { findChromium } = createRequire(import.meta.url)('./chromium.cjs');

const ensureChromium = () => {
  let chromium = findChromium();
  if (!chromium && process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log('Chromium is missing: installing Debian\'s package (apt-get install chromium)…');
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    chromium = findChromium();
  }
  if (!chromium) {
    console.error('The tests need Chromium. On Debian or Ubuntu: sudo apt-get install chromium; elsewhere install Chromium or Chrome and set CHROME_BIN to its path.');
    process.exit(1);
  }
  return chromium;
};

const CHROME_BIN = ensureChromium();
const env = { ...process.env, CHROME_BIN };
const steps = [
  ['app unit tests (Karma + Jasmine)', 'npx', ['ng', 'test', '--watch=false', '--no-progress']],
  ['server type check', 'npm', ['run', '-s', 'typecheck']],
  ['server tests (node:test)', 'npm', ['run', '-s', 'test:server']],
  ['production build', 'npx', ['ng', 'build']],
  ['first-load JavaScript budget', 'node', ['scripts/bundle-size.mjs']],
  ['end-to-end tests (Playwright)', 'npx', ['playwright', 'test']],
];

const results = [];
for (const [name, command, args] of steps) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { stdio: 'inherit', env });
  results.push({ name, ok: status === 0, seconds: Math.round((Date.now() - started) / 1000) });
  if (status !== 0 && name === 'production build') {
    results.push({ name: 'end-to-end tests (Playwright): skipped, the build failed', ok: false, seconds: 0 });
    break;
  }
}

console.log('\n=== summary ===');
for (const { name, ok, seconds } of results) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name} (${seconds} s)`);
}
const failed = results.filter(result => !result.ok).length;
console.log(`suites: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
