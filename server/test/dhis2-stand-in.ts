import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { completeRegistrations } from './dhis2-stand-in-completeness';
import { importGroups, type StandInMetadata } from './dhis2-stand-in-import';
import { readImport, type ImportGroup } from './dhis2-stand-in-readers';
import { behaviourOf } from './dhis2-stand-in-versions';

export type { StandInMetadata } from './dhis2-stand-in-import';
import { answerRead, type StandInCatalogue } from './dhis2-stand-in-metadata';
import { standInSystemInfo } from './dhis2-stand-in-system-info';

/**
 * A stand-in for DHIS2's `POST /api/dataValueSets` and `POST /api/completeDataSetRegistrations`,
 * not DHIS2: it does what DHIS2's own import code does, version by version (2.38 to 2.43, see
 * `dhis2-stand-in-versions.ts`), for what this product relies on — ApiToken and basic auth (401
 * otherwise), `dryRun`, JSON, CSV, XML and ADX bodies read as each version reads them, the import
 * summary (wrapped from 2.38, bare with 200 before), and conflicts with DHIS2's error codes for
 * unknown data sets (E7600), data elements (E7610), org units (E7612), category option combos
 * (E7634), data elements outside the data set (E7633), org units not assigned to the data set
 * (E7636), closed periods (E7640) and values that are not numbers (E7619, 2.43 E8122).
 */
export interface StandInOptions {
  /** The DHIS2 version whose behaviour to follow, "2.38" to "2.43" (default "2.40"); "2.37" for the bare summary. */
  version?: string;
  /** Its system setting "Calendar", as `GET /api/system/info` tells it: `iso8601` (the default) or `nepali`. */
  calendar?: string;
  token?: string;
  user?: string;
  password?: string;
  metadata: StandInMetadata;
  /** What the read endpoints (system info, data set metadata, data values) answer with: see dhis2-stand-in-metadata.ts. */
  catalogue?: StandInCatalogue;
}

export interface ReceivedImport {
  dryRun: boolean;
  authorization?: string;
  contentType?: string;
  /** A JSON import as it came; empty for the other formats. */
  body: { dataSet?: string; period?: string; orgUnit?: string; completeDate?: string; dataValues?: Record<string, unknown>[] };
  /** The import as this version read it, whatever its format. */
  groups: ImportGroup[];
}

export interface Dhis2StandIn {
  url: string;
  received: ReceivedImport[];
  /** Values kept by real imports, by `orgUnit/dataElement/coc/period`, as strings like DHIS2 keeps them. */
  stored: Map<string, unknown>;
  /** Complete data set registrations, by `dataSet/period/orgUnit` → their date. */
  completed: Map<string, string>;
  /** What `POST /api/completeDataSetRegistrations` received. */
  registrations: { dryRun: boolean; body: unknown }[];
  /** Answer after this long (to test timeouts), or with this HTTP status (to test failures); faults: see `StandInFaults`. */
  behaviour: { delayMs?: number; failWith?: number } & StandInFaults;
  /** The imports (`POST /api/dataValueSets`) as they arrive, before any delay, as their query strings. */
  arrivals: string[];
  /** The read-backs asked for (`GET /api/dataValueSets`), as their query strings. */
  readBacks: string[];
  /** How many reads each GET endpoint answered. */
  reads: Map<string, number>;
  /** What it was started with; change `version`, `token` or `metadata` between requests. */
  options: StandInOptions;
  close(): Promise<void>;
}

const DEFAULT_COC = 'HllvX50cXC0';

/**
 * Faults between DHIS2 and the server, to test unknown outcomes: after a real import (the values
 * stored), the answer never comes (`hang`), the connection is reset, or a gateway answers 502/503/504
 * instead of DHIS2; or the connection is reset once the body is read, before anything is imported.
 */
