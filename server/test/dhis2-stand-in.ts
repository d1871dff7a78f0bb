import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { standInSystemInfo } from './dhis2-stand-in-system-info';

/**
 * A stand-in for DHIS2's `POST /api/dataValueSets`, not DHIS2: it follows the Web API
 * documentation of DHIS2 2.36–2.41 for what this product relies on — ApiToken and basic auth
 * (401 otherwise), `dryRun`, the import summary (wrapped with 409 on conflicts from 2.38, bare
 * with 200 before), and conflicts with DHIS2's error codes for unknown data sets (E7600), data
 * elements (E7610), org units (E7612), category option combos (E7613), data elements outside
 * the data set (E7633), org units not assigned to the data set (E7636) and closed periods (E7640).
 */
export interface StandInMetadata {
  dataSets: Record<string, { dataElements: string[]; orgUnits: string[] }>;
  /** Data element → its category option combos (the default one is always allowed). */
  dataElements: Record<string, string[]>;
  orgUnits: string[];
  closedPeriods?: string[];
}

export interface StandInOptions {
  /** "2.38" and later wrap the summary and answer 409 on conflicts; earlier versions do not. */
  version?: string;
  /** Its system setting "Calendar", as `GET /api/system/info` tells it: `iso8601` (the default) or `nepali`. */
  calendar?: string;
  token?: string;
  user?: string;
  password?: string;
  metadata: StandInMetadata;
}

export interface ReceivedImport {
  dryRun: boolean;
  authorization?: string;
  body: { dataSet?: string; period?: string; dataValues?: Record<string, unknown>[] };
}

export interface Dhis2StandIn {
  url: string;
  received: ReceivedImport[];
  /** Values kept by real imports, by `orgUnit/dataElement/coc/period`. */
  stored: Map<string, unknown>;
  /** Answer after this long (to test timeouts), or with this HTTP status (to test failures). */
  behaviour: { delayMs?: number; failWith?: number };
  /** What it was started with; change `version`, `token` or `metadata` between requests. */
  options: StandInOptions;
  close(): Promise<void>;
}

const DEFAULT_COC = 'HllvX50cXC0';

const readBody = (req: IncomingMessage) => new Promise<string>((resolve, reject) => {
  let text = '';
  req.setEncoding('utf8');
  req.on('data', chunk => (text += chunk));
  req.on('end', () => resolve(text));
  req.on('error', reject);
});

const atLeast238 = (version: string) => {
  const [major, minor] = version.split('.').map(Number);
  return major! > 2 || (major === 2 && minor! >= 38);
};

