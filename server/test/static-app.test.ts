import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from './test-server';

describe('the web app', () => {
  let appDir: string;
  let server: TestServer;
  before(async () => {
    appDir = await mkdtemp(path.join(tmpdir(), 'cht-dhis-app-'));
    await writeFile(path.join(appDir, 'index.html'), '<!doctype html><html lang="en"><title>CHT</title><app-root></app-root></html>');
    await writeFile(path.join(appDir, 'main-AB12CD34.js'), `console.log(${JSON.stringify('x'.repeat(5000))});`);
    await writeFile(path.join(appDir, 'favicon.ico'), 'icon');
    server = await startTestServer({}, { appDir });
  });
  after(async () => {
    await server.stop();
    await rm(appDir, { recursive: true, force: true });
  });

  it('answers the root and deep links with index.html, revalidated', async () => {
    for (const pathname of ['/', '/admin/export/dhis', '/login?returnUrl=%2Fadmin']) {
      const response = await fetch(`${server.url}${pathname}`);
      assert.equal(response.status, 200, pathname);
      assert.equal(response.headers.get('cache-control'), 'no-cache');
      assert.match(await response.text(), /<app-root>/);
    }
  });

  it('sends hashed files compressed and cached for a year', async () => {
    for (const encoding of ['br', 'gzip']) {
      const response = await fetch(`${server.url}/main-AB12CD34.js`, { headers: { 'accept-encoding': `${encoding}, deflate` } });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.equal(response.headers.get('content-encoding'), encoding);
      assert.equal(response.headers.get('content-type'), 'text/javascript; charset=utf-8');
      assert.match(await response.text(), /^console\.log\("x{5000}"\);$/, 'fetch decodes it back to the file');
    }
    const plain = await fetch(`${server.url}/main-AB12CD34.js`, { headers: { 'accept-encoding': 'identity' } });
    assert.equal(plain.headers.get('content-encoding'), null);
    assert.equal(plain.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    const response = await fetch(`${server.url}/main-AB12CD34.js`);
    assert.equal(response.headers.get('x-powered-by'), null);
    const favicon = await fetch(`${server.url}/favicon.ico`);
    assert.equal(favicon.headers.get('cache-control'), 'no-cache');
  });

  it('answers a missing file with 404, not the app', async () => {
    const response = await fetch(`${server.url}/chunk-MISSING1.js`);
    assert.equal(response.status, 404);
  });

  it('says how to build the app when it is not built', async () => {
    const unbuilt = await startTestServer({}, { appDir: path.join(appDir, 'nowhere') });
    try {
      const response = await fetch(`${unbuilt.url}/`);
      assert.equal(response.status, 503);
      assert.match(await response.text(), /npm run build/);
    } finally {
      await unbuilt.stop();
    }
  });
});