export interface StandInFaults {
  afterImport?: 'hang' | 'reset' | 502 | 503 | 504;
  resetBeforeImport?: boolean;
  /** With `failWith`: the error message repeats the request's Authorization header, as a careless proxy may. */
  echoAuthorization?: boolean;
}

/** Plays a fault instead of DHIS2's answer. */
const playFault = (res: ServerResponse, fault: 'hang' | 'reset' | number) => {
  if (fault === 'reset') {
    res.socket?.destroy();
  } else if (typeof fault === 'number') {
    res.writeHead(fault, { 'content-type': 'text/html' });
    res.end(`<html><body><h1>${fault} Gateway error</h1></body></html>`);
  }
  // 'hang': nothing, until the client gives up or the stand-in closes
};

/**
 * `GET /api/dataValueSets?dataSet=…&period=…&orgUnit=…` (orgUnit repeated): the values stored by
 * real imports for the data set's data elements, as DHIS2 answers them (values as strings, the
 * default category option combo named); 409 without data set, period or org unit, as DHIS2 does.
 */
const storedValues = (url: URL, stored: ReadonlyMap<string, unknown>, metadata: StandInMetadata) => {
  const dataSetId = url.searchParams.get('dataSet');
  const period = url.searchParams.get('period');
  const orgUnits = url.searchParams.getAll('orgUnit');
  if (!dataSetId || !period || orgUnits.length === 0) {
    return { status: 409, body: { httpStatus: 'Conflict', httpStatusCode: 409, status: 'ERROR', message: 'At least one data set, period and organisation unit must be specified' } };
  }
  const dataElements = metadata.dataSets[dataSetId]?.dataElements ?? [];
  const dataValues = [...stored].flatMap(([key, value]) => {
    const [orgUnit, dataElement, coc, storedPeriod] = key.split('/');
    return orgUnits.includes(orgUnit!) && dataElements.includes(dataElement!) && storedPeriod === period
      ? [{ dataElement, period, orgUnit, categoryOptionCombo: coc, attributeOptionCombo: DEFAULT_COC, value: String(value) }]
      : [];
  });
  return { status: 200, body: { dataSet: dataSetId, period, dataValues } };
};

/** A request's whole body, as text. */
export const readBody = (req: IncomingMessage) => new Promise<string>((resolve, reject) => {
  let text = '';
  req.setEncoding('utf8');
  req.on('data', chunk => (text += chunk));
  req.on('end', () => resolve(text));
  req.on('error', reject);
});

