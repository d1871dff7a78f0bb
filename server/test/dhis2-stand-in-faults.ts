import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody, type Dhis2StandIn } from './dhis2-stand-in';

/**
 * The DHIS2 stand-in behind a front that fails as a real deployment does: down (connections
 * refused), or taking an import and never answering (the sender crashes or times out not knowing).
 * It also answers `GET /api/dataValueSets` from what the stand-in stored, as DHIS2 does for a read-back.
 */
export interface FaultyDhis2 {
  url: string;
  /** `hang-after-import`: passes the import on, then holds the answer back until the connection ends. */
  mode: 'up' | 'hang-after-import';
  /** Called when an import reached the stand-in in `hang-after-import` mode. */
  onImported?: () => void;
  /** Real imports (not dry runs) that reached the stand-in. */
  imports: Array<{ period?: string; values: number }>;
  readBacks: number;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export const startFaultyDhis2 = async (standIn: Dhis2StandIn): Promise<FaultyDhis2> => {
  let server: Server | undefined;
  let port = 0;
  const faulty: FaultyDhis2 = {
    url: '',
    mode: 'up',
    imports: [],
    readBacks: 0,
    down: async () => {
      const closing = server;
      server = undefined;
      if (closing) {
        closing.closeAllConnections();
        await new Promise<void>(resolve => closing.close(() => resolve()));
      }
    },
    up: async () => {
      if (server) return;
      server = createServer((req, res) => void handle(req, res));
      server.listen(port, '127.0.0.1');
      await new Promise<void>(resolve => server!.once('listening', () => resolve()));
      port = (server.address() as AddressInfo).port;
    },
    close: () => faulty.down(),
  };

  const readBack = (url: URL, res: import('node:http').ServerResponse) => {
    faulty.readBacks++;
    const period = url.searchParams.get('period');
    const orgUnits = url.searchParams.getAll('orgUnit');
    const dataValues = [...standIn.stored].flatMap(([key, value]) => {
      const [orgUnit, dataElement, categoryOptionCombo, storedPeriod] = key.split('/');
      return storedPeriod === period && orgUnits.includes(orgUnit!)
        ? [{ dataElement, period, orgUnit, categoryOptionCombo, attributeOptionCombo: 'HllvX50cXC0', value: String(value) }] : [];
    });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ dataSet: url.searchParams.get('dataSet'), period, dataValues }));
  };

  const handle = async (req: IncomingMessage, res: import('node:http').ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://faulty');
    const authorised = req.headers.authorization === `ApiToken ${standIn.options.token}`;
    if (req.method === 'GET' && url.pathname === '/api/dataValueSets' && authorised) {
      return readBack(url, res);
    }
    const body = await readBody(req);
    const answer = await fetch(`${standIn.url}${url.pathname}${url.search}`, {
      method: req.method, body: req.method === 'POST' ? body : undefined,
      headers: { 'content-type': String(req.headers['content-type'] ?? 'application/json'), authorization: String(req.headers.authorization ?? '') },
    });
    const text = await answer.text();
    if (req.method === 'POST' && url.searchParams.get('dryRun') !== 'true' && (answer.status === 200 || answer.status === 409)) {
      const sent = JSON.parse(body) as { period?: string; dataValues?: unknown[] };
      faulty.imports.push({ period: sent.period, values: sent.dataValues?.length ?? 0 });
      if (faulty.mode === 'hang-after-import') {
        faulty.onImported?.();
        return;
      }
    }
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    res.end(text);
  };

  await faulty.up();
  faulty.url = `http://127.0.0.1:${port}`;
  return faulty;
};
