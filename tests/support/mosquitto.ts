// Test support: a real, throw-away Mosquitto MQTT broker (Debian's `mosquitto`, 2.0.x) per test.
//
// Each instance runs `/usr/sbin/mosquitto -c <dir>/mosquitto.conf` as a child process on a free
// loopback port with its own temporary directory: the config, the persistence database
// (`mosquitto.db`, saved every second and at a clean shutdown) and the log. Nothing is read from
// or written to /etc/mosquitto or /var/lib/mosquitto and the system service is never touched,
// so several instances (test files) can run side by side, next to a system broker on 1883.
//
// Anonymous clients, plain MQTT (no TLS). Persistent sessions (clean: false) keep their
// subscriptions and queue up to 10 000 QoS 1/2 messages each while offline (a fleet's uploads),
// across restart() (clean shutdown, then the same port and dir) and, for what the last autosave
// caught, across kill() (SIGKILL) + restart().
//
// As root (CI): mosquitto would drop to the `mosquitto` user, which cannot write the root-owned
// temp dir, so the config says `user <current user>` (for root: stay root; for anyone else the
// setting has no effect). Mosquitto then warns on stderr that it runs as root; harmless here.

import { hasExited, waitForExit } from './child-exit.js';
import { fileSize, lastLines, logAndStderrTail, readFrom } from './log-files.js';
import { freePort } from './ports.js';
import { PortInUseError, retryOnPortClash } from './port-clash.js';
import { spawnRegistry } from './spawn-registry.js';
import { spawnServer } from './spawn-server.js';
import { startOrStop } from './start-or-stop.js';
import { exchange } from './tcp-exchange.js';
import type { ChildProcess } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface StartMosquittoOptions {
  /** `max_queued_messages` per client session. Default 10 000. */
  maxQueuedMessages?: number;
  /** `max_inflight_messages` per client. Default 100. */
  maxInflightMessages?: number;
  /** `autosave_interval` in seconds (time-based saving of the persistence database). Default 1. */
  autosaveIntervalSeconds?: number;
}

export interface TestMosquitto {
  /** '127.0.0.1' */
  readonly host: string;
  readonly port: number;
  /** `mqtt://127.0.0.1:<port>` */
  readonly url: string;
  /** The temp dir: mosquitto.conf, mosquitto.db, mosquitto.log, mosquitto.stderr. */
  readonly dir: string;
  /** The persistence database (exists after the first autosave). */
  readonly dbFile: string;
  /** PID of the running broker, or undefined while it is not running. */
  readonly pid: number | undefined;
  /** SIGKILL: the broker dies at once; only what the last autosave wrote survives a restart(). */
  kill(): Promise<void>;
  /**
   * A clean shutdown (SIGTERM: mosquitto saves its database) if it is running, then mosquitto
   * again on the same port and dir; resolves once it accepts MQTT connections. Persistent
   * sessions, their subscriptions and queued messages are kept.
   */
  restart(): Promise<void>;
  /** Kills the broker and removes the temp dir. Safe to call twice. */
  stop(): Promise<void>;
  /** Last lines of the broker log and stderr (for assertion messages). */
  logTail(lines?: number): Promise<string>;
}

export const MOSQUITTO_BINARY = '/usr/sbin/mosquitto';
export const MOSQUITTO_MISSING_MESSAGE =
  `${MOSQUITTO_BINARY} not found: run \`bash scripts/ensure-system-deps.sh mosquitto\` (Debian/Ubuntu: apt-get install mosquitto)`;

const START_TIMEOUT_MS = 10_000;
/** Mosquitto saves its database and exits within milliseconds of SIGTERM. */
const SHUTDOWN_TIMEOUT_MS = 5_000;
const PORT_ATTEMPTS = 5;

// Every broker we spawned and temp dir not yet removed (see spawn-registry.ts). One process, no tree.
const registry = spawnRegistry('order-hub.tests.test-mosquitto', (child) => child.kill('SIGKILL'));

async function assertMosquittoInstalled(): Promise<void> {
  try {
    await access(MOSQUITTO_BINARY, fsConstants.X_OK);
  } catch {
    throw new Error(MOSQUITTO_MISSING_MESSAGE);
  }
}

/** MQTT 3.1.1 CONNECT, clean session, empty client id (the broker assigns one), keep-alive 10 s. */
const PROBE_CONNECT = Buffer.from([
  0x10, 12, // CONNECT, remaining length
  0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, // "MQTT"
  0x04, // protocol level 4 (3.1.1)
  0x02, // flags: clean session
  0x00, 0x0a, // keep-alive
  0x00, 0x00, // client id ""
]);

/** 'accepted', 'refused <code>' or 'unexpected <hex>' once a CONNACK (4 bytes) arrived. */
function connackOf(received: Buffer): string | undefined {
  if (received.length < 4) return undefined;
  if (received[0] !== 0x20 || received[1] !== 0x02) return `unexpected ${received.subarray(0, 4).toString('hex')}`;
  return received[3] === 0 ? 'accepted' : `refused ${received[3]}`;
}

interface Layout {
  dir: string;
  config: string;
  db: string;
  log: string;
  stderr: string;
}

function layoutOf(dir: string): Layout {
  return {
    dir,
    config: path.join(dir, 'mosquitto.conf'),
    db: path.join(dir, 'mosquitto.db'),
    log: path.join(dir, 'mosquitto.log'),
    stderr: path.join(dir, 'mosquitto.stderr'),
  };
}

