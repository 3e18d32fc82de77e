// Test support: a real, throw-away redis-server per test file.
//
// Each instance runs as a child process on a free loopback port with its own
// temporary data directory, configured for durability exactly like production
// (AOF on, appendfsync always, noeviction, no RDB snapshots; see DESIGN.md §4),
// so tests can SIGKILL it, restart it on the same port and data directory
// (the AOF is replayed) or freeze it with SIGSTOP.

import { hasExited, waitForExit } from './child-exit.js';
import { fileSize, lastLines, readFrom } from './log-files.js';
import { PortInUseError, retryOnPortClash } from './port-clash.js';
import { spawnRegistry } from './spawn-registry.js';
import { spawnServer } from './spawn-server.js';
import { startOrStop } from './start-or-stop.js';
import { exchange } from './tcp-exchange.js';
import type { ChildProcess } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Redis, type RedisOptions } from 'ioredis';

export interface StartRedisOptions {
  /** Default `always`, as in production. */
  appendfsync?: 'always' | 'everysec';
  /** Passed as `--maxmemory` (e.g. `64mb`); unset means no limit. */
  maxmemory?: string;
  /** `--maxmemory-policy`; default `noeviction`, as in production. */
  policy?: string;
}

export interface TestRedis {
  readonly port: number;
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  /** Temporary data directory (AOF lives in `<dataDir>/appendonlydir`, log in `<dataDir>/redis.log`). */
  readonly dataDir: string;
  /** PID of the current redis-server process, or undefined while it is not running. */
  readonly pid: number | undefined;
  /** A new ioredis client for this server; closed by stop(). `options` override the defaults. */
  client(options?: RedisOptions): Redis;
  /** Sends `signal` (default SIGKILL) and waits for the process to exit. No-op if it is not running. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts redis-server again on the same port and data dir (AOF replay) and waits for PING. SIGKILLs a running one first. */
  restart(): Promise<void>;
  /** SIGSTOP: the server stops answering but keeps its connections open. */
  pause(): void;
  /** SIGCONT */
  resume(): void;
  /** Closes clients, kills the server, removes the data dir. Safe to call twice. */
  stop(): Promise<void>;
  /** Last lines of the server log (for assertion messages). */
  logTail(lines?: number): Promise<string>;
}

export const REDIS_MISSING_MESSAGE =
  'redis-server not found on PATH: run `bash scripts/ensure-system-deps.sh` or `apt-get install redis-server`';

const START_TIMEOUT_MS = 10_000;
const EXIT_TIMEOUT_MS = 10_000;
const PORT_ATTEMPTS = 5;

// Every redis-server we spawned and data dir not yet removed (see spawn-registry.ts).
// The exit hook SIGKILLs the server itself.
const registry = spawnRegistry('order-hub.tests.test-redis', (child) => child.kill('SIGKILL'));

