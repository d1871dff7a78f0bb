import { basic } from './test-server';

/**
 * What couch-surface.test.ts sends: every CouchDB endpoint and method of the embedded database,
 * with the status each kind of caller must get, and the patient data no health worker may see.
 */
export const SECRET = 'PATIENT-SECRET-Wanjiku';
export const REPORT_SECRET = 'REPORT-SECRET-fever';

export type Caller = 'anonymous' | 'chw' | 'manager' | 'admin';
export const CALLERS: Caller[] = ['anonymous', 'chw', 'manager', 'admin'];
export const CREDENTIALS: Record<Caller, string | undefined> = {
  anonymous: undefined,
  chw: basic('chw', 'chw-password'),
  manager: basic('manager', 'manager-password'),
  admin: undefined, // ServerProcess.fetch adds the admin's
};

export interface Probe {
  method: string;
  path: string;
  body?: string;
  contentType?: string;
  /** Expected status for anonymous, chw, manager, admin. */
  expect: [number, number, number, number];
}

export const json = JSON.stringify;
const deep = (levels: number) => `{"_id":"deep","x":${'['.repeat(levels)}${']'.repeat(levels)}}`;
const R = [401, 403, 200, 200] as [number, number, number, number]; // reads for managers
const W = (admin: number): [number, number, number, number] => [401, 403, 403, admin]; // admins only
export const VIEW = '/medic/_design/medic-admin/_view/contacts_by_dhis_orgunit';

