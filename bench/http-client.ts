import http from 'node:http';
import { StringDecoder } from 'node:string_decoder';

export interface HttpResult {
  status: number;
  /** From sending the request to the last byte of the body. */
  ms: number;
  bytes: number;
  /** The body, when asked for with `collect`. */
  text?: string;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  /** Keep the body (otherwise it is read fully and only counted). */
  collect?: boolean;
  timeoutMs?: number;
  /** The Accept header (default application/json). */
  accept?: string;
}

export const basicAuth = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

export class HttpError extends Error {
  constructor(readonly status: number, readonly what: string, readonly body: string) {
    super(`${what} answered ${status}: ${body.slice(0, 500)}`);
    this.name = 'HttpError';
  }
}

/**
 * A plain node:http client to one server, as its admin. node:http
 * (not fetch) so a long cold export is not cut off by fetch's 300 s header timeout and bodies of
 * hundreds of MB can be read and counted without being kept.
 */
export class HttpClient {
  /**
   * A new connection for every request: reusing idle keep-alive connections races with the
   * server closing them after its keep-alive timeout (5 s in Node), which shows as "socket hang
   * up" on a request that never reached the server. A local connection costs well under 1 ms.
   */
  private readonly agent = new http.Agent({ keepAlive: false, maxSockets: 64 });

  /**
   * `database`: the name of the CHT database on this server; paths are written with `/medic` and
   * sent to it (a real CouchDB gets a database of the benchmark's own).
   */
  constructor(
    readonly origin: string,
    private readonly authorization: string,
    private readonly defaultTimeoutMs = 30 * 60_000,
    private readonly database = 'medic',
  ) {}

  request(pathGiven: string, options: RequestOptions = {}): Promise<HttpResult> {
    const { method = 'GET', collect = false, timeoutMs = this.defaultTimeoutMs } = options;
    const path = this.database === 'medic' ? pathGiven : pathGiven.replace(/^\/medic(?=\/|\?|$)/, `/${this.database}`);
    const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
    const url = new URL(path, this.origin);
    const started = performance.now();
    return new Promise<HttpResult>((resolve, reject) => {
      const request = http.request(url, {
        method,
        agent: this.agent,
        headers: {
          authorization: this.authorization,
          accept: options.accept ?? 'application/json',
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
        },
      }, response => {
        const keep = collect || (response.statusCode ?? 0) >= 400;
        const decoder = new StringDecoder('utf8');
        const parts: string[] = [];
        let bytes = 0;
        response.on('data', (chunk: Uint8Array) => {
          bytes += chunk.length;
          if (keep) {
            parts.push(decoder.write(chunk));
          }
        });
        response.on('end', () => {
          clearTimeout(timer);
          resolve({
            status: response.statusCode ?? 0,
            ms: performance.now() - started,
            bytes,
            ...(keep ? { text: parts.join('') + decoder.end() } : {}),
          });
        });
        response.on('error', error => {
          clearTimeout(timer);
          reject(new Error(`${method} ${url.origin}${path}: reading the response: ${error.message}`, { cause: error }));
        });
      });
      const timer = setTimeout(() => request.destroy(new Error(`${method} ${path} timed out after ${timeoutMs} ms`)), timeoutMs);
      request.on('error', error => {
        clearTimeout(timer);
        reject(new Error(`${method} ${url.origin}${path}: ${error.message}`, { cause: error }));
      });
      request.end(payload);
    });
  }

  /** A request that must succeed, with its body parsed. */
  async json<T>(path: string, options: Omit<RequestOptions, 'collect'> = {}): Promise<{ body: T; ms: number; bytes: number }> {
    const result = await this.request(path, { ...options, collect: true });
    if (result.status >= 300) {
      throw new HttpError(result.status, `${options.method ?? 'GET'} ${path}`, result.text ?? '');
    }
    return { body: JSON.parse(result.text ?? 'null') as T, ms: result.ms, bytes: result.bytes };
  }

  close(): void {
    this.agent.destroy();
  }
}