async function findRedisServer(): Promise<string> {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, 'redis-server');
    try {
      await access(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  throw new Error(REDIS_MISSING_MESSAGE);
}

/** A port that was free a moment ago on 127.0.0.1 (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('could not allocate a port'))));
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends one RESP command over a fresh TCP connection and returns the reply's first line
 * (`+PONG`, `-LOADING ...`) or, for a bulk string, its payload. null if unreachable or too slow.
 */
function rawCommand(port: number, args: string[], timeoutMs = 500): Promise<string | null> {
  const parts = [`*${args.length}\r\n`];
  for (const arg of args) parts.push(`$${Buffer.byteLength(arg)}\r\n${arg}\r\n`);
  return exchange(port, parts.join(''), replyOf, timeoutMs);
}

/** The first line of a RESP reply or a bulk string's payload; undefined while incomplete. */
function replyOf(buffer: Buffer): string | undefined {
  const eol = buffer.indexOf('\r\n');
  if (eol < 0) return undefined;
  const head = buffer.subarray(0, eol).toString('utf8');
  if (!head.startsWith('$')) return head;
  const length = Number(head.slice(1));
  if (length < 0) return '';
  return buffer.length >= eol + 2 + length + 2 ? buffer.subarray(eol + 2, eol + 2 + length).toString('utf8') : undefined;
}

class RedisInstance implements TestRedis {
  port: number;
  readonly dataDir: string;
  private child: ChildProcess | undefined;
  private paused = false;
  private stopped = false;
  private readonly clients = new Set<Redis>();
  private readonly logFile: string;
  private readonly stderrFile: string;

  constructor(
    private readonly binary: string,
    dataDir: string,
    private readonly options: Required<Pick<StartRedisOptions, 'appendfsync' | 'policy'>> &
      Pick<StartRedisOptions, 'maxmemory'>,
  ) {
    this.port = 0;
    this.dataDir = dataDir;
    this.logFile = path.join(dataDir, 'redis.log');
    this.stderrFile = path.join(dataDir, 'redis.stderr');
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child !== undefined && !hasExited(this.child) ? this.child.pid : undefined;
  }

  private args(): string[] {
    const args = [
      '--port', String(this.port),
      '--bind', '127.0.0.1',
      '--dir', this.dataDir,
      '--daemonize', 'no',
      '--protected-mode', 'yes',
      '--loglevel', 'warning',
      '--logfile', this.logFile,
      '--appendonly', 'yes',
      '--appendfsync', this.options.appendfsync,
      '--maxmemory-policy', this.options.policy,
      '--save', '',
    ];
    if (this.options.maxmemory !== undefined) args.push('--maxmemory', this.options.maxmemory);
    return args;
  }

  /** First start: picks a free port, retrying if another process grabs it first. */
  async start(): Promise<void> {
    await retryOnPortClash(PORT_ATTEMPTS, 'could not start redis-server', async () => {
      this.port = await freePort();
      await this.launch();
    });
  }

  /** Spawns redis-server on this.port and waits until it answers PING as itself. */
  private async launch(): Promise<void> {
    const logOffset = await fileSize(this.logFile);
    const stderrOffset = await fileSize(this.stderrFile);
    const spawned = await spawnServer(this.binary, this.args(), this.stderrFile, registry);
    const child = spawned.child;
    this.child = child;
    this.paused = false;

    const output = async (): Promise<string> =>
      (await readFrom(this.logFile, logOffset)) + (await readFrom(this.stderrFile, stderrOffset));
    const failure = async (reason: string): Promise<Error> => {
      const text = await output();
      const message = `redis-server on port ${this.port} ${reason}\n--- redis log (last lines) ---\n${lastLines(text, 20)}`;
      return /Address already in use/i.test(text) ? new PortInUseError(message) : new Error(message);
    };

    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      spawned.throwIfSpawnFailed(REDIS_MISSING_MESSAGE);
      if (hasExited(child)) {
        throw await failure(`exited during start (code ${child.exitCode}, signal ${child.signalCode})`);
      }
      const reply = await rawCommand(this.port, ['PING']);
      if (reply === '+PONG') {
        // Make sure the server answering is ours, not one that took the port first.
        const info = await rawCommand(this.port, ['INFO', 'server']);
        const match = info === null ? null : /process_id:(\d+)/.exec(info);
        if (match !== null && Number(match[1]) === child.pid) return;
        if (match !== null) {
          await waitForExit(child, 2_000);
          child.kill('SIGKILL');
          throw new PortInUseError(`port ${this.port} is served by another redis (pid ${match[1]})`);
        }
      }
      // null (not listening yet) or -LOADING (replaying the AOF): keep waiting.
      await sleep(50);
    }
    child.kill('SIGKILL');
    await waitForExit(child, 2_000);
    throw await failure(`did not answer PING within ${START_TIMEOUT_MS} ms`);
  }

  client(options: RedisOptions = {}): Redis {
    if (this.stopped) throw new Error('TestRedis.client() called after stop()');
    const client = new Redis({ host: '127.0.0.1', port: this.port, ...options });
    // Tests that kill the server would otherwise get unhandled 'error' events.
    client.on('error', () => undefined);
    client.once('end', () => this.clients.delete(client));
    this.clients.add(client);
    return client;
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (child === undefined || hasExited(child)) return;
    child.kill(signal);
    // A stopped process only acts on SIGKILL; let it see anything else.
    if (this.paused && signal !== 'SIGKILL' && signal !== 'SIGSTOP') child.kill('SIGCONT');
    if (!(await waitForExit(child, EXIT_TIMEOUT_MS))) {
      child.kill('SIGKILL');
      if (!(await waitForExit(child, 2_000))) {
        throw new Error(`redis-server pid ${child.pid} did not exit after ${signal} and SIGKILL`);
      }
    }
    this.paused = false;
    registry.children.delete(child);
  }

  async restart(): Promise<void> {
    if (this.stopped) throw new Error('TestRedis.restart() called after stop()');
    await this.kill('SIGKILL');
    // The port is ours (redis uses SO_REUSEADDR); a clash here is a real error, not a retry.
    await this.launch();
  }

  pause(): void {
    if (this.child === undefined || hasExited(this.child)) throw new Error('redis-server is not running');
    this.child.kill('SIGSTOP');
    this.paused = true;
  }

  resume(): void {
    if (this.child === undefined || hasExited(this.child)) throw new Error('redis-server is not running');
    this.child.kill('SIGCONT');
    this.paused = false;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const clients = [...this.clients];
    this.clients.clear();
    await Promise.all(
      clients.map(async (client) => {
        if (client.status === 'ready' && !this.paused) {
          await Promise.race([client.quit().catch(() => undefined), sleep(1_000)]);
        }
        client.disconnect();
      }),
    );
    await this.kill('SIGKILL');
    await rm(this.dataDir, { recursive: true, force: true, maxRetries: 3 });
    registry.dirs.delete(this.dataDir);
  }

  async logTail(lines = 20): Promise<string> {
    return lastLines(await readFrom(this.logFile, 0), lines);
  }
}

/**
 * Starts a fresh redis-server (durable like production) on a free 127.0.0.1 port with its own
 * temp data dir, and resolves once it answers PING. Always `await redis.stop()` in afterAll.
 */
export async function startRedis(options: StartRedisOptions = {}): Promise<TestRedis> {
  const binary = await findRedisServer();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hub-test-redis-'));
  registry.dirs.add(dataDir);
  const instance = new RedisInstance(binary, dataDir, {
    appendfsync: options.appendfsync ?? 'always',
    policy: options.policy ?? 'noeviction',
    maxmemory: options.maxmemory,
  });
  return startOrStop(instance);
}