export const startDhis2StandIn = async (options: StandInOptions): Promise<Dhis2StandIn> => {
  const received: ReceivedImport[] = [];
  const arrivals: string[] = [];
  const stored = new Map<string, unknown>();
  const completed = new Map<string, string>();
  const registrations: Dhis2StandIn['registrations'] = [];
  const behaviour: Dhis2StandIn['behaviour'] = {};
  const readBacks: string[] = [];
  const reads = new Map<string, number>();

  const authorised = (authorization: string | undefined) => {
    if (options.token && authorization === `ApiToken ${options.token}`) {
      return true;
    }
    return options.user !== undefined && authorization === `Basic ${Buffer.from(`${options.user}:${options.password}`).toString('base64')}`;
  };

  const server: Server = createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' });
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (!authorised(req.headers.authorization)) {
      return send(401, { httpStatus: 'Unauthorized', httpStatusCode: 401, status: 'ERROR', message: 'Unauthorized' });
    }
    if (req.method === 'GET' && url.pathname === '/api/system/info' && !options.catalogue) {
      return send(200, standInSystemInfo(options));
    }
    if (req.method === 'GET' && url.pathname === '/api/dataValueSets') {
      readBacks.push(url.search);
      if (!options.catalogue) {
        const { status, body } = storedValues(url, stored, options.metadata);
        return send(status, body);
      }
    }
    if (req.method === 'GET' && await answerRead({ url, version: options.version ?? '2.40', catalogue: options.catalogue, stored, behaviour, reads }, res)) {
      return;
    }
    if (req.method === 'POST' && url.pathname === '/api/completeDataSetRegistrations') {
      const [status, body] = completeRegistrations(await readBody(req), url.searchParams, options, completed, registrations);
      return send(status, body);
    }
    if (req.method !== 'POST' || url.pathname !== '/api/dataValueSets') {
      return send(404, { httpStatus: 'Not Found', httpStatusCode: 404, status: 'ERROR', message: `No endpoint ${req.method} ${url.pathname}` });
    }
    const text = await readBody(req);
    arrivals.push(url.search);
    if (behaviour.resetBeforeImport) {
      return playFault(res, 'reset');
    }
    if (behaviour.delayMs) {
      await new Promise(resolve => setTimeout(resolve, behaviour.delayMs));
      if (res.destroyed) {
        return;
      }
    }
    if (behaviour.failWith) {
      return send(behaviour.failWith, { httpStatus: 'Internal Server Error', httpStatusCode: behaviour.failWith, status: 'ERROR', message: behaviour.echoAuthorization ? `Stand-in failure for ${req.headers.authorization}` : 'Stand-in failure' });
    }
    const dryRun = url.searchParams.get('dryRun') === 'true';
    const version = behaviourOf(options.version ?? '2.40');
    const wrapped = version.wrapped;
    const read = readImport(req.headers['content-type'] ?? 'application/json', text, version, url.searchParams);
    if (!read.ok && read.badRequest) {
      return send(400, { httpStatus: 'Bad Request', httpStatusCode: 400, status: 'ERROR', message: read.message });
    }
    received.push({
      dryRun, authorization: req.headers.authorization, contentType: req.headers['content-type'],
      body: read.ok && read.format === 'json' ? read.json as ReceivedImport['body'] : {}, groups: read.ok ? read.groups : [],
    });
    const outcome = read.ok
      ? importGroups(read.groups, options.metadata, stored, dryRun, version)
      : { status: 'ERROR' as const, conflicts: [{ object: '', value: read.message, ...(read.errorCode ? { errorCode: read.errorCode } : {}), indexes: [-1] }],
        importCount: { imported: 0, updated: 0, ignored: 0, deleted: 0 }, completed: [] };
    for (const [key, date] of outcome.completed) {
      completed.set(key, date);
    }
    const { status, conflicts } = outcome;
    const summary = {
      responseType: 'ImportSummary',
      status,
      importOptions: { dryRun, importStrategy: url.searchParams.get('importStrategy') ?? 'CREATE_AND_UPDATE' },
      description: status === 'ERROR' ? 'Import process was aborted' : 'Import process completed successfully',
      importCount: outcome.importCount,
      // Before 2.38 a conflict has only `object` and `value`.
      conflicts: wrapped ? conflicts : conflicts.map(({ object, value }) => ({ object, value })),
      ...(wrapped ? { rejectedIndexes: conflicts.flatMap(found => found.indexes).filter(index => index >= 0) } : {}),
      dataSetComplete: outcome.completed.length > 0 ? outcome.completed[0]![1] : 'false',
    };
    if (behaviour.afterImport) {
      return playFault(res, behaviour.afterImport);
    }
    if (!wrapped) {
      return send(200, summary);
    }
    const httpStatus = status === 'ERROR' ? 409 : status === 'WARNING' ? version.warningStatus : 200;
    return send(httpStatus, {
      httpStatus: httpStatus === 409 ? 'Conflict' : 'OK',
      httpStatusCode: httpStatus,
      status,
      message: status === 'ERROR' ? 'An error occurred, please check import summary.'
        : status === 'WARNING' ? 'One more conflicts encountered, please check import summary.' : 'Import was successful.',
      response: summary,
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>(resolve => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    arrivals,
    stored,
    completed,
    registrations,
    behaviour,
    readBacks,
    reads,
    options,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
};
