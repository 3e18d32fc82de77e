/**
 * Shipments the hub books itself, over the API: book an order's parcels with a carrier
 * instance (labels kept for printing), print a label again, void a booking until the
 * carrier has the parcels, and the watch list of orders with a parcel in an exception.
 */
import { Hono, type Context } from 'hono';
import { requirePermission, type AuthVariables } from '../auth/middleware.js';
import { bookShipment, type BookAsk } from '../carriers/book-shipment.js';
import { readLabel } from '../carriers/labels.js';
import { voidShipment } from '../carriers/void-shipment.js';
import { watchedOrders } from '../carriers/watch-list.js';
import type { HubRuntime } from '../pipeline/runtime.js';
import { problem } from './problem.js';

type Ctx = Context<{ Variables: AuthVariables }>;

export function shipmentRoutes(runtime: HubRuntime): Hono<{ Variables: AuthVariables }> {
  const app = new Hono<{ Variables: AuthVariables }>();
  const actor = (c: Ctx) => c.get('principal')!.name;

  app.post('/orders/:id/shipments', requirePermission('shipments:manage'), async (c) => {
    const ask = await bookAsk(c);
    if (!ask) return problem(c, { status: 400, title: 'Bad request', code: 'BAD_BOOKING', detail: 'give the carrier instance: {"instance": "parcels", "parcels": [{"lines": [{"lineId": "1", "quantity": 1}], "weightGrams": 800}]}' });
    return c.json(await bookShipment(runtime, c.req.param('id'), ask, actor(c)), 201);
  });

  app.get('/orders/:id/shipments', requirePermission('orders:read'), async (c) => {
    const stored = await runtime.store.get(c.req.param('id'));
    if (!stored) return problem(c, { status: 404, title: 'Not found', detail: `no order ${c.req.param('id')}` });
    return c.json({ bookings: stored.status.bookings ?? [], shipments: stored.status.shipments });
  });

  app.post('/orders/:id/shipments/:shipmentId/void', requirePermission('shipments:manage'), async (c) =>
    c.json(await voidShipment(runtime, c.req.param('id'), c.req.param('shipmentId'), actor(c))));

  app.get('/orders/:id/labels/:trackingNumber', requirePermission('shipments:manage'), async (c) => {
    const stored = await runtime.store.get(c.req.param('id'));
    const number = c.req.param('trackingNumber');
    const booked = stored?.status.bookings?.some((b) => b.parcels.some((p) => p.trackingNumber === number));
    const label = booked ? await readLabel(runtime, number) : undefined;
    if (!label) return problem(c, { status: 404, title: 'Not found', detail: `no label for parcel ${number} of this order` });
    return c.body(new Uint8Array(label.data), 200, { 'content-type': label.contentType, 'content-disposition': `inline; filename="${number}.${label.format === 'ZPL' ? 'zpl' : 'pdf'}"` });
  });

  app.get('/watch', requirePermission('orders:read'), async (c) => c.json({ orders: await watchedOrders(runtime) }));
  return app;
}

async function bookAsk(c: Ctx): Promise<BookAsk | undefined> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null || typeof (body as BookAsk).instance !== 'string') return undefined;
  const ask = body as BookAsk;
  if (ask.labelFormat !== undefined && ask.labelFormat !== 'PDF' && ask.labelFormat !== 'ZPL') return undefined;
  return ask;
}
