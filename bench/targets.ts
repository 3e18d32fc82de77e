/**
 * The servers under test: the hub or the floor program, each either as one process
 * (`hub start`; the floor with its worker) or split (`hub api` / the floor's intake
 * alone, then worker processes added one by one with addWorker(): `hub worker` /
 * the floor's worker role). Each process is started by processes.ts and stopped by stop().
 */
import { WEBHOOK_SECRET } from '../tests/support/hub.js';
import { freePort } from '../tests/support/ports.js';
import { FLOOR_ENTRY, HUB_ENTRY } from './compiled.js';
import type { Delivery } from './delivery.js';
import { HUB_INTAKE_PATHS, writeHubConfig } from './hub-config.js';
import type { PayloadKind } from './payloads.js';
import { launch, type ServerProcess } from './processes.js';
import type { TargetKind } from './protocol.js';

/** The floor's intake path per payload kind. */
export const FLOOR_INTAKE_PATHS: Record<PayloadKind, string> = {
  'shopify-json': '/in',
  xml: '/in-xml',
};

export interface RunningTarget {
  kind: TargetKind;
  /** What runs, e.g. 'hub start', 'hub api + 2 workers'. */
  name: string;
  /** Where 'shopify-json' orders are POSTed. */
  ingestUrl: string;
  /** Where orders of a payload kind are POSTed. */
  intakeUrl(payload: PayloadKind): string;
  /** Webhook secret the target checks (the hub's web-shop instance). */
  secret: string;
  /** PID of the first process (API, or the only one). */
  pid: number;
  /** Redis key prefix the target uses. */
  prefix: string;
  logFile: string;
  /** Every process of the target, the API (or only) process first. */
  processes: ServerProcess[];
  /** RSS of the largest process (each process is a Node RSS of its own). */
  memory(): { rssMb: number; peakRssMb: number };
  stop(): Promise<void>;
}

export interface SplitTarget extends RunningTarget {
  /** Starts one more worker process and waits until it is ready. */
  addWorker(): Promise<void>;
  /** Starts the missing worker processes at once (or stops the last ones) until `count` run. */
  setWorkers(count: number): Promise<void>;
  workers(): number;
}

function target(kind: TargetKind, name: string, base: string, prefix: string, first: ServerProcess): RunningTarget {
  const paths = kind === 'hub' ? HUB_INTAKE_PATHS : FLOOR_INTAKE_PATHS;
  const processes = [first];
  return {
    kind, name, prefix, processes, secret: WEBHOOK_SECRET, pid: first.pid, logFile: first.logFile,
    ingestUrl: `${base}${paths['shopify-json']}`,
    intakeUrl: (payload) => `${base}${paths[payload]}`,
    memory: () => {
      const all = processes.map((server) => server.memory());
      return { rssMb: Math.max(...all.map((m) => m.rssMb)), peakRssMb: Math.max(...all.map((m) => m.peakRssMb)) };
    },
    async stop() {
      // Workers first, so nothing is left half-consumed by a worker whose API is gone.
      for (const server of [...processes].reverse()) await server.stop();
    },
  };
}

function split(base: RunningTarget, startWorker: (n: number) => Promise<ServerProcess>): SplitTarget {
  const processes = base.processes;
  const workers = (): number => processes.length - 1;
  const target: SplitTarget = {
    ...base,
    addWorker: () => target.setWorkers(workers() + 1),
    async setWorkers(count) {
      const first = processes.length;
      const started = await Promise.allSettled(Array.from({ length: Math.max(0, count - workers()) }, (_, i) => startWorker(first + i)));
      for (const result of started) if (result.status === 'fulfilled') processes.push(result.value);
      const failed = started.find((result) => result.status === 'rejected');
      if (failed !== undefined) throw failed.reason;
      while (workers() > count) await processes.pop()!.stop();
      target.name = `${base.kind} api + ${workers()} worker${workers() === 1 ? '' : 's'}`;
    },
    workers,
  };
  return target;
}

function hubArgs(command: 'start' | 'api' | 'worker', file: string): string[] {
  return [HUB_ENTRY, command, '--config', file];
}

function floorEnv(redisUrl: string, delivery: Delivery, prefix: string, port: number, role: 'all' | 'api' | 'worker'): NodeJS.ProcessEnv {
  const out = delivery.kind === 'http' ? { FLOOR_SINK_URL: `${delivery.sinkUrl}/orders` } : { FLOOR_SFTP: JSON.stringify(delivery.floor) };
  return { ...process.env, FLOOR_REDIS_URL: redisUrl, FLOOR_PORT: String(port), FLOOR_PREFIX: prefix, FLOOR_ROLE: role, ...out };
}

function floorPrefix(): string {
  return `floor${process.pid}x${Date.now().toString(36)}`;
}

/** The hub with API and workers in one process (`hub start`). */
export async function startHubWith(redisUrl: string, delivery: Delivery): Promise<RunningTarget> {
  const port = await freePort();
  const { file, prefix } = writeHubConfig(redisUrl, delivery, port);
  const base = `http://127.0.0.1:${port}`;
  const server = await launch('hub start', hubArgs('start', file), { ...process.env }, `${base}/readyz`);
  return target('hub', 'hub start', base, prefix, server);
}

/** `hub start` delivering to the HTTP sink at `sinkUrl`. */
export function startHub(redisUrl: string, sinkUrl: string): Promise<RunningTarget> {
  return startHubWith(redisUrl, { kind: 'http', sinkUrl });
}

/** `hub api` alone (its /readyz waits for workers, so /healthz is the probe); addWorker() starts `hub worker` processes. */
export async function startHubSplit(redisUrl: string, delivery: Delivery): Promise<SplitTarget> {
  const port = await freePort();
  const { file, prefix } = writeHubConfig(redisUrl, delivery, port);
  const base = `http://127.0.0.1:${port}`;
  const api = await launch('hub api', hubArgs('api', file), { ...process.env }, `${base}/healthz`);
  return split(target('hub', 'hub api', base, prefix, api), async (n) => {
    const probePort = await freePort();
    return launch(`hub worker ${n}`, [...hubArgs('worker', file), '--probe-port', String(probePort)], { ...process.env },
      `http://127.0.0.1:${probePort}/readyz`);
  });
}

/** The floor program in one process (intake and worker). */
export async function startFloorWith(redisUrl: string, delivery: Delivery): Promise<RunningTarget> {
  const port = await freePort();
  const prefix = floorPrefix();
  const base = `http://127.0.0.1:${port}`;
  const server = await launch('floor', [FLOOR_ENTRY], floorEnv(redisUrl, delivery, prefix, port, 'all'), `${base}/healthz`);
  return target('floor', 'floor', base, prefix, server);
}

/** The floor's intake alone; addWorker() starts worker-only floor processes on the same prefix. */
export async function startFloorSplit(redisUrl: string, delivery: Delivery): Promise<SplitTarget> {
  const port = await freePort();
  const prefix = floorPrefix();
  const base = `http://127.0.0.1:${port}`;
  const api = await launch('floor api', [FLOOR_ENTRY], floorEnv(redisUrl, delivery, prefix, port, 'api'), `${base}/healthz`);
  return split(target('floor', 'floor api', base, prefix, api), async (n) => {
    const probePort = await freePort();
    return launch(`floor worker ${n}`, [FLOOR_ENTRY], floorEnv(redisUrl, delivery, prefix, probePort, 'worker'),
      `http://127.0.0.1:${probePort}/healthz`);
  });
}
