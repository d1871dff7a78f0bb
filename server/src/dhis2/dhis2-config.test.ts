import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readConfig } from '../config';
import { problemsOf } from '../../test/config-problems';
import { DEFAULT_DHIS2_TIMEOUT_MS } from './dhis2-config';


describe('readConfig: sending to DHIS2', () => {
  it('is off unless DHIS2_URL is set', () => {
    assert.equal(readConfig({}).dhis2, undefined);
    assert.equal('dhis2' in readConfig({}), false);
  });

  it('reads a personal access token, with the default timeout', () => {
    const { dhis2 } = readConfig({ DHIS2_URL: 'https://dhis2.example.org/hmis/api/', DHIS2_TOKEN: 'd2pat_abc123' });
    assert.equal(dhis2?.url.href, 'https://dhis2.example.org/hmis');
    assert.deepEqual(dhis2?.auth, { token: 'd2pat_abc123' });
    assert.equal(dhis2?.timeoutMs, DEFAULT_DHIS2_TIMEOUT_MS);
  });

  it('reads a user and password, and a timeout', () => {
    const { dhis2 } = readConfig({ DHIS2_URL: 'http://localhost:8080', DHIS2_USER: 'admin', DHIS2_PASSWORD: 'district', DHIS2_TIMEOUT_MS: '5000' });
    assert.deepEqual(dhis2?.auth, { user: 'admin', password: 'district' });
    assert.equal(dhis2?.timeoutMs, 5000);
  });

  it('reports every mistake at once with the fix', () => {
    assert.deepEqual(problemsOf({ DHIS2_URL: 'ftp://x', DHIS2_TOKEN: 't', DHIS2_USER: 'u', PORT: 'x' }).length, 3);
    assert.match(problemsOf({ DHIS2_URL: 'https://dhis2.example.org' })[0]!, /needs credentials: DHIS2_TOKEN .* or DHIS2_USER and DHIS2_PASSWORD/);
    assert.match(problemsOf({ DHIS2_URL: 'https://dhis2.example.org', DHIS2_USER: 'admin' })[0]!, /needs credentials/);
    assert.match(problemsOf({ DHIS2_URL: 'https://u:p@dhis2.example.org', DHIS2_TOKEN: 't' })[0]!, /must not hold credentials/);
    assert.match(problemsOf({ DHIS2_URL: 'not a url', DHIS2_TOKEN: 't' })[0]!, /DHIS2_URL must be a URL/);
    assert.match(problemsOf({ DHIS2_URL: 'http://x', DHIS2_TOKEN: 't', DHIS2_TIMEOUT_MS: '5s' })[0]!, /DHIS2_TIMEOUT_MS must be a whole number/);
    assert.match(problemsOf({ DHIS2_TOKEN: 't' })[0]!, /without DHIS2_URL/);
  });
});
