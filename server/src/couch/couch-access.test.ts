import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { callerOf, globalAccess, isMember, medicAccess, pathSegments, usersAccess } from './couch-access';
import { ownerOfPath } from '../http/path-owner';
import { jsonDepth, MAX_JSON_DEPTH } from '../export/json-depth';

const settings = { permissions: { can_export_dhis: ['program_officer'], can_export_all: ['national'], can_configure: ['config'], can_view: ['chw'] } };
const allowed = (access: { allowed: unknown }) => access.allowed === true;

describe('who a caller is to the embedded database', () => {
  it('reads the roles that may export or configure from the settings', () => {
    assert.equal(callerOf(undefined, settings), 'anonymous');
    assert.equal(callerOf({ name: 'a', roles: ['_admin'] }, {}), 'admin');
    for (const role of ['program_officer', 'national', 'config']) {
      assert.equal(callerOf({ name: 'm', roles: ['x', role] }, settings), 'reader', role);
    }
    assert.equal(callerOf({ name: 'c', roles: ['chw'] }, settings), 'member');
    assert.equal(callerOf({ name: 'c', roles: ['program_officer'] }, { permissions: { can_export_dhis: 'program_officer' } }), 'member');
  });
});

describe('access to /medic', () => {
  it('gives readers reads only, whatever the path looks like', () => {
    for (const [method, path] of [['GET', ''], ['GET', 'doc'], ['HEAD', 'doc/att.png'], ['GET', '_all_docs'], ['POST', '_all_docs'],
      ['POST', '_changes'], ['POST', '_bulk_get'], ['POST', '_find'], ['GET', '_design/medic-admin/_view/contacts_by_dhis_orgunit'],
      ['POST', '_design/x/_view/y'], ['GET', '_design/x'], ['GET', '_local/checkpoint']] as const) {
      assert.ok(allowed(medicAccess('reader', method, pathSegments(path))), `${method} ${path}`);
    }
    for (const [method, path] of [['POST', ''], ['PUT', 'doc'], ['DELETE', 'doc'], ['COPY', 'doc'], ['PUT', 'doc/att'], ['POST', '_bulk_docs'],
      ['POST', '_compact'], ['POST', '_view_cleanup'], ['POST', '_purge'], ['PUT', '_security'], ['POST', '_index'], ['DELETE', '_index/x'],
      ['PUT', '_design/x'], ['GET', '_design/x/_show/y'], ['POST', '_design/x/_update/y'], ['GET', '_design/x/_list/a/b'], ['POST', '_temp_view'],
      ['PUT', '_local/x'], ['DELETE', '']] as const) {
      assert.equal(medicAccess('reader', method, pathSegments(path)).allowed, false, `${method} ${path}`);
    }
  });

  it('gives other users the settings and translations only, and anonymous callers nothing', () => {
    assert.ok(allowed(medicAccess('member', 'GET', ['settings'])));
    assert.ok(allowed(medicAccess('member', 'GET', ['messages-fr'])));
    for (const path of ['', '_all_docs', '_changes', 'patient-1', 'settings/att', '_design/medic-admin/_view/contacts_by_dhis_orgunit', 'messages-fr/x']) {
      assert.deepEqual(medicAccess('member', 'GET', pathSegments(path)), { ...medicAccess('member', 'GET', ['_all_docs']) }, path);
      assert.equal((medicAccess('member', 'GET', pathSegments(path)) as { status: number }).status, 403, path);
    }
    assert.equal((medicAccess('member', 'PUT', ['settings']) as { status: number }).status, 403);
    assert.ok(allowed(medicAccess('member', 'GET', ['org.couchdb.user:chw'], 'chw')), 'their own user-settings: their language');
    assert.equal((medicAccess('member', 'GET', ['org.couchdb.user:other'], 'chw') as { status: number }).status, 403);
    assert.equal((medicAccess('anonymous', 'GET', ['settings']) as { status: number }).status, 401);
  });

  it('lets admins do anything but delete or re-create the database itself', () => {
    assert.ok(allowed(medicAccess('admin', 'POST', ['_bulk_docs'])));
    assert.equal((medicAccess('admin', 'DELETE', []) as { status: number }).status, 405);
  });

  it('keeps _design/x and _local/x together however the slash is written', () => {
    assert.deepEqual(pathSegments('/medic/_design%2Fmedic-admin/_view/v'), ['medic', '_design', 'medic-admin', '_view', 'v']);
    assert.deepEqual(pathSegments('/medic/org.couchdb.user%3Aa'), ['medic', 'org.couchdb.user:a']);
    assert.deepEqual(pathSegments('/medic/%E0%A4%A'), ['medic', '%E0%A4%A']);
  });

  it('follows _security members as CouchDB does', () => {
    const user = { name: 'm', roles: ['program_officer'] };
    assert.ok(isMember(user, {}));
    assert.ok(isMember(user, { members: { names: [], roles: [] } }));
    assert.ok(isMember(user, { members: { roles: ['program_officer'] } }));
    assert.ok(isMember(user, { members: { names: ['m'] } }));
    assert.ok(!isMember(user, { members: { roles: ['district'] } }));
  });
});

