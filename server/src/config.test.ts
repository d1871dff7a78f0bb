import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { readConfig } from './config';
import { problemsOf } from '../test/config-problems';


describe('readConfig', () => {
  it('has defaults for a local embedded start with demo data', () => {
    assert.deepEqual(readConfig({}), {
      port: 5988, host: '127.0.0.1', dataDir: path.resolve('data'), couchUrl: undefined,
      adminUser: 'admin', adminPassword: undefined, demoData: true, maxBodyBytes: 64 * 1024 * 1024,
      dhis2Calendar: { name: 'iso8601', version: '2.43' },
    });
  });

  it('reads every variable', () => {
    const config = readConfig({
      PORT: '8080', HOST: '0.0.0.0', DATA_DIR: '/tmp/x', COUCH_URL: 'http://a:b@localhost:5984/medic',
      ADMIN_USER: 'root', ADMIN_PASSWORD: 'long-enough', DEMO_DATA: '1', MAX_BODY_MB: '0.5',
    });
    assert.equal(config.port, 8080);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.dataDir, '/tmp/x');
    assert.equal(config.couchUrl?.pathname, '/medic');
    assert.equal(config.adminUser, 'root');
    assert.equal(config.adminPassword, 'long-enough');
    assert.equal(config.demoData, true);
    assert.equal(config.maxBodyBytes, 512 * 1024);
  });

  it('writes no demo data into a CouchDB unless asked, and none when DEMO_DATA=0', () => {
    assert.equal(readConfig({ COUCH_URL: 'http://localhost:5984/medic' }).demoData, false);
    assert.equal(readConfig({ DEMO_DATA: '0' }).demoData, false);
  });

  it('reports every problem at once, saying what to write', () => {
    const problems = problemsOf({ PORT: 'eighty', COUCH_URL: 'localhost:5984', ADMIN_USER: 'a b', ADMIN_PASSWORD: 'short', DEMO_DATA: 'maybe' });
    assert.equal(problems.length, 5);
    assert.match(problems[0], /PORT must be a whole number/);
    assert.match(problems[1], /COUCH_URL must use http/);
    assert.match(problems[2], /ADMIN_USER/);
    assert.match(problems[3], /at least 8 characters/);
    assert.match(problems[4], /DEMO_DATA must be 1 or 0/);
    assert.match(problemsOf({ PORT: '70000' })[0], /0 to 65535/);
    assert.match(problemsOf({ COUCH_URL: 'http://localhost:5984' })[0], /must name the CHT database/);
    assert.match(problemsOf({ COUCH_URL: 'not a url' })[0], /must be a URL/);
    for (const size of ['0', '-1', 'big', '5000', '1e3']) {
      assert.match(problemsOf({ MAX_BODY_MB: size })[0], /MAX_BODY_MB must be a number of megabytes/, size);
    }
  });

  it('reads the DHIS2 calendar and release, and refuses calendars it does not know', () => {
    assert.deepEqual(readConfig({ DHIS2_CALENDAR: 'nepali', DHIS2_VERSION: '2.41.4' }).dhis2Calendar, { name: 'nepali', version: '2.41.4' });
    assert.match(problemsOf({ DHIS2_CALENDAR: 'ethiopian' })[0], /DHIS2_CALENDAR must be iso8601 or nepali/);
    assert.match(problemsOf({ DHIS2_CALENDAR: 'Nepali' })[0], /DHIS2_CALENDAR must be/);
    assert.match(problemsOf({ DHIS2_VERSION: '41' })[0], /DHIS2_VERSION must be a DHIS2 release such as 2\.41\.4/);
  });
});