export const PROBES: Probe[] = [
  // the page's own reads: every logged-in user, so the page can say what they lack, in their language
  { method: 'GET', path: '/medic/settings', expect: [401, 200, 200, 200] },
  { method: 'GET', path: '/medic/messages-fr', expect: [401, 200, 200, 200] },
  { method: 'HEAD', path: '/medic/settings', expect: [401, 200, 200, 200] },
  { method: 'GET', path: '/medic/org.couchdb.user:chw', expect: [401, 200, 200, 200] },
  { method: 'GET', path: '/medic/org.couchdb.user:manager', expect: [401, 403, 200, 200] },
  // reads: managers and admins
  { method: 'GET', path: '/medic', expect: R },
  { method: 'GET', path: '/medic/patient-1', expect: R },
  { method: 'GET', path: '/medic/patient-1?revs_info=true', expect: R },
  { method: 'GET', path: '/medic/patient-1?open_revs=all', expect: R },
  { method: 'GET', path: '/medic/patient-1?open_revs=nonsense', expect: [401, 403, 400, 400] },
  { method: 'GET', path: '/medic/patient-1?revs_info=maybe', expect: [401, 403, 400, 400] },
  { method: 'GET', path: '/medic/report-1/photo.txt', expect: R },
  { method: 'GET', path: '/medic/_all_docs?include_docs=true', expect: R },
  { method: 'GET', path: '/medic/_all_docs?limit=1&limit=2', expect: [401, 403, 400, 400] },
  { method: 'GET', path: '/medic/_all_docs?keys=5', expect: [401, 403, 400, 400] },
  { method: 'GET', path: '/medic/_all_docs?limit=-1', expect: [401, 403, 400, 400] },
  { method: 'POST', path: '/medic/_all_docs', body: json({ keys: ['patient-1'] }), expect: R },
  { method: 'POST', path: '/medic/_all_docs', body: json({ keys: 'patient-1' }), expect: [401, 403, 400, 400] },
  { method: 'POST', path: '/medic/_all_docs', body: '[1,2]', expect: [401, 403, 400, 400] },
  { method: 'GET', path: '/medic/_changes?include_docs=true', expect: R },
  { method: 'GET', path: '/medic/_changes?feed=longpoll&since=0&limit=2', expect: R },
  { method: 'GET', path: '/medic/_changes?feed=longpoll&since=now&timeout=300', expect: R },
  { method: 'GET', path: '/medic/_changes?feed=continuous&since=now&timeout=300&heartbeat=100', expect: R },
  { method: 'GET', path: '/medic/_changes?feed=eventsource', expect: [401, 403, 400, 400] },
  { method: 'GET', path: '/medic/_changes?since=%22not-a-seq%22', expect: [401, 403, 400, 400] },
  { method: 'POST', path: '/medic/_changes', body: json({ doc_ids: ['patient-1'] }), expect: R },
  { method: 'POST', path: '/medic/_changes?filter=_doc_ids', body: json({ doc_ids: 'patient-1' }), expect: [401, 403, 400, 400] },
  { method: 'POST', path: '/medic/_bulk_get', body: json({ docs: [{ id: 'patient-1' }] }), expect: R },
  { method: 'POST', path: '/medic/_bulk_get', body: json({ docs: 'patient-1' }), expect: [401, 403, 400, 400] },
  { method: 'POST', path: '/medic/_find', body: json({ selector: { type: 'person' } }), expect: R },
  { method: 'POST', path: '/medic/_find', body: json({ selector: 5 }), expect: [401, 403, 400, 400] },
  { method: 'POST', path: '/medic/_explain', body: json({ selector: { type: 'person' } }), expect: R },
  { method: 'GET', path: '/medic/_index', expect: R },
  { method: 'POST', path: '/medic/_revs_diff', body: json({ 'patient-1': ['1-abc'] }), expect: R },
  { method: 'POST', path: '/medic/_revs_diff', body: json({ 'patient-1': '1-abc' }), expect: [401, 403, 400, 400] },
  { method: 'GET', path: VIEW, expect: R },
  { method: 'GET', path: `${VIEW}?startkey=%22a%22`, expect: R },
  { method: 'GET', path: `${VIEW}?keys=%22x%22`, expect: [401, 403, 400, 400] },
  { method: 'POST', path: VIEW, body: json({ keys: ['ouNorth'] }), expect: R },
  { method: 'POST', path: VIEW, body: json({ keys: 'ouNorth' }), expect: [401, 403, 400, 400] },
  { method: 'GET', path: '/medic/_design/medic-admin', expect: R },
  { method: 'GET', path: '/medic/_design/medic-admin/_info', expect: R },
  { method: 'GET', path: '/medic/_security', expect: R },
  { method: 'GET', path: '/medic/_local/nothing', expect: [401, 403, 404, 404] },
  { method: 'GET', path: '/medic/nothing-here', expect: [401, 403, 404, 404] },
  // writes and maintenance: server admins only
  { method: 'POST', path: '/medic', body: json({ _id: 'posted', type: 'person', name: 'x' }), expect: W(201) },
  { method: 'POST', path: '/medic', body: '{"_id": "broken', expect: W(400) },
  { method: 'POST', path: '/medic', body: '[1]', expect: W(400) },
  { method: 'POST', path: '/medic', body: '', expect: W(400) },
  { method: 'POST', path: '/medic', body: json({ _id: 5 }), expect: W(400) },
  { method: 'PUT', path: '/medic/new-doc', body: json({ type: 'person', name: 'y' }), expect: W(201) },
  { method: 'PUT', path: '/medic/new-doc-2', body: 'null', expect: W(400) },
  // as Apache CouchDB: a document is JSON (a form on another site can send text/plain, never JSON)
  { method: 'PUT', path: '/medic/new-doc-3', body: json({ a: 1 }), contentType: 'text/plain', expect: W(415) },
  { method: 'PUT', path: '/medic/deep', body: deep(5000), expect: W(400) },
  { method: 'PUT', path: '/medic/settings', body: json({ settings: {} }), expect: W(409) },
  { method: 'DELETE', path: '/medic/settings', expect: W(409) },
  { method: 'DELETE', path: '/medic/settings?rev=1-abc', expect: W(404) },
  { method: 'POST', path: '/medic/patient-1', body: json({ a: 1 }), expect: W(405) },
  { method: 'COPY', path: '/medic/patient-1', expect: W(400) },
  { method: 'PUT', path: '/medic/report-1/other.txt', body: 'hello', contentType: 'text/plain', expect: W(409) },
  { method: 'DELETE', path: '/medic/report-1/photo.txt', expect: W(409) },
  { method: 'PUT', path: '/medic/patient-1', body: '--x\r\nContent-Type: application/json\r\n\r\n{bad\r\n--x--', contentType: 'multipart/related; boundary=x', expect: [415, 415, 415, 415] },
  { method: 'POST', path: '/medic/_bulk_docs', body: json({ docs: [{ _id: 'bulk-1' }] }), expect: W(201) },
  { method: 'POST', path: '/medic/_bulk_docs', body: json({ docs: 'x' }), expect: W(400) },
  { method: 'POST', path: '/medic/_bulk_docs', body: json({ docs: [5] }), expect: W(400) },
  { method: 'POST', path: '/medic/_bulk_docs', body: json({ docs: [{ _id: 'deep-bulk', x: JSON.parse(deep(200)) }] }), expect: W(400) },
  { method: 'POST', path: '/medic/_compact', expect: W(202) },
  { method: 'POST', path: '/medic/_view_cleanup', expect: W(200) },
  { method: 'POST', path: '/medic/_purge', body: json({ 'patient-1': ['1-abc'] }), expect: W(404) },
  { method: 'POST', path: '/medic/_index', body: json({ index: { fields: ['type'] } }), expect: W(200) },
  { method: 'POST', path: '/medic/_index', body: json({ index: 'type' }), expect: W(400) },
  { method: 'POST', path: '/medic/_temp_view', body: json({ map: 'function (doc) { emit(doc._id); }' }), expect: W(200) },
  { method: 'PUT', path: '/medic/_security', body: json({ admins: { names: [], roles: [] }, members: { names: [], roles: [] } }), expect: W(200) },
  { method: 'PUT', path: '/medic/_design/extra', body: json({ views: { all: { map: 'function (doc) { emit(doc._id); }' } } }), expect: W(201) },
  { method: 'GET', path: '/medic/_design/medic-admin/_show/nothing', expect: W(404) },
  { method: 'POST', path: '/medic/_design/medic-admin/_update/nothing', body: '{}', expect: W(404) },
  { method: 'DELETE', path: '/medic', expect: [401, 403, 403, 405] },
  { method: 'PUT', path: '/medic', expect: [401, 403, 403, 405] },
  // _users
  { method: 'GET', path: '/_users/org.couchdb.user:chw', expect: [401, 200, 403, 200] },
  { method: 'GET', path: '/_users/org.couchdb.user%3Achw', expect: [401, 200, 403, 200] },
  { method: 'GET', path: '/_users/_all_docs', expect: W(200) },
  { method: 'GET', path: '/_users', expect: W(200) },
  { method: 'GET', path: '/_users/_changes', expect: W(200) },
  { method: 'PUT', path: '/_users/org.couchdb.user:intruder', body: json({ name: 'intruder', type: 'user', roles: ['chw'], password: 'intruder-password' }), expect: W(201) },
  { method: 'PUT', path: '/_users/org.couchdb.user:chw', body: json({ name: 'chw', type: 'user', roles: ['_admin'], password: 'x' }), expect: [401, 403, 403, 403] },
  { method: 'DELETE', path: '/_users/org.couchdb.user:spare', expect: W(409) },
  { method: 'POST', path: '/_users/_bulk_docs', body: json({ docs: [{ _id: 'org.couchdb.user:bulk', name: 'bulk', type: 'user', roles: [], password: 'bulk-password' }] }), expect: W(201) },
  { method: 'DELETE', path: '/_users', expect: [401, 403, 403, 405] },
  // _session
  { method: 'GET', path: '/_session', expect: [200, 200, 200, 200] },
  { method: 'POST', path: '/_session', body: '{"name": ', expect: [400, 400, 400, 400] },
  { method: 'POST', path: '/_session', body: json({ name: 5, password: ['x'] }), expect: [401, 401, 401, 401] },
  { method: 'PUT', path: '/_session', body: '{}', expect: [405, 405, 405, 405] },
  // server-wide endpoints and other databases
  { method: 'GET', path: '/_all_dbs', expect: W(200) },
  { method: 'GET', path: '/_config', expect: W(200) },
  { method: 'GET', path: '/_config/couchdb/max_document_size', expect: W(200) },
  { method: 'PUT', path: '/_config/admins/mallory', body: '"mallory-password"', expect: W(405) },
  { method: 'DELETE', path: '/_config/admins/admin', expect: W(405) },
  { method: 'GET', path: '/_uuids', expect: W(200) },
  { method: 'GET', path: '/_active_tasks', expect: W(200) },
  { method: 'POST', path: '/_replicate', body: json({ source: 'medic', target: 'http://example.org/x' }), expect: W(404) },
  { method: 'GET', path: '/_utils', expect: W(404) },
  { method: 'GET', path: '/_stats', expect: W(404) },
  { method: 'GET', path: '/_up', expect: W(404) },
  { method: 'GET', path: '/_node/_local/_config', expect: W(404) },
  { method: 'GET', path: '/_replicator', expect: W(404) },
  { method: 'GET', path: '/%5Fall_dbs', expect: W(404) },
  { method: 'GET', path: '/medic%2F_all_docs', expect: W(404) },
  { method: 'PUT', path: '/otherdb', expect: W(404) },
  { method: 'GET', path: '/otherdb/_all_docs', expect: W(404) },
];
