import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from './test-server';

describe('GET /api/v2/texts', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
    await server.putDocs([
      { _id: 'settings', settings: { locale: 'fr' } },
      { _id: 'messages-fr', type: 'translations', code: 'fr', generic: { 'User Name': "Nom d'utilisateur", Password: 'Mot de passe', login: '', 'patient.secret': 'x', 'export.dhis.place.label': 'Filtrer' } },
      { _id: 'messages-sw', type: 'translations', code: 'sw', generic: { Password: 'Nenosiri' }, custom: { Password: 'Neno la siri' } },
    ]);
  });
  after(() => server.stop());

  it('gives anyone the login and frame texts of a language, and nothing else', async () => {
    const response = await fetch(`${server.url}/api/v2/texts?locale=sw`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { locale: 'sw', defaultLocale: 'fr', deploymentLocale: 'fr', languages: ['fr', 'sw'], messages: { Password: 'Neno la siri' } });
  });

  it('answers in the deployment\'s language by default, leaving out empty texts', async () => {
    for (const query of ['', '?locale=', '?locale=../settings', '?locale[x]=1']) {
      const body = await (await fetch(`${server.url}/api/v2/texts${query}`)).json();
      assert.equal(body.locale, 'fr', query);
      assert.deepEqual(body.messages, { 'User Name': "Nom d'utilisateur", Password: 'Mot de passe' }, query);
    }
    const none = await (await fetch(`${server.url}/api/v2/texts?locale=de`)).json();
    assert.deepEqual(none.messages, {});
  });

  it('says when the deployment sets no language, so that the browser\'s may decide', async () => {
    const medic = server.couch.medic;
    await medic.put({ ...(await medic.get('settings')), settings: {} });
    try {
      const body = await (await fetch(`${server.url}/api/v2/texts`)).json();
      assert.equal(body.deploymentLocale, null);
      assert.equal(body.defaultLocale, 'en');
    } finally {
      await medic.put({ ...(await medic.get('settings')), settings: { locale: 'fr' } });
    }
  });
});
