import moment from 'moment';
import { startDhis2StandIn, type Dhis2StandIn } from './dhis2-stand-in';
import { startFaultyDhis2, type FaultyDhis2 } from './dhis2-stand-in-faults';
import { DS, places, settingsDoc, targetDoc, dhis2Metadata } from './small-deployment';
import { basic, startTestServer, type TestServer } from './test-server';

export const TOKEN = 'd2pat_standInToken0000000000000000001';
export const SENDER = { headers: { authorization: basic('sender', 'secret-pass') } };
export const month = (yyyyMm: string) => moment(`${yyyyMm}-01`, 'YYYY-MM-DD');

/** Health workers who sync from a device: coverage expects a target doc from each. */
export const healthWorkers = ['chw1', 'chw2'].map(name => ({
  _id: `org.couchdb.user:${name}`, type: 'user-settings', name, contact_id: name, roles: ['chw'],
}));

/**
 * A deployment with a DHIS2 stand-in behind a faulty front, and a server whose clock the test
 * moves: `at(instant)` sets the clock and lets the scheduler look.
 */
export interface Scenario {
  server: TestServer;
  dhis2: Dhis2StandIn;
  faulty: FaultyDhis2;
  dataDir: string;
  at(instant: string): Promise<void>;
  now(): Date;
  createSchedule(body: Record<string, unknown>): Promise<{ id: string } & Record<string, unknown>>;
  schedules(): Promise<{ schedules: Array<Record<string, any>>; attention: Array<Record<string, any>> }>;
  /** The log's records of a period, oldest first. */
  records(period: string): Promise<Array<Record<string, any>>>;
  /** Stops the server as a crash or a shutdown would, keeping its data; `restart` starts another on it. */
  stopServer(): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export const startScenario = async (start: string, docs: object[] = []): Promise<Scenario> => {
  let clock = new Date(start);
  const dhis2 = await startDhis2StandIn({
    token: TOKEN,
    metadata: dhis2Metadata(),
  });
  const faulty = await startFaultyDhis2(dhis2);
  const startServer = (dataDir?: string) => startTestServer(
    { dhis2: { url: new URL(faulty.url), auth: { token: TOKEN }, timeoutMs: 2_000 } },
    { now: () => new Date(clock), ...(dataDir ? { dataDir } : {}) },
  );
  let server = await startServer();
  const dataDir = server.dataDir;
  await server.putDocs([
    settingsDoc({ permissions: { can_export_dhis: ['dhis_exporter'], can_send_dhis: ['dhis_sender'] }, roles: { chw: { offline: true } } }),
    ...places, ...docs,
  ]);
  await server.createUser('sender', 'secret-pass', ['dhis_exporter', 'dhis_sender']);
  await server.createUser('exporter', 'secret-pass', ['dhis_exporter']);
  const scenario: Scenario = {
    get server() { return server; },
    dhis2,
    faulty,
    dataDir,
    at: async instant => {
      clock = new Date(instant);
      await server.scheduler.runDue();
    },
    now: () => new Date(clock),
    createSchedule: async body => {
      const response = await server.fetch('/api/v2/export/dhis/schedules', {
        method: 'POST', headers: { ...SENDER.headers, 'content-type': 'application/json' }, body: JSON.stringify(body),
      });
      if (response.status !== 201) throw new Error(`createSchedule: ${response.status} ${await response.text()}`);
      return await response.json() as { id: string };
    },
    schedules: async () => (await server.fetch('/api/v2/export/dhis/schedules', SENDER)).json() as never,
    records: async period => {
      const response = await server.fetch(`/api/v2/export/dhis/log?filters[dataSet]=${DS}&filters[period]=${period}`, SENDER);
      const body = await response.json() as { records: Array<Record<string, any>> };
      // Records of one instant (the clock stands still while the scheduler runs) keep their order by step.
      return body.records.sort((a, b) => String(a['at']).localeCompare(String(b['at'])) || (a['step'] ?? 0) - (b['step'] ?? 0));
    },
    stopServer: () => server.stop(true),
    restart: async () => {
      server = await startServer(dataDir);
    },
    close: async () => {
      await server.stop(true).catch(() => undefined);
      const { rm } = await import('node:fs/promises');
      await rm(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
      await faulty.close();
      await dhis2.close();
    },
  };
  return scenario;
};

export { DS, targetDoc };
