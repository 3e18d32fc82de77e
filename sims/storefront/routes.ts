/**
 * HTTP surface of the storefront: the pullable order API, the hub → storefront
 * callback receiver and a health check, with a request log.
 */
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { safeEqual } from '../shared/hmac.js';
import type { CallbackReceiver } from './callback-receiver.js';
import { DEFAULT_PAGE, MAX_PAGE, type OrderList } from './order-list.js';
import { verifyCallback } from './signing.js';
import type { HubCallbackBody, StoreRequestLogEntry } from './types.js';

export interface StoreAppDeps {
  orders: OrderList;
  receiver: CallbackReceiver;
  log: StoreRequestLogEntry[];
  callbackSecret: string;
  toleranceSeconds: number;
  apiToken?: string;
}

type StoreEnv = { Variables: { logEntry: StoreRequestLogEntry } };

const BAD_TOKEN = '[API] Invalid API key or access token (unrecognized login or wrong password)';

export function createStoreApp(deps: StoreAppDeps): Hono<StoreEnv> {
  const app = new Hono<StoreEnv>();

  app.use('*', async (c, next) => {
    const entry: StoreRequestLogEntry = { method: c.req.method, path: c.req.path, status: 0, at: new Date().toISOString() };
    deps.log.push(entry);
    c.set('logEntry', entry);
    await next();
    entry.status = c.res.status;
  });

  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/admin/api/orders.json', (c) => listOrders(c, deps));
  app.get('/admin/api/:version/orders.json', (c) => listOrders(c, deps));

  app.post('/hub/callbacks', async (c) => {
    const injected = deps.receiver.takeFailure();
    if (injected !== undefined) return refuse(c, injected, `injected failure ${injected}`);
    const raw = new Uint8Array(await c.req.arrayBuffer());
    const headers = { timestamp: c.req.header('x-hub-timestamp'), signature: c.req.header('x-hub-signature-256') };
    const check = verifyCallback(raw, headers, deps.callbackSecret, deps.toleranceSeconds);
    if (!check.ok) return refuse(c, 401, check.reason);
    const body = readCallbackBody(Buffer.from(raw).toString('utf8'));
    if (typeof body === 'string') return refuse(c, 400, body);
    const key = c.req.header('idempotency-key');
    if (!key) return refuse(c, 400, 'missing Idempotency-Key');
    const { duplicate, stale, applied } = deps.receiver.record(key, check.timestamp, body);
    return c.json({ ok: true, duplicate, stale, applied });
  });

  return app;
}

function listOrders(c: Context<StoreEnv>, deps: StoreAppDeps): Response {
  if (deps.apiToken !== undefined && !safeEqual(c.req.header('x-shopify-access-token') ?? '', deps.apiToken)) {
    return c.json({ errors: BAD_TOKEN }, 401);
  }
  const sinceId = c.req.query('since_id') ?? '0';
  const limit = c.req.query('limit') ?? String(DEFAULT_PAGE);
  if (!/^[0-9]{1,16}$/.test(sinceId)) return c.json({ errors: { since_id: ['must be an integer'] } }, 400);
  if (!/^[0-9]{1,6}$/.test(limit) || Number(limit) < 1) return c.json({ errors: { limit: ['must be a positive integer'] } }, 400);
  return c.json({ orders: deps.orders.page(Number(sinceId), Math.min(Number(limit), MAX_PAGE)) });
}

function refuse(c: Context<StoreEnv>, status: number, reason: string): Response {
  c.get('logEntry').reason = reason;
  return c.json({ error: reason }, status as ContentfulStatusCode);
}

/** The parsed body, or why it is not a status callback. */
function readCallbackBody(text: string): HubCallbackBody | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'body is not JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'body must be a JSON object';
  const body = value as Record<string, unknown>;
  if (typeof body['hubOrderId'] !== 'string' || body['hubOrderId'] === '') return 'hubOrderId is required';
  if (typeof body['state'] !== 'string') return 'state is required';
  if (typeof body['statusVersion'] !== 'number' || !Number.isInteger(body['statusVersion'])) return 'statusVersion must be an integer';
  return body as HubCallbackBody;
}
