/**
 * An order by its confirmation code, as a customer may see it at a kiosk or on the
 * phone: state, lines with their quantities, pickup store and shipments with tracking.
 * No name, address, e-mail, phone or payment: the code is printed on a receipt, and
 * whoever holds the receipt sees only what the receipt already says and where it is.
 */
import { Hono } from 'hono';
import { requirePermission, type AuthVariables } from '../auth/middleware.js';
import { parseConfirmation } from '../model/ids.js';
import type { HubRuntime } from '../pipeline/runtime.js';
import type { StoredOrder } from '../store/order-store.js';
import { problem } from './problem.js';

export interface OrderLookup {
  confirmation: string;
  state: string;
  version: number;
  channel: string;
  placedAt?: string;
  fulfilment?: { method: string; pickupStore?: string };
  currency?: string;
  total?: number;
  lines: Array<{ lineId: string; sku: string; description?: string; quantity: number; shipped: number; cancelled: number; backordered: number; expectedDate?: string }>;
  shipments: Array<{ carrier?: string; trackingNumber?: string; trackingUrl?: string; shippedAt: string; delivered?: boolean }>;
}

export function lookupRoutes(runtime: HubRuntime): Hono<{ Variables: AuthVariables }> {
  const app = new Hono<{ Variables: AuthVariables }>();
  app.get('/orders/lookup/:confirmation', requirePermission('orders:lookup'), async (c) => {
    const code = parseConfirmation(c.req.param('confirmation'));
    const id = code ? await runtime.store.findByConfirmation(code) : undefined;
    const stored = id ? await runtime.store.get(id) : undefined;
    if (!stored) {
      return problem(c, {
        status: 404, title: 'Not found', code: 'UNKNOWN_CONFIRMATION',
        detail: code ? `no order has confirmation code ${code}` : 'that is not a confirmation code (check digit does not match)',
        hint: 'read the code from the receipt again: letters and digits, the last one a check character',
      });
    }
    return c.json(lookupView(stored));
  });
  return app;
}

export function lookupView(stored: StoredOrder): OrderLookup {
  const order = stored.order;
  const quantities = stored.status.lines;
  return {
    confirmation: stored.confirmation,
    state: stored.status.state,
    version: stored.status.version,
    channel: stored.channel,
    ...(order ? {
      placedAt: order.placedAt, currency: order.currency, total: order.totals.grandTotal,
      ...(order.fulfilment ? { fulfilment: { method: order.fulfilment.method, ...(order.fulfilment.pickupStore ? { pickupStore: order.fulfilment.pickupStore } : {}) } } : {}),
    } : {}),
    lines: (order?.lines ?? []).map((line) => {
      const q = quantities[line.lineId];
      return {
        lineId: line.lineId, sku: line.sku, ...(line.description ? { description: line.description } : {}), quantity: line.quantity,
        shipped: q?.shipped ?? 0, cancelled: q?.cancelled ?? 0, backordered: q?.backordered ?? 0,
        ...(q?.expectedDate ? { expectedDate: q.expectedDate } : {}),
      };
    }),
    shipments: stored.status.shipments.map((s) => ({
      shippedAt: s.shippedAt,
      ...(s.carrier ? { carrier: s.carrier } : {}), ...(s.trackingNumber ? { trackingNumber: s.trackingNumber } : {}),
      ...(s.trackingUrl ? { trackingUrl: s.trackingUrl } : {}), ...(s.delivered ? { delivered: true } : {}),
    })),
  };
}