export const startDhis2StandIn = async (options: StandInOptions): Promise<Dhis2StandIn> => {
  const received: ReceivedImport[] = [];
  const stored = new Map<string, unknown>();
  const behaviour: Dhis2StandIn['behaviour'] = {};

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
    if (req.method === 'GET' && url.pathname === '/api/system/info') {
      return send(200, standInSystemInfo(options));
    }
    if (req.method !== 'POST' || url.pathname !== '/api/dataValueSets') {
      return send(404, { httpStatus: 'Not Found', httpStatusCode: 404, status: 'ERROR', message: `No endpoint ${req.method} ${url.pathname}` });
    }
    const text = await readBody(req);
    if (behaviour.delayMs) {
      await new Promise(resolve => setTimeout(resolve, behaviour.delayMs));
      if (res.destroyed) {
        return;
      }
    }
    if (behaviour.failWith) {
      return send(behaviour.failWith, { httpStatus: 'Internal Server Error', httpStatusCode: behaviour.failWith, status: 'ERROR', message: 'Stand-in failure' });
    }
    const dryRun = url.searchParams.get('dryRun') === 'true';
    const wrapped = atLeast238(options.version ?? '2.40');
    const { metadata } = options;
    let body: ReceivedImport['body'];
    try {
      body = JSON.parse(text);
    } catch {
      return send(400, { httpStatus: 'Bad Request', httpStatusCode: 400, status: 'ERROR', message: 'Invalid JSON payload' });
    }
    received.push({ dryRun, authorization: req.headers.authorization, body });

    const rows = Array.isArray(body.dataValues) ? body.dataValues : [];
    const conflicts: Record<string, unknown>[] = [];
    const conflict = (errorCode: string, value: string, objects: Record<string, string>, indexes: number[]) => {
      const [object] = Object.values(objects);
      const existing = conflicts.find(found => found['errorCode'] === errorCode && found['value'] === value);
      if (existing) {
        (existing['indexes'] as number[]).push(...indexes);
        return;
      }
      conflicts.push({ object, objects, value, errorCode, property: Object.keys(objects)[0], indexes: [...indexes] });
    };
    const dataSet = body.dataSet === undefined ? undefined : metadata.dataSets[body.dataSet];
    const everyIndex = rows.map((_row, index) => index);
    let setLevelError = false;
    if (body.dataSet !== undefined && !dataSet) {
      conflict('E7600', `Data set not found or not accessible: \`${body.dataSet}\``, { dataSet: body.dataSet }, everyIndex);
      setLevelError = true;
    } else if (body.period && metadata.closedPeriods?.includes(body.period)) {
      conflict('E7640', `Current date is past expiry days for period: \`${body.period}\`  and data set: \`${body.dataSet}\``,
        { period: body.period, dataSet: String(body.dataSet) }, everyIndex);
      setLevelError = true;
    }
    let imported = 0;
    let updated = 0;
    let ignored = 0;
    rows.forEach((row, index) => {
      if (setLevelError) {
        ignored++;
        return;
      }
      const orgUnit = String(row['orgUnit']);
      const dataElement = String(row['dataElement']);
      const coc = typeof row['categoryOptionCombo'] === 'string' ? row['categoryOptionCombo'] : DEFAULT_COC;
      const before = conflicts.length;
      if (!(dataElement in metadata.dataElements)) {
        conflict('E7610', `Data element not found or not accessible: \`${dataElement}\``, { dataElement }, [index]);
      } else if (!metadata.orgUnits.includes(orgUnit)) {
        conflict('E7612', `Organisation unit not found or not accessible: \`${orgUnit}\``, { orgUnit }, [index]);
      } else if (coc !== DEFAULT_COC && !metadata.dataElements[dataElement]!.includes(coc)) {
        conflict('E7634', `Category option combo: \`${coc}\` must be part of category combo of data element: \`${dataElement}\``,
          { categoryOptionCombo: coc, dataElement }, [index]);
      } else if (dataSet && !dataSet.dataElements.includes(dataElement)) {
        conflict('E7633', `Data element: \`${dataElement}\` is not part of dataset: \`${body.dataSet}\``, { dataElement, dataSet: String(body.dataSet) }, [index]);
      } else if (dataSet && !dataSet.orgUnits.includes(orgUnit)) {
        conflict('E7636', `Data element: \`${dataElement}\` must be assigned through data sets to organisation unit: \`${orgUnit}\``,
          { orgUnit, dataElement }, [index]);
      }
      if (conflicts.length > before || conflicts.some(found => (found['indexes'] as number[]).includes(index))) {
        ignored++;
        return;
      }
      const key = `${orgUnit}/${dataElement}/${coc}/${body.period}`;
      if (stored.has(key)) {
        updated++;
      } else {
        imported++;
      }
      if (!dryRun) {
        stored.set(key, row['value']);
      }
    });
    const status = setLevelError ? 'ERROR' : conflicts.length > 0 ? 'WARNING' : 'SUCCESS';
    const summary = {
      responseType: 'ImportSummary',
      status,
      importOptions: { dryRun, importStrategy: url.searchParams.get('importStrategy') ?? 'CREATE_AND_UPDATE' },
      description: setLevelError ? 'Import process was aborted' : 'Import process completed successfully',
      importCount: { imported, updated, ignored, deleted: 0 },
      // Before 2.38 a conflict has only `object` and `value`.
      conflicts: wrapped ? conflicts : conflicts.map(({ object, value }) => ({ object, value })),
      ...(wrapped ? { rejectedIndexes: conflicts.flatMap(found => found['indexes'] as number[]) } : {}),
      dataSetComplete: 'false',
    };
    if (!wrapped) {
      return send(200, summary);
    }
    const hasConflicts = conflicts.length > 0;
    return send(hasConflicts ? 409 : 200, {
      httpStatus: hasConflicts ? 'Conflict' : 'OK',
      httpStatusCode: hasConflicts ? 409 : 200,
      status,
      message: hasConflicts ? 'One more conflicts encountered, please check import summary.' : 'Import was successful.',
      response: summary,
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>(resolve => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    stored,
    behaviour,
    options,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
};
