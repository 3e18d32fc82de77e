/**
 * Observability routes: `GET /metrics` (Prometheus text from this process's registry)
 * and `GET /queues` (the health of every queue, as JSON). `/metrics` belongs at the
 * root beside the probes; `/queues` belongs under `/api`, behind authentication, so the
 * two are also exported as separate route modules.
 */
import { Hono } from 'hono';
import { queueHealth } from '../pipeline/queue-health.js';
import type { HubRuntime } from '../pipeline/runtime.js';
import { problem } from './problem.js';

/** Both routes in one module: `GET /metrics` and `GET /queues`. */
export function metricsRoutes(runtime: HubRuntime): Hono {
  const app = new Hono();
  app.route('/', prometheusRoutes(runtime));
  app.route('/', queueHealthRoutes(runtime));
  return app;
}

/** `GET /metrics`: the Prometheus exposition of this process. */
export function prometheusRoutes(runtime: HubRuntime): Hono {
  const app = new Hono();
  app.get('/metrics', async (c) => {
    const metrics = runtime.metrics;
    if (!metrics) return problem(c, { status: 404, title: 'Not found', detail: 'metrics are not enabled in this process' });
    return c.body(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType });
  });
  return app;
}

/** `GET /queues`: `{ queues: QueueHealth[] }`, one entry per queue of the topology. */
export function queueHealthRoutes(runtime: HubRuntime): Hono {
  const app = new Hono();
  app.get('/queues', async (c) => c.json({ queues: await queueHealth(runtime) }));
  return app;
}
