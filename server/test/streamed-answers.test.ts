import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from './test-server';

/** More docs than a page of the stream, so every answer below spans pages. */
const DOCS = 1234;
const idOf = (i: number) => `doc-${String(i).padStart(5, '0')}`;

describe('large answers of the embedded database, streamed', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
    await server.putDocs(Array.from({ length: DOCS }, (_, i) => ({ _id: idOf(i), type: 'data_record', n: i })));
    await server.couch.medic.remove(await server.couch.medic.get(idOf(600)));
  });
  after(() => server.stop());

  const read = async (query: string, init?: RequestInit, streamed = true) => {
    const response = await server.fetch(`/medic/_all_docs${query}`, init);
    assert.equal(response.status, 200, query);
    // written as read: no length known ahead (express-pouchdb sends one, having built the whole answer)
    assert.equal(response.headers.get('transfer-encoding') === 'chunked', streamed, `${query} streamed: ${streamed}`);
    return response.json() as Promise<{ total_rows: number; offset: number; rows: Array<{ id: string; key: string; value: { rev: string }; doc?: { n: number } }> }>;
  };

  for (const [query, options] of [
    ['?include_docs=true', { include_docs: true }],
    ['?startkey="doc-00100"&endkey="doc-01100"&include_docs=true', { startkey: 'doc-00100', endkey: 'doc-01100', include_docs: true }],
    ['?startkey="doc-01100"&endkey="doc-00100"&descending=true&limit=700&skip=3', { startkey: 'doc-01100', endkey: 'doc-00100', descending: true, limit: 700, skip: 3 }],
    ['?start_key="doc-00002"&end_key="doc-00900"&inclusive_end=false&limit=501', { startkey: 'doc-00002', endkey: 'doc-00900', inclusive_end: false, limit: 501 }],
    ['?key="doc-00007"&include_docs=true', { key: 'doc-00007', include_docs: true }],
    ['?limit=0', { limit: 0 }],
  ] as const) {
    it(`answers ${query} with the rows PouchDB gives, across pages`, async () => {
      const expected = await server.couch.medic.allDocs(options as PouchDB.Core.AllDocsWithinRangeOptions);
      const answer = await read(query);
      assert.equal(answer.rows.length, expected.rows.length);
      assert.deepEqual(answer.rows, JSON.parse(JSON.stringify(expected.rows)));
      assert.equal(answer.total_rows, expected.total_rows);
    });
  }

  it('answers keys (GET and POST) a page at a time, a deleted or missing doc as CouchDB does', async () => {
    const keys = [...Array.from({ length: 1100 }, (_, i) => idOf(DOCS - 1 - i)), 'missing'];
    const expected = JSON.parse(JSON.stringify((await server.couch.medic.allDocs({ keys, include_docs: true })).rows));
    const posted = await read('?include_docs=true', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ keys }) });
    assert.deepEqual(posted.rows, expected);
    assert.deepEqual(posted.rows.at(-1), { key: 'missing', error: 'not_found' });
    const got = await read(`?keys=${encodeURIComponent(JSON.stringify(keys.slice(0, 3)))}`);
    assert.deepEqual(got.rows.map(row => row.id), keys.slice(0, 3));
  });

  it('leaves parameters it does not stream to the database, and refuses malformed ones with 400', async () => {
    const withSeq = await read('?limit=1&update_seq=true', undefined, false);
    assert.equal(withSeq.rows.length, 1);
    assert.equal((await server.fetch('/medic/_all_docs?limit=-1')).status, 400);
  });
});

describe('the embedded database\'s normal _changes feed, streamed', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
    await server.putDocs(Array.from({ length: 1203 }, (_, i) => ({ _id: idOf(i), type: 'data_record', n: i })));
  });
  after(() => server.stop());

  for (const [query, options] of [
    ['?include_docs=true', { include_docs: true }],
    ['?since=700&limit=600&style=all_docs', { since: 700, limit: 600, style: 'all_docs' }],
    ['?feed=normal&since=1200', { since: 1200 }],
  ] as const) {
    it(`answers ${query} with the changes PouchDB gives, across pages`, async () => {
      const expected = await server.couch.medic.changes(options as PouchDB.Core.ChangesOptions);
      const response = await server.fetch(`/medic/_changes${query}`);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('transfer-encoding'), 'chunked');
      const answer = await response.json();
      assert.deepEqual(answer.results, JSON.parse(JSON.stringify(expected.results)));
      assert.deepEqual(answer.last_seq, expected.last_seq);
    });
  }

  it('leaves filtered feeds to the database', async () => {
    const response = await server.fetch(`/medic/_changes?doc_ids=${encodeURIComponent(JSON.stringify([idOf(3)]))}&filter=_doc_ids`);
    assert.equal(response.status, 200);
    assert.deepEqual((await response.json()).results.map((change: { id: string }) => change.id), [idOf(3)]);
  });
});