function mosquittoConfig(layout: Layout, port: number, options: Required<StartMosquittoOptions>): string {
  return `# Written by tests/support/mosquitto.ts for one test instance; see the header there.
# Everything mosquitto writes stays under ${layout.dir}.
user ${os.userInfo().username}
listener ${port} 127.0.0.1
allow_anonymous true

persistence true
persistence_location ${layout.dir}/
persistence_file mosquitto.db
autosave_interval ${options.autosaveIntervalSeconds}
autosave_on_changes false

# A persistent session queues a whole fleet's uploads while its subscriber is away.
max_queued_messages ${options.maxQueuedMessages}
max_inflight_messages ${options.maxInflightMessages}

log_dest file ${layout.log}
log_type error
log_type warning
log_type notice
log_type information
connection_messages true
log_timestamp_format %Y-%m-%dT%H:%M:%S
`;
}

class MosquittoInstance implements TestMosquitto {
  readonly host = '127.0.0.1';
  port = 0;
  private child: ChildProcess | undefined;
  private stopped = false;

  constructor(
    private readonly layout: Layout,
    private readonly options: Required<StartMosquittoOptions>,
  ) {}

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  get dir(): string {
    return this.layout.dir;
  }

  get dbFile(): string {
    return this.layout.db;
  }

  get pid(): number | undefined {
    return this.child !== undefined && !hasExited(this.child) ? this.child.pid : undefined;
  }

  /** First start: picks a free port, retrying if another process grabs it first. */
  async start(): Promise<void> {
    await retryOnPortClash(PORT_ATTEMPTS, 'could not start mosquitto', async () => {
      this.port = await freePort();
      await this.launch();
    });
  }

  /**
   * Writes the config for this.port, spawns mosquitto and waits until it logged "running" (so the
   * listener is its own, not another process's on the same port) and answers an MQTT CONNECT.
   */
  private async launch(): Promise<void> {
    await writeFile(this.layout.config, mosquittoConfig(this.layout, this.port, this.options), { mode: 0o644 });
    const logOffset = await fileSize(this.layout.log);
    const stderrOffset = await fileSize(this.layout.stderr);
    const spawned = await spawnServer(MOSQUITTO_BINARY, ['-c', this.layout.config], this.layout.stderr, registry);
    const child = spawned.child;
    this.child = child;

    const output = async (): Promise<string> =>
      (await readFrom(this.layout.log, logOffset)) + (await readFrom(this.layout.stderr, stderrOffset));
    const failure = async (reason: string): Promise<Error> => {
      const text = await output();
      const message = `mosquitto on port ${this.port} ${reason}\n--- mosquitto log and stderr (last lines) ---\n${lastLines(text, 20)}`;
      return /Address already in use/i.test(text) ? new PortInUseError(message) : new Error(message);
    };

    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      spawned.throwIfSpawnFailed(MOSQUITTO_MISSING_MESSAGE);
      if (hasExited(child)) {
        throw await failure(`exited during start (code ${child.exitCode}, signal ${child.signalCode})`);
      }
      if (/mosquitto version \S+ running/.test(await readFrom(this.layout.log, logOffset))) {
        const reply = await exchange(this.port, PROBE_CONNECT.toString('latin1'), connackOf, 1_000);
        if (reply === 'accepted' && !hasExited(child)) return;
        if (reply !== null && reply !== 'accepted') {
          await this.kill();
          throw await failure(`answered the probe CONNECT with ${reply}`);
        }
      }
      await sleep(25);
    }
    await this.kill();
    throw await failure(`did not accept an MQTT connection within ${START_TIMEOUT_MS} ms`);
  }

  /** Sends `signal` and waits for the exit; SIGKILL when a SIGTERM is not obeyed in time. */
  private async signalAndWait(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (child === undefined || hasExited(child)) return;
    child.kill(signal);
    if (!(await waitForExit(child, SHUTDOWN_TIMEOUT_MS))) {
      child.kill('SIGKILL');
      if (!(await waitForExit(child, 2_000))) throw new Error(`mosquitto pid ${child.pid} did not exit after ${signal} and SIGKILL`);
    }
    registry.children.delete(child);
  }

  async kill(): Promise<void> {
    await this.signalAndWait('SIGKILL');
  }

  async restart(): Promise<void> {
    if (this.stopped) throw new Error('TestMosquitto.restart() called after stop()');
    await this.signalAndWait('SIGTERM');
    // The port is ours (mosquitto sets SO_REUSEADDR); a clash here is a real error, not a retry.
    await this.launch();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.kill();
    await rm(this.layout.dir, { recursive: true, force: true, maxRetries: 3 });
    registry.dirs.delete(this.layout.dir);
  }

  logTail(lines = 20): Promise<string> {
    return logAndStderrTail(this.layout, lines);
  }
}

/**
 * Starts a fresh Mosquitto broker on a free 127.0.0.1 port with its own temp dir, and resolves
 * once it accepts MQTT connections. Always `await broker.stop()` in afterAll (or a finally).
 */
export async function startMosquitto(options: StartMosquittoOptions = {}): Promise<TestMosquitto> {
  await assertMosquittoInstalled();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hub-test-mosquitto-'));
  registry.dirs.add(dir);
  // Paths go unquoted into mosquitto.conf, whose values end at the first space.
  if (/\s/.test(dir)) {
    await rm(dir, { recursive: true, force: true });
    registry.dirs.delete(dir);
    throw new Error(`the temp dir ${dir} must not contain white space (mosquitto.conf): set TMPDIR to another path`);
  }
  const instance = new MosquittoInstance(layoutOf(dir), {
    maxQueuedMessages: options.maxQueuedMessages ?? 10_000,
    maxInflightMessages: options.maxInflightMessages ?? 100,
    autosaveIntervalSeconds: options.autosaveIntervalSeconds ?? 1,
  });
  return startOrStop(instance);
}
