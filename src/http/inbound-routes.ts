/**
 * Inbound routes: `/in/<instance>` and `/in/<instance>/<path>` hand the exact bytes
 * to the instance's connector, which verifies and classifies them. Orders are captured
 * durably before the answer (202 with the hub order id and confirmation code; 200 for
 * a duplicate, with the original order); status events are applied before the 200.
 */
import { Hono, type Context } from 'hono';
import { captureOrder } from '../pipeline/capture.js';
import type { HubRuntime, LiveInstance } from '../pipeline/runtime.js';
import { applyStatusEvents } from '../pipeline/status-in.js';
import { intakeFor } from '../pipeline/listeners.js';
import type { InboundRequest, InboundResult } from '../sdk/connector.js';
import { problem } from './problem.js';
import { readBodyWithLimit } from './read-body.js';

export function inboundRoutes(runtime: HubRuntime): Hono {
  const app = new Hono();
  const handle = async (c: Context) => {
    const instance = runtime.instances.get(c.req.param('instance') ?? '');
    if (!instance?.connector.receive) {
      return problem(c, { status: 404, title: 'Not found', detail: 'no inbound connector instance at this path' });
    }
    runtime.redisGate.ensureOpen();
    const request = await toInboundRequest(c, instance, runtime.config.http.bodyLimitBytes);
    const result = await instance.connector.receive!(request, intakeFor(runtime, instance));
    return answer(c, runtime, instance, result);
  };
  app.all('/:instance', handle);
  app.all('/:instance/*', handle);
  return app;
}

async function toInboundRequest(c: Context, instance: LiveInstance, limit: number): Promise<InboundRequest> {
  const prefix = `/in/${instance.id}`;
  const url = new URL(c.req.url);
  const headers: Record<string, string> = {};
  c.req.raw.headers.forEach((value, name) => { headers[name] = value; });
  return {
    method: c.req.method,
    path: url.pathname.slice(prefix.length),
    query: Object.fromEntries(url.searchParams),
    headers,
    body: await readBodyWithLimit(c.req.raw, limit),
    receivedAt: new Date(),
  };
}

async function answer(c: Context, runtime: HubRuntime, instance: LiveInstance, result: InboundResult): Promise<Response> {
  switch (result.kind) {
    case 'order': {
      const captured = await captureOrder(runtime, instance, result.envelope);
      return c.json({ status: 'received', ...captured }, captured.duplicate ? 200 : 202);
    }
    case 'status': {
      const results = await applyStatusEvents(runtime, instance.id, result.events);
      const unknown = results.filter((r) => r.outcome === 'unknown_order');
      if (unknown.length > 0) {
        return problem(c, {
          status: 404, title: 'Not found', code: 'UNKNOWN_ORDER', results,
          detail: `no order matches event(s) ${unknown.map((u) => u.eventId).join(', ')}`,
          hint: 'check the order reference; the other events of this request were recorded',
        });
      }
      return c.json({ results }, 200);
    }
    case 'stock':
      return c.json({ applied: await runtime.stockView.apply(result.update), items: result.update.items.length }, 200);
    case 'reply':
      return c.body(result.body ?? '', result.status as 200, { 'content-type': result.contentType ?? 'text/plain' });
  }
}
