import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, serverCodeVersion } from './code-version';

export { REPO_ROOT };
const PARENT_WATCH = path.join(__dirname, 'parent-watch.mjs');
const MEMORY_PROBE = path.join(__dirname, 'memory-probe.mjs');

/**
 * Node's flags as `npm run serve` starts the server (its memory settings): the benchmark measures
 * the server as it is run.
 */
const serveWords = (): string[] => {
  const { scripts } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  return scripts['serve'].split(/\s+/);
};

export const serveNodeFlags = (): string[] => {
  const words = serveWords();
  return words.slice(words.indexOf('node') + 1, words.indexOf('--import')).filter(word => word.startsWith('--'));
};

/** The environment `npm run serve` sets before `node` (glibc's malloc arenas). */
export const serveEnvironment = (): Record<string, string> => {
  const words = serveWords();
  return Object.fromEntries(words.slice(0, words.indexOf('node')).map(word => word.split('=', 2) as [string, string]));
};

/** A server's resident memory, split: what the kernel says (VmRSS) and what V8 holds of it. */
export interface MemorySample {
  /** VmRSS. */
  rss?: number;
  /** RssAnon: heap, buffers and every native allocation (LevelDB's caches, zlib, …). */
  anon?: number;
  /** RssFile: pages of files mapped into the process, here mostly the LevelDB tables (reclaimable). */
  mapped?: number;
  /** V8's heap as committed (heapTotal), read by the probe inside the process. */
  heap?: number;
  /** Anonymous memory outside V8's heap: anon − heap. */
  native?: number;
}

export interface ServerOptions {
  label: string;
  dataDir: string;
  adminPassword: string;
  couchUrl?: string;
  startTimeoutMs?: number;
}

const running = new Set<ServerProcess>();

/** Stops every server still running (on exit, failure or a signal); safe to call more than once. */
export const stopAllServers = async (): Promise<void> => {
  await Promise.all([...running].map(server => server.stop()));
};

export const runningServerPids = (): number[] => [...running].map(server => server.pid);

/** Last resort from a synchronous 'exit' handler. */
export const killAllServersNow = (): void => {
  for (const server of running) {
    server.killNow();
  }
};

/**
 * The real server as a child process: `node --import tsx server/src/main.ts` on a free port
 * (PORT=0) of 127.0.0.1, with its own DATA_DIR and no demo data.
 */
export class ServerProcess {
  url = '';
  /** From spawning to its "running at" line. */
  startMs = 0;
  /** The server code it was started from (commit, and uncommitted changes if any). */
  codeVersion = '';
  private exited = false;
  private readonly exitPromise: Promise<void>;
  private readonly logTail: string[] = [];

  private constructor(readonly label: string, private readonly child: ChildProcess, private readonly memoryFile: string) {
    this.exitPromise = new Promise(resolve => child.once('exit', () => {
      this.exited = true;
      running.delete(this);
      resolve();
    }));
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  static async start(options: ServerOptions): Promise<ServerProcess> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...serveEnvironment(),
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: options.dataDir,
      DEMO_DATA: '0',
      ADMIN_USER: 'admin',
      ADMIN_PASSWORD: options.adminPassword,
    };
    delete env['COUCH_URL'];
    if (options.couchUrl) {
      env['COUCH_URL'] = options.couchUrl;
    }
    env['BENCH_MEMORY_FILE'] = `${options.dataDir}.memory.json`;
    const codeVersion = serverCodeVersion();
    const child = spawn(process.execPath, [...serveNodeFlags(), '--import', 'tsx', '--import', PARENT_WATCH, '--import', MEMORY_PROBE, 'server/src/main.ts'], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new ServerProcess(options.label, child, env['BENCH_MEMORY_FILE']);
    server.codeVersion = codeVersion;
    running.add(server);
    const started = performance.now();
    try {
      server.url = await server.waitForUrl(options.startTimeoutMs ?? 120_000);
      server.startMs = performance.now() - started;
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  private waitForUrl(timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (error: Error | undefined, url?: string) => {
        if (!settled) {
          settled = true;
          clearTimeout(timer);
          if (error) {
            reject(error);
          } else {
            resolve(url!);
          }
        }
      };
      const timer = setTimeout(() => settle(new Error(`${this.label} server did not say "running at" within ${timeoutMs} ms:\n${this.tail()}`)), timeoutMs);
      const onLine = (line: string) => {
        this.remember(line);
        const match = /running at (http:\/\/\S+)/.exec(line);
        if (match) {
          settle(undefined, match[1].replace('localhost', '127.0.0.1'));
        }
      };
      this.linesOf(this.child.stdout!, onLine);
      this.linesOf(this.child.stderr!, line => this.remember(line));
      this.child.once('exit', code => settle(new Error(`${this.label} server exited (code ${code}) before it was running:\n${this.tail()}`)));
      this.child.once('error', error => settle(error));
    });
  }

  private linesOf(stream: NodeJS.ReadableStream, onLine: (line: string) => void) {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      lines.forEach(onLine);
    });
  }

  private remember(line: string) {
    this.logTail.push(line);
    if (this.logTail.length > 200) {
      this.logTail.shift();
    }
  }

  /** The server's last lines of output (stdout and stderr). */
  tail(lines = 30): string {
    return this.logTail.slice(-lines).map(line => `  [${this.label}] ${line}`).join('\n');
  }

  /** The last lines the server printed (up to 200). */
  logLines(): string[] {
    return [...this.logTail];
  }

  /** Resident memory in bytes (VmRSS from /proc), or undefined where there is no /proc. */
  rssBytes(): number | undefined {
    return this.rss().rss;
  }

  /**
   * VmRSS split: its anonymous part (RssAnon), and of that the V8 heap (as the process reports it)
   * and the rest (native); the file pages (RssFile) are mostly the LevelDB tables, which LevelDB
   * maps into memory and the kernel can drop at any time.
   */
  rss(): MemorySample {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = (name: string) => {
        const match = new RegExp(`${name}:\\s+(\\d+)\\s+kB`).exec(status);
        return match ? Number(match[1]) * 1024 : undefined;
      };
      const sample: MemorySample = { rss: kb('VmRSS'), anon: kb('RssAnon'), mapped: kb('RssFile') };
      const heap = this.heapBytes();
      if (heap !== undefined && sample.anon !== undefined) {
        sample.heap = heap;
        sample.native = Math.max(0, sample.anon - heap);
      }
      return sample;
    } catch {
      return {};
    }
  }

  private heapBytes(): number | undefined {
    try {
      return (JSON.parse(readFileSync(this.memoryFile, 'utf8')) as { heapTotal?: number }).heapTotal;
    } catch {
      return undefined;
    }
  }

  /** SIGTERM (the server closes its database), SIGKILL after 10 s. */
  async stop(): Promise<void> {
    if (this.exited) {
      return;
    }
    this.child.kill('SIGTERM');
    const killed = setTimeout(() => this.killNow(), 10_000);
    await this.exitPromise;
    clearTimeout(killed);
  }

  killNow(): void {
    if (!this.exited) {
      this.child.kill('SIGKILL');
    }
  }
}
