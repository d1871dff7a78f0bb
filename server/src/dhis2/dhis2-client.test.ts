import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startDhis2StandIn, type Dhis2StandIn } from '../../test/dhis2-stand-in';
import { postDataValueSet } from './dhis2-client';
import { readImportSummary } from './import-summary';

const SET = { dataSet: 'ds1', completeDate: '2026-11-01', period: '202610', dataValues: [{ dataElement: 'de1', orgUnit: 'ou1', value: 4 }, { dataElement: 'de2', orgUnit: 'ou1', value: 1 }] };

describe('postDataValueSet', () => {
  let dhis2: Dhis2StandIn;
  before(async () => {
    dhis2 = await startDhis2StandIn({
      user: 'cht', password: 'district',
      metadata: { orgUnits: ['ou1'], dataElements: { de1: [], de2: [] }, dataSets: { ds1: { dataElements: ['de1'], orgUnits: ['ou1'] } } },
    });
  });
  after(() => dhis2.close());

  it('sends basic auth, and reads both shapes of the summary', async () => {
    const config = { url: new URL(dhis2.url), auth: { user: 'cht', password: 'district' }, timeoutMs: 5_000 };
    for (const version of ['2.37', '2.39']) {
      dhis2.options.version = version;
      const answer = await postDataValueSet(config, SET, { dryRun: true });
      assert.equal(answer.kind, 'summary');
      if (answer.kind === 'summary') {
        assert.equal(answer.httpStatus, version === '2.37' ? 200 : 409);
        assert.equal(answer.summary.status, 'WARNING');
        assert.deepEqual(answer.summary.importCount, { imported: 1, updated: 0, ignored: 1, deleted: 0 });
        assert.match(answer.summary.conflicts[0]!.value, /de2.*not part of dataset/);
      }
    }
    assert.equal(dhis2.received.at(-1)!.authorization, `Basic ${Buffer.from('cht:district').toString('base64')}`);
  });

  it('tells an unreachable DHIS2 from refused credentials', async () => {
    const refused = await postDataValueSet({ url: new URL(dhis2.url), auth: { token: 'wrong' }, timeoutMs: 5_000 }, SET, { dryRun: true });
    assert.deepEqual(refused.kind === 'failure' && refused.reason, 'credentials');
    const unreachable = await postDataValueSet({ url: new URL('http://127.0.0.1:9'), auth: { token: 'x' }, timeoutMs: 5_000 }, SET, { dryRun: true });
    assert.deepEqual(unreachable.kind === 'failure' && unreachable.reason, 'network');
  });
});

describe('readImportSummary', () => {
  it('takes the wrapper\'s status when the summary has none, and ignores bodies without a summary', () => {
    assert.equal(readImportSummary({ status: 'ERROR', message: 'x', response: { responseType: 'ImportSummary', importCount: {} } })?.status, 'ERROR');
    assert.equal(readImportSummary({ httpStatus: 'Conflict', status: 'ERROR', message: 'Data set not found' }), undefined);
    assert.equal(readImportSummary('<html>login</html>'), undefined);
  });
});
