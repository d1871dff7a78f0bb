import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { startCouchUnderTest, type CouchUnderTest } from './couch-under-test';
import { DS, LAST_MONTH, lastMonthExport, places, settingsDoc, targetDoc } from './small-deployment';
import { basic, startTestServer, type TestServer } from './test-server';

/**
 * COUCH_URL on a 3-node Apache CouchDB cluster started by scripts/couchdb-cluster/start.sh, whose
 * data directory TEST_COUCH_CLUSTER names (see docs/couchdb.md). COUCH_URL names node 1. One node
 * is stopped and started again while the same server goes on exporting.
 */
const CLUSTER = process.env['TEST_COUCH_CLUSTER'];
const SCRIPTS = path.resolve(__dirname, '../../scripts/couchdb-cluster');
const run = promisify(execFile);

const clusterOf = (dir: string) => {
  const env = Object.fromEntries(readFileSync(path.join(dir, 'cluster.env'), 'utf8').split('\n')
    .flatMap(line => (line.includes('=') ? [[line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]] : [])));
  const url = new URL(`http://127.0.0.1:${env['BASE_PORT']}`);
  url.username = env['ADMIN_USER']!;
  url.password = env['ADMIN_PASSWORD']!;
  return { url, release: readFileSync(path.join(dir, 'release'), 'utf8').trim() };
};

/** An answer and how long it took; a hang fails the test instead of holding it. */
const timed = async (request: () => Promise<Response>) => {
  const started = Date.now();
  const response = await request();
  const body = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', retryAfter: response.headers.get('retry-after'), body, ms: Date.now() - started };
};

describe('COUCH_URL on a 3-node CouchDB cluster while a node stops and starts again', { skip: CLUSTER ? false : 'needs TEST_COUCH_CLUSTER (the data directory of scripts/couchdb-cluster/start.sh)' }, () => {
  const cluster = CLUSTER ? clusterOf(CLUSTER) : undefined;
  let couchdb: CouchUnderTest;
  let server: TestServer;
  let exporter: string;
  const stopNode = (node: number) => run(path.join(SCRIPTS, 'stop.sh'), [CLUSTER!, String(node)]);
  const startNodes = () => run(path.join(SCRIPTS, 'start.sh'), [cluster!.release, CLUSTER!], { timeout: 120_000 });
  const exportNow = () => timed(() => fetch(`${server.url}${lastMonthExport()}`, {
    headers: { authorization: basic(exporter, 'exporter-password') }, signal: AbortSignal.timeout(60_000),
  }));
  const districtValue = (body: string) =>
    (JSON.parse(body) as { dataValues: { orgUnit: string; dataElement: string; value: string }[] }).dataValues
      .filter(row => row.orgUnit === 'ouDistrict1').map(row => row.value).sort().join(',');

  before(async () => {
    await startNodes();
    couchdb = await startCouchUnderTest(cluster!.url);
    exporter = couchdb.userName('exporter');
    await couchdb.putDocs([settingsDoc(), ...places, targetDoc(LAST_MONTH, 'chw1', 3), targetDoc(LAST_MONTH, 'chw2', 4)]);
    await couchdb.createUser(exporter, 'exporter-password', ['dhis_exporter']);
    server = await startTestServer({ couchUrl: couchdb.medicUrl(), adminPassword: undefined });
  });
  after(async () => {
    await startNodes().catch(() => undefined);
    await server?.stop();
    await couchdb?.stop();
  });

  it('exports right with every node up', async () => {
    const answer = await exportNow();
    assert.equal(answer.status, 200, answer.body);
    assert.match(districtValue(answer.body), /\b7\b/);
  });

  it('goes on exporting, writes included, while another node than COUCH_URL\'s is stopped, and after it is back', async () => {
    await stopNode(3);
    try {
      const answer = await exportNow();
      assert.equal(answer.status, 200, answer.body);
      await couchdb.putDocs([{ ...targetDoc(LAST_MONTH, 'chw1', 5), _id: `target~${LAST_MONTH.format('YYYY-MM')}~chw1~org.couchdb.user:chw1-b` }]);
      const after = await exportNow();
      assert.equal(after.status, 200, after.body);
      assert.match(districtValue(after.body), /\b12\b/, 'a write made while the node is down is in the next export');
    } finally {
      await startNodes();
    }
    const back = await exportNow();
    assert.equal(back.status, 200, back.body);
    assert.match(districtValue(back.body), /\b12\b/);
  });

  it('answers a JSON 503 while COUCH_URL\'s own node is stopped, never a 500 or a hang, and exports again once it is back', async () => {
    await stopNode(1);
    try {
      for (let attempt = 0; attempt < 2; attempt++) {
        const answer = await exportNow();
        assert.equal(answer.status, 503, answer.body);
        assert.match(answer.type, /application\/json/);
        const body = JSON.parse(answer.body) as { code: unknown; error: unknown };
        assert.equal(body.code, 'database.unavailable');
        assert.equal(typeof body.error, 'string');
        assert.equal(answer.retryAfter, '10');
        assert.ok(answer.ms < 30_000, `answered in ${answer.ms} ms`);
      }
    } finally {
      await startNodes();
    }
    const back = await exportNow();
    assert.equal(back.status, 200, back.body);
    assert.match(districtValue(back.body), /\b12\b/, 'the same server, not restarted, exports right again');
  });
});
