/**
 * The JSON control API under `/_sim/` that lets a person steer the OMS with
 * curl during a demo: inject failures, reject or accept, emit status updates,
 * set stock and push a stock snapshot, and look at orders, callbacks, requests,
 * stock and stock pushes.
 */
import { Hono, type Context } from 'hono';
import {
  FieldError, asObject, optionalBoolean, optionalInteger, optionalString, requiredString, type JsonObject,
} from '../shared/json-fields.js';
import { StockError } from '../shared/stock-book.js';
import { UnknownOrderError } from './unknown-order-error.js';
import { OMS_STATUSES, type OmsSim, type OmsStatus, type StatusExtra, type StockItem } from './types.js';

export type OmsControls = Omit<OmsSim, 'url' | 'close'>;

export function createControlApi(sim: OmsControls): Hono {
  const api = new Hono();

  api.onError((error, c) => {
    if (error instanceof FieldError) return c.json({ error: error.message }, 400);
    if (error instanceof UnknownOrderError) return c.json({ error: error.message }, 404);
    if (error instanceof StockError) return c.json({ error: error.message }, error.reason === 'not-configured' ? 409 : 400);
    return c.json({ error: error.message }, 500);
  });

  api.get('/orders', (c) => c.json({ orders: sim.orders() }));
  api.get('/callbacks', (c) => c.json({ callbacks: sim.callbacks() }));
  api.get('/requests', (c) => c.json({ requests: sim.requests() }));
  api.get('/status-updates', (c) => c.json({ updates: sim.statusUpdates() }));
  api.get('/stock', (c) => c.json({ stock: sim.stock() }));
  api.get('/stock/pushes', (c) => c.json({ pushes: sim.stockPushes() }));

  api.post('/fail', async (c) => {
    const body = await readBody(c);
    const count = optionalInteger(body, 'count') ?? 1;
    const status = optionalInteger(body, 'status') ?? 500;
    sim.failNext(count, status, optionalString(body, 'body'));
    return c.json({ ok: true, count, status });
  });

  api.post('/reject', async (c) => {
    const body = await readBody(c);
    sim.rejectAll(requiredString(body, 'code'), requiredString(body, 'message'));
    return c.json({ ok: true });
  });

  api.post('/accept', (c) => {
    sim.acceptAll();
    return c.json({ ok: true });
  });

  api.post('/delay', async (c) => {
    const ms = optionalInteger(await readBody(c), 'ms') ?? 5000;
    sim.delayNext(ms);
    return c.json({ ok: true, ms });
  });

  api.post('/hang', (c) => {
    sim.hangNext();
    return c.json({ ok: true });
  });

  api.post('/duplicate-callbacks', async (c) => {
    const on = optionalBoolean(await readBody(c), 'on') ?? true;
    sim.duplicateCallbacks(on);
    return c.json({ ok: true, on });
  });

  api.post('/stock', async (c) => {
    const item = sim.setStock(readStockItem(await readBody(c)));
    return c.json({ ok: true, item });
  });

  /** Answers once the hub took the snapshot or the retries are used up; `push` says which. */
  api.post('/stock/snapshot', async (c) => {
    const before = sim.stockPushes().length;
    await sim.pushSnapshot();
    const push = sim.stockPushes().slice(before).find((candidate) => candidate.kind === 'snapshot');
    return c.json({ ok: true, push: push ?? null });
  });

  api.post('/orders/:ref/status', async (c) => {
    const body = await readBody(c);
    const update = sim.emitStatus(c.req.param('ref'), readStatus(body), readExtra(body));
    return c.json({ update }, 201);
  });

  return api;
}

async function readBody(c: Context): Promise<JsonObject> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    return asObject(JSON.parse(text));
  } catch (error) {
    throw error instanceof FieldError ? error : new FieldError('body must be JSON');
  }
}

function readStatus(body: JsonObject): OmsStatus {
  const status = requiredString(body, 'status').toUpperCase();
  const known = OMS_STATUSES.find((candidate) => candidate === status);
  if (!known) throw new FieldError(`status must be one of ${OMS_STATUSES.join(', ')}`);
  return known;
}

function readStockItem(body: JsonObject): StockItem {
  const onHand = optionalInteger(body, 'onHand');
  if (onHand === undefined) throw new FieldError('onHand is required');
  const item: StockItem = { sku: requiredString(body, 'sku'), dc: requiredString(body, 'dc'), onHand };
  const expectedDate = optionalString(body, 'expectedDate');
  if (expectedDate !== undefined) item.expectedDate = expectedDate;
  return item;
}

function readExtra(body: JsonObject): StatusExtra {
  const extra: StatusExtra = {};
  for (const key of ['carrier', 'trackingNumber', 'trackingUrl', 'expectedDate', 'reason'] as const) {
    const value = optionalString(body, key);
    if (value !== undefined) extra[key] = value;
  }
  const lines = body['lines'];
  if (lines !== undefined) extra.lines = readLines(lines);
  return extra;
}

function readLines(value: unknown): Array<{ number: number; qty: number }> {
  if (!Array.isArray(value)) throw new FieldError('lines must be an array of {number, qty}');
  return value.map((item: unknown) => {
    const line = asObject(item);
    const number = optionalInteger(line, 'number');
    const qty = optionalInteger(line, 'qty');
    if (number === undefined || qty === undefined) throw new FieldError('each line needs integer number and qty');
    return { number, qty };
  });
}
