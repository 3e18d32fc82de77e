/**
 * Runs the hub in one process: API, workers and poll schedulers (`start`), or only
 * one side (`api`, `worker`). Refuses to start on non-durable Redis unless the
 * configuration says `durability: warn`, and drains gracefully on SIGTERM/SIGINT.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { serve, type ServerType } from '@hono/node-server';
import { loadConfig } from '../config/load-config.js';
import type { HubConfig } from '../config/hub-config.js';
import { createApp } from '../http/app.js';
import { healthRoutes } from '../http/health-routes.js';
import { createLogger, type Logger } from '../obs/logger.js';
import { archiveLiveMappings } from '../pipeline/archive-mappings.js';
import { createRuntime, type HubRuntime } from '../pipeline/runtime.js';
import { startListeners, type Listeners } from '../pipeline/listeners.js';
import { startWorkers, type WorkerSet } from '../pipeline/workers.js';
import { discoverConnectors } from '../registry/discover.js';
import { checkDurability } from '../store/durability.js';

export interface RunOptions {
  configFile: string;
  api: boolean;
  workers: boolean;
  /** A worker-only process can still answer /healthz and /readyz on this port. */
  probePort?: number;
  log?: Logger;
}

export interface RunningHub {
  runtime: HubRuntime;
  url: string | undefined;
  workers: WorkerSet | undefined;
  /** Where each listening connector instance listens (instance id → address). */
  listening: Record<string, string>;
  stop(): Promise<void>;
}

export async function runHub(options: RunOptions): Promise<RunningHub> {
  const log = options.log ?? createLogger();
  const config = loadConfig(options.configFile, await discoverConnectors());
  const runtime = await createRuntime(config, await discoverConnectors(), log);
  await waitForRedis(runtime, log);
  await refuseVolatileRedis(runtime, config, log);
  await keepMappings(runtime);
  const workers = options.workers ? await startWorkers(runtime) : undefined;
  let server: ServerType | undefined;
  let url: string | undefined;
  let listeners: Listeners | undefined;
  try {
    if (options.api) {
      const app = createApp({ runtime, localWorkers: workers, secureCookies: config.http.secureCookies });
      ({ server, url } = await listen(app.fetch, config.http.host, config.http.port));
      log.info({ url }, 'hub API listening');
      listeners = await startListeners(runtime);
    } else if (options.probePort !== undefined) {
      const probes = healthRoutes(runtime, { localWorkers: workers });
      ({ server, url } = await listen(probes.fetch, config.http.host, options.probePort));
      log.info({ url }, 'worker probes listening');
    }
  } catch (error) {
    // A port already taken: nothing of this hub may keep running (its workers least of all).
    if (server) await closeServer(server);
    await workers?.close();
    await runtime.close();
    throw error;
  }
  log.info({ instances: [...config.instances.keys()], api: options.api, workers: options.workers }, 'hub started');
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= (async () => {
    log.info('hub stopping: draining');
    await listeners?.close();
    if (server) await closeServer(server);
    await workers?.close();
    await runtime.close();
    log.info('hub stopped');
  })());
  return { runtime, url, workers, listening: listeners?.addresses ?? {}, stop };
}

async function waitForRedis(runtime: HubRuntime, log: Logger): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await runtime.redis.ping();
      return;
    } catch (error) {
      if (attempt >= 50) throw new Error(`Redis at ${redactUrl(runtime.config.redis.url)} does not answer: ${(error as Error).message}`);
      if (attempt === 1) log.warn({ redis: redactUrl(runtime.config.redis.url) }, 'waiting for Redis');
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** Every mapping the instances run goes into the mapping archive before any job runs. */
async function keepMappings(runtime: HubRuntime): Promise<void> {
  try {
    await archiveLiveMappings(runtime);
  } catch (error) {
    await runtime.close();
    throw error;
  }
}

async function refuseVolatileRedis(runtime: HubRuntime, config: HubConfig, log: Logger): Promise<void> {
  const report = await checkDurability(runtime.redis);
  if (report.durable) return;
  const message = `Redis may lose acknowledged orders: ${report.problems.join('; ')}`;
  if (config.redis.durability === 'warn') {
    log.warn({ problems: report.problems }, 'Redis is not durable (durability: warn)');
    return;
  }
  await runtime.close();
  throw new Error(`${message}. Fix Redis, or set redis.durability: warn to run anyway.`);
}

function listen(fetch: Parameters<typeof serve>[0]['fetch'], host: string, port: number): Promise<{ server: ServerType; url: string }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname: host, port }, (info) => resolve({ server, url: `http://${host}:${info.port}` }));
    server.once('error', reject);
  });
}

/** How long requests in flight get to finish when the API stops. */
const DRAIN_GRACE_MS = 10_000;

/**
 * Stops taking connections and lets requests in flight finish. Keep-alive connections
 * that stay busy would hold `close()` forever: answers now carry `Connection: close`,
 * idle connections are closed as soon as they are idle, and what is left after the grace
 * period is cut (its senders retry; duplicates are recognised).
 */
async function closeServer(server: ServerType): Promise<void> {
  const http = server as Server;
  http.on('request', (_request: IncomingMessage, response: ServerResponse) => response.setHeader('connection', 'close'));
  const closed = new Promise<void>((resolve) => http.close(() => resolve()));
  const idle = setInterval(() => http.closeIdleConnections(), 100);
  const cut = setTimeout(() => http.closeAllConnections(), DRAIN_GRACE_MS);
  http.closeIdleConnections();
  await closed;
  clearInterval(idle);
  clearTimeout(cut);
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(invalid url)';
  }
}

/** Stops the hub on SIGTERM/SIGINT; a second signal exits at once. */
export function stopOnSignals(hub: RunningHub, log: Logger): void {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(1);
    signalled = true;
    log.info({ signal }, 'signal received');
    hub.stop().then(() => process.exit(0), (error: unknown) => {
      log.error({ err: error }, 'error while stopping');
      process.exit(1);
    });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
