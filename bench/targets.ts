/**
 * The servers under test, each in its own process: the hub (`hub start` on a config
 * written by tests/support/hub.ts, production worker timings) or the floor program.
 * Starts one, waits until it answers its probe, reads its RSS from /proc, stops it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diesWithParent } from '../tests/support/parent-death.js';
import { WEBHOOK_SECRET, writeTestConfig } from '../tests/support/hub.js';
import type { TargetKind } from './protocol.js';

export interface RunningTarget {
  kind: TargetKind;
  /** Where orders are POSTed. */
  ingestUrl: string;
  /** Webhook secret the target checks (the hub's web-shop instance). */
  secret: string;
  pid: number;
  /** Redis key prefix the target uses. */
  prefix: string;
  logFile: string;
  memory(): { rssMb: number; peakRssMb: number };
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** VmRSS and VmHWM (peak) of a process, in MB. */
function memoryOf(pid: number): { rssMb: number; peakRssMb: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
  } catch {
    return { rssMb: Number.NaN, peakRssMb: Number.NaN };
  }
}

async function waitForProbe(url: string, child: ChildProcess, logFile: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${url}: process exited during start; see ${logFile}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} not ready within ${timeoutMs} ms; see ${logFile}`);
}

async function launch(kind: TargetKind, args: string[], env: NodeJS.ProcessEnv, probeUrl: string, ingestUrl: string, secret: string, prefix: string): Promise<RunningTarget> {
  const logFile = join(mkdtempSync(join(tmpdir(), `bench-${kind}-`)), `${kind}.log`);
  const fd = openSync(logFile, 'a');
  const [command, commandArgs] = await diesWithParent(process.execPath, ['--import', 'tsx', ...args]);
  let child: ChildProcess;
  try {
    child = spawn(command, commandArgs, { stdio: ['ignore', fd, fd], env });
  } finally {
    closeSync(fd);
  }
  live.add(child);
  const pid = child.pid!;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    live.delete(child);
  };
  try {
    await waitForProbe(probeUrl, child, logFile);
  } catch (error) {
    await stop();
    throw error;
  }
  return { kind, ingestUrl, secret, pid, prefix, logFile, memory: () => memoryOf(pid), stop };
}

/** The hub with API and workers in one process, delivering to `sinkUrl`. */
export async function startHub(redisUrl: string, sinkUrl: string): Promise<RunningTarget> {
  const port = await freePort();
  const { file, prefix } = writeTestConfig({
    redisUrl, omsUrl: sinkUrl,
    // Production defaults for worker timings (the test config shortens them).
    extra: { http: { port }, workers: { normalizeConcurrency: 8, lockDurationMs: 30_000, stalledIntervalMs: 30_000 } },
  });
  const base = `http://127.0.0.1:${port}`;
  return launch('hub', ['src/cli/main.ts', 'start', '--config', file], { ...process.env },
    `${base}/readyz`, `${base}/in/web-shop`, WEBHOOK_SECRET, prefix);
}

/** The floor program (bench/floor.ts), delivering to `sinkUrl`. */
export async function startFloor(redisUrl: string, sinkUrl: string): Promise<RunningTarget> {
  const port = await freePort();
  const prefix = `floor${process.pid}x${Date.now().toString(36)}`;
  const base = `http://127.0.0.1:${port}`;
  const env = { ...process.env, FLOOR_REDIS_URL: redisUrl, FLOOR_PORT: String(port), FLOOR_SINK_URL: `${sinkUrl}/orders`, FLOOR_PREFIX: prefix };
  return launch('floor', ['bench/floor.ts'], env, `${base}/healthz`, `${base}/in`, WEBHOOK_SECRET, prefix);
}
