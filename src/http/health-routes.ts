/**
 * Probes. `/healthz`: the process is alive. `/readyz`: Redis answers, it is configured
 * to keep what it acknowledged (or the operator chose `durability: warn`), and workers
 * are running (here, or elsewhere as seen by their heartbeats). Each check says why.
 */
import { Hono } from 'hono';
import type { HubRuntime } from '../pipeline/runtime.js';
import { liveWorkerCount, type WorkerSet } from '../pipeline/workers.js';
import { checkDurability } from '../store/durability.js';

export interface ReadinessSources {
  localWorkers: WorkerSet | undefined;
}

interface Check {
  ok: boolean;
  detail: string;
}

const PROBE_TIMEOUT_MS = 1000;

export function healthRoutes(runtime: HubRuntime, sources: ReadinessSources): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const checks = await readiness(runtime, sources);
    const ready = Object.values(checks).every((check) => check.ok);
    return c.json({ status: ready ? 'ready' : 'not ready', checks }, ready ? 200 : 503);
  });
  return app;
}

async function readiness(runtime: HubRuntime, sources: ReadinessSources): Promise<Record<string, Check>> {
  const redis = await withTimeout(runtime.redis.ping(), PROBE_TIMEOUT_MS).then(
    () => ({ ok: true, detail: 'answers PING' }),
    (error: Error) => ({ ok: false, detail: `Redis does not answer: ${error.message}` }),
  );
  if (!redis.ok) return { redis, durability: { ok: false, detail: 'unknown while Redis is down' }, workers: { ok: false, detail: 'unknown while Redis is down' } };
  const report = await checkDurability(runtime.redis);
  const warnOnly = runtime.config.redis.durability === 'warn';
  const durability = {
    ok: report.durable || warnOnly,
    detail: report.durable ? 'AOF appendfsync always, noeviction' : `${warnOnly ? '(warn only) ' : ''}${report.problems.join('; ')}`,
  };
  const local = sources.localWorkers;
  const remote = local ? 0 : await liveWorkerCount(runtime);
  const workers = local
    ? { ok: local.running(), detail: local.running() ? `${local.workers.length} workers running in this process` : 'workers stopped' }
    : { ok: remote > 0, detail: remote > 0 ? `${remote} worker process(es) alive` : 'no worker process has reported in the last 15 s' };
  return { redis, durability, workers };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); }, (e: unknown) => { clearTimeout(timer); reject(e); });
  });
}