describe('access to /_users and the rest of CouchDB', () => {
  const user = { name: 'chw', roles: ['chw'] };
  it('lets a user read their own doc and ask to change it, nothing else', () => {
    assert.ok(allowed(usersAccess('member', user, 'GET', ['org.couchdb.user:chw'])));
    assert.deepEqual(usersAccess('member', user, 'PUT', ['org.couchdb.user:chw']), { allowed: 'own-doc-update' });
    for (const [method, rest] of [['GET', ['org.couchdb.user:other']], ['DELETE', ['org.couchdb.user:chw']], ['GET', ['_all_docs']], ['GET', []],
      ['PUT', ['org.couchdb.user:new']], ['POST', ['_bulk_docs']]] as const) {
      assert.equal((usersAccess('member', user, method, [...rest]) as { status: number }).status, 403, `${method} ${rest}`);
    }
    assert.equal((usersAccess('anonymous', undefined, 'PUT', ['org.couchdb.user:new']) as { status: number }).status, 401);
  });

  it('offers admins a few read-only server-wide endpoints, and says so for the rest', () => {
    assert.ok(allowed(globalAccess('admin', 'GET', ['_all_dbs'])));
    assert.equal((globalAccess('admin', 'PUT', ['_config', 'admins', 'x']) as { status: number }).status, 405);
    assert.equal((globalAccess('admin', 'POST', ['_replicate']) as { status: number }).status, 404);
    assert.equal((globalAccess('admin', 'GET', ['otherdb']) as { status: number }).status, 404);
    assert.equal((globalAccess('reader', 'GET', ['_all_dbs']) as { status: number }).status, 403);
    assert.equal((globalAccess('anonymous', 'GET', ['_all_dbs']) as { status: number }).status, 401);
  });

  it('serves the app only on its own routes and files', () => {
    for (const path of ['/', '/login', '/admin/export/dhis', '/api/v2/export/dhis', '/main-AB12CD34.js', '/favicon.ico']) {
      assert.equal(ownerOfPath(path), 'app', path);
    }
    for (const path of ['/_all_dbs', '/_utils/index.html', '/otherdb', '/otherdb/_all_docs', '/%5Fconfig', '/medic%2F_all_docs']) {
      assert.equal(ownerOfPath(path), 'couch', path);
    }
    assert.equal(ownerOfPath('/medic/doc.json'), 'medic');
  });
});

describe('the nesting depth of a JSON body', () => {
  it('is measured without recursion, however deep', () => {
    assert.equal(jsonDepth(1), 0);
    assert.equal(jsonDepth({ a: [1, { b: 2 }] }), 3);
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    assert.ok(jsonDepth(deep) > MAX_JSON_DEPTH);
  });
});
