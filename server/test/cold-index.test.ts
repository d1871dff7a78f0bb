import assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ADMIN, startTestServer, type TestServer } from './test-server';
import { DS, LAST_MONTH, exportPath, places, settingsDoc, targetDoc } from './small-deployment';

/**
 * COUCH_URL on a CouchDB whose org-unit index is not built yet: a proxy in front of the stand-in
 * holds every read of that view until released, as CouchDB does while it builds the index, and
 * answers `_active_tasks` with the build's progress, as CouchDB shows it to a server admin.
 */
describe('COUCH_URL while CouchDB builds the org-unit index', () => {
  let couchdb: TestServer;
  let server: TestServer;
  let proxy: Server;
  let building = true;
  const held: Array<() => void> = [];

  before(async () => {
    couchdb = await startTestServer();
    await couchdb.putDocs([settingsDoc(), ...places, targetDoc(LAST_MONTH, 'chw1', 3)]);
    const target = new URL(couchdb.url);
    proxy = createServer((req, res) => {
      if (req.url === '/_active_tasks') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(building ? [{ type: 'indexer', database: 'medic', design_document: '_design/medic-admin', progress: 42 }] : []));
        return;
      }
      const forward = () => req.pipe(request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, answer => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      }));
      if (building && req.url?.includes('/_view/contacts_by_dhis_orgunit')) {
        held.push(forward);
      } else {
        forward();
      }
    });
    await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve));
    const couchUrl = new URL(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}/medic`);
    couchUrl.username = ADMIN.user;
    couchUrl.password = ADMIN.password;
    server = await startTestServer({ couchUrl, adminPassword: undefined });
  });
  after(async () => {
    held.splice(0).forEach(forward => forward());
    await server?.stop();
    proxy?.closeAllConnections();
    await new Promise(resolve => proxy?.close(resolve));
    await couchdb?.stop();
  });

  const monthExport = exportPath({ 'filters[dataSet]': DS, 'filters[period]': LAST_MONTH.format('YYYYMM') });

  it('answers 503 with Retry-After and the build\'s progress, never a 500, then exports once the index is built', async () => {
    const waiting = await server.fetch(monthExport);
    assert.equal(waiting.status, 503);
    assert.equal(waiting.headers.get('retry-after'), '10');
    const body = await waiting.json();
    assert.equal(body.reason, 'index-building');
    assert.equal(body.progress, 42);
    assert.match(body.error, /_design\/medic-admin \(42 %\)/);

    const preview = await server.fetch(monthExport.replace('/dhis?', '/dhis/preview?'), { headers: { accept: 'application/x-ndjson' } });
    assert.equal(preview.status, 503, 'the preview too');

    building = false;
    held.splice(0).forEach(forward => forward());
    const done = await server.fetch(monthExport);
    assert.equal(done.status, 200);
    const file = await done.json();
    assert.equal(file.dataValues.find((row: { orgUnit: string }) => row.orgUnit === 'ouNorth0001').value, '3');
  });
});
