import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { DATABASE_MODES, DS, LAST_MONTH, PERIOD, SELECTION, TOKEN, startSendWorld, targetDoc, type SendWorld } from './send-world';

interface Outcome {
  code?: string; error?: string; kind: string; outcome: string; sent: boolean | null; reason?: string; recordId: string; refused?: number; values: number;
  readBack?: { outcome: string; matching: number; differing: number; missing: number; recordId: string }; holder?: string; since?: string;
}
interface LogRecord { id: string; action: string; user: string; period: string; sent?: boolean | null; unknown?: { reason: string }; failure?: { message: string };
  readBack?: { outcome: string; refersTo: string } }
interface LogView { records: LogRecord[]; next?: string; current?: { values: number }; changesSinceLastSend?: { recordId: string; sentBy: string; changes: { dataElement: string; sent?: number; now?: number }[] } }

/** What became of a send is recorded as it happened: unknown when nobody knows, then what DHIS2 was found to hold. */
for (const mode of DATABASE_MODES) {
  describe(`what became of a send (${mode} database)`, () => {
    let world: SendWorld;
    const send = (query: string, user = 'sender') =>
      fetch(`${world.server.url}/api/v2/export/dhis/send?${query}`, { method: 'POST', headers: world.as(user) });
    const logOf = async (query: string) => await (await fetch(`${world.server.url}/api/v2/export/dhis/log?${query}`, { headers: world.as('exporter') })).json() as LogView;

    before(async () => {
      world = await startSendWorld(mode);
    });
    after(() => world.stop());
    afterEach(() => {
      Object.assign(world.dhis2.behaviour, { delayMs: undefined, failWith: undefined, afterImport: undefined, resetBeforeImport: undefined, echoAuthorization: undefined });
    });

    it('lets one send of a selection run at a time: the second gets 409 naming who sends since when; a dry run does not wait', async () => {
      world.dhis2.behaviour.delayMs = 1_500;
      const before = world.dhis2.received.filter(received => !received.dryRun).length;
      const arrived = world.dhis2.arrivals.length;
      const first = send(`dryRun=false&${SELECTION}`, 'sender');
      // The first send holds the lease once it reaches DHIS2 (a busy machine can take longer than any fixed wait).
      while (world.dhis2.arrivals.length === arrived) {
        await new Promise(resolve => setTimeout(resolve, 10));
      }
      const [second, dry] = await Promise.all([send(`dryRun=false&${SELECTION}`, 'other'), send(`dryRun=true&${SELECTION}`, 'other')]);
      assert.equal(second.status, 409);
      const busy = await second.json() as Outcome;
      assert.equal(busy.code, 'send.busy');
      assert.equal(busy.holder, world.user('sender'));
      assert.match(busy.error!, new RegExp(`${world.user('sender')} has been sending ${DS} ${PERIOD}`));
      assert.equal(dry.status, 200, 'a dry run takes no lease');
      assert.equal((await first).status, 200);
      assert.equal(world.dhis2.received.filter(received => !received.dryRun).length, before + 1, 'one send reached DHIS2');
      assert.equal((await send(`dryRun=false&${SELECTION}`, 'other')).status, 200, 'the lease ends with the send');
    });

    it('records a timeout after DHIS2 stored the values as unknown, then confirms it by reading DHIS2 back', async () => {
      await world.putDocs([{ ...targetDoc(LAST_MONTH, 'chw2', 9, 0), _id: `target~${LAST_MONTH.format('YYYY-MM')}~chw2~org.couchdb.user:chw2-b` }]);
      world.dhis2.behaviour.afterImport = 'hang';
      const readBacks = world.dhis2.readBacks.length;
      const response = await send(`dryRun=false&${SELECTION}`);
      assert.equal(response.status, 504);
      const body = await response.json() as Outcome;
      assert.deepEqual([body.code, body.kind, body.outcome, body.sent, body.reason], ['send.unknown', 'unknown', 'unknown', null, 'timeout']);
      assert.deepEqual({ ...body.readBack, recordId: undefined }, { outcome: 'in-dhis2', matching: body.values, differing: 0, missing: 0, recordId: undefined });
      assert.ok(world.dhis2.readBacks.length > readBacks);
      assert.match(world.dhis2.readBacks.at(-1)!, new RegExp(`dataSet=${DS}&period=${PERIOD}&orgUnit=`));
      const log = await logOf(SELECTION);
      const [readBack, sent] = log.records;
      assert.deepEqual([sent!.action, sent!.sent, sent!.unknown?.reason], ['send', null, 'timeout']);
      assert.deepEqual([readBack!.action, readBack!.readBack?.outcome, readBack!.readBack?.refersTo], ['read-back', 'in-dhis2', sent!.id]);
      assert.equal(log.changesSinceLastSend?.recordId, sent!.id, 'confirmed in DHIS2: it is the last send');
      assert.deepEqual(log.changesSinceLastSend?.changes, []);
    });

    it('treats a gateway\'s 502 after the import as unknown too, and a reset before the import as unknown, then not in DHIS2', async () => {
      world.dhis2.behaviour.afterImport = 502;
      const gateway = await send(`dryRun=false&${SELECTION}`);
      assert.equal(gateway.status, 502);
      const confirmed = await gateway.json() as Outcome;
      assert.deepEqual([confirmed.outcome, confirmed.reason, confirmed.sent, confirmed.readBack?.outcome], ['unknown', 'gateway', null, 'in-dhis2']);
      world.dhis2.behaviour.afterImport = undefined;
      await world.putDocs([{ ...targetDoc(LAST_MONTH, 'chw1', 50, 0), _id: `target~${LAST_MONTH.format('YYYY-MM')}~chw1~org.couchdb.user:chw1-c` }]);
      world.dhis2.behaviour.resetBeforeImport = true;
      const reset = await send(`dryRun=false&${SELECTION}`);
      const lost = await reset.json() as Outcome;
      assert.deepEqual([reset.status, lost.outcome, lost.reason, lost.sent, lost.readBack?.outcome], [502, 'unknown', 'connection', null, 'not-in-dhis2']);
      assert.ok(lost.readBack!.differing > 0);
      const log = await logOf(SELECTION);
      assert.equal(log.changesSinceLastSend?.recordId, confirmed.recordId, 'not in DHIS2: the last send is still the one before');
      assert.ok(log.changesSinceLastSend!.changes.some(change => change.sent === 3 && change.now === 53));
    });

    it('counts values DHIS2 refused as not sent: a WARNING that refused everything is sent: false', async () => {
      world.dhis2.options.metadata.dataSets[DS]!.orgUnits = ['ouDistrict1', 'ouNorth0001'];
      world.dhis2.options.metadata.dataSets[DS]!.dataElements = ['deBirths0001'];
      try {
        const south = await (await send(`dryRun=false&${SELECTION}&filters[orgUnit]=ouSouth0001`)).json() as Outcome;
        assert.deepEqual([south.outcome, south.sent, south.refused], ['warning', false, south.values]);
        assert.equal((await logOf(`${SELECTION}&filters[orgUnit]=ouSouth0001`)).changesSinceLastSend, undefined, 'nothing was sent there');
        const north = await (await send(`dryRun=false&${SELECTION}&filters[orgUnit]=ouNorth0001`)).json() as Outcome;
        assert.deepEqual([north.outcome, north.sent, north.refused], ['warning', true, 1]);
        const changes = (await logOf(`${SELECTION}&filters[orgUnit]=ouNorth0001`)).changesSinceLastSend!.changes;
        assert.deepEqual(changes.map(change => `${change.dataElement} ${change.sent ?? '-'} ${change.now ?? '-'}`), ['deDeliver001 - 1'],
          'the refused value shows as never sent');
      } finally {
        world.dhis2.options.metadata.dataSets[DS]!.orgUnits = ['ouDistrict1', 'ouNorth0001', 'ouSouth0001'];
        world.dhis2.options.metadata.dataSets[DS]!.dataElements = ['deBirths0001', 'deDeliver001'];
      }
    });

    it('keeps the configured token out of answers, the log and the server\'s log', async () => {
      world.dhis2.behaviour.failWith = 500;
      world.dhis2.behaviour.echoAuthorization = true;
      const response = await send(`dryRun=false&${SELECTION}`);
      const text = await response.text();
      assert.equal(response.status, 502);
      assert.match(text, /Stand-in failure for ApiToken \[redacted\]/);
      assert.doesNotMatch(text, new RegExp(TOKEN));
      const log = await logOf(SELECTION);
      assert.match(log.records[0]!.failure!.message, /\[redacted\]/);
      assert.doesNotMatch(JSON.stringify(log), new RegExp(TOKEN));
      assert.doesNotMatch(world.logged.join('\n'), new RegExp(TOKEN));
      assert.ok(world.logged.some(line => line.includes('[redacted]')));
    });

    it('lists every record of a data set, any period, newest first, paged and filtered; the last send survives many downloads', async () => {
      const earlier = LAST_MONTH.clone().subtract(1, 'month').format('YYYYMM');
      for (let download = 0; download < 25; download++) {
        await fetch(`${world.server.url}/api/v2/export/dhis?${SELECTION}`, { headers: world.as('exporter') });
      }
      await fetch(`${world.server.url}/api/v2/export/dhis?filters[dataSet]=${DS}&filters[period]=${earlier}`, { headers: world.as('exporter') });
      const newest = await logOf(`filters[dataSet]=${DS}&limit=3`);
      assert.equal(newest.records.length, 3);
      assert.equal(newest.records[0]!.period, earlier, 'any period, newest first');
      assert.equal(newest.current, undefined, 'without a period, records only');
      const seen = new Set(newest.records.map(record => record.id));
      let next = newest.next;
      while (next) {
        const page = await logOf(`filters[dataSet]=${DS}&limit=20&cursor=${encodeURIComponent(next)}`);
        page.records.forEach(record => {
          assert.ok(!seen.has(record.id), 'no record twice');
          seen.add(record.id);
        });
        next = page.next;
      }
      assert.ok(seen.size > 35);
      const readBacks = await logOf(`filters[dataSet]=${DS}&filters[action]=read-back`);
      assert.ok(readBacks.records.length >= 3 && readBacks.records.every(record => record.action === 'read-back'));
      const byOther = await logOf(`filters[dataSet]=${DS}&filters[user]=${world.user('other')}&filters[action]=send`);
      assert.equal(byOther.records.length, 1);
      assert.ok((await logOf(SELECTION)).changesSinceLastSend, 'the last send is found after 25 downloads');
      for (const bad of ['limit=0', 'limit=abc', 'cursor=elsewhere', 'filters[action]=deleted']) {
        const response = await fetch(`${world.server.url}/api/v2/export/dhis/log?filters[dataSet]=${DS}&${bad}`, { headers: world.as('exporter') });
        assert.equal(response.status, 400, bad);
      }
      assert.equal((await fetch(`${world.server.url}/api/v2/export/dhis/log?limit=5`, { headers: world.as('exporter') })).status, 400, 'a data set is required');
    });
  });
}
