/** How a connection to CouchDB fails: refused, reset, timed out, no route, no such host. */
const CONNECTION_FAILURES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
  'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT',
]);

/**
 * The database could not answer: its connection failed (PouchDB's and fetch's errors carry the
 * system code, fetch's in its `cause`), or CouchDB said 503 (e.g. a cluster that lost its nodes).
 * With COUCH_URL this happens while the CouchDB node it names restarts: the next request may work.
 */
export const isCouchUnavailable = (error: unknown): boolean => {
  const failure = error as { code?: unknown; status?: unknown; cause?: { code?: unknown } } | null;
  if (typeof failure !== 'object' || failure === null) {
    return false;
  }
  return CONNECTION_FAILURES.has(String(failure.code)) || CONNECTION_FAILURES.has(String(failure.cause?.code)) || failure.status === 503;
};
