/**
 * One customer as an agent sees them on a call: their card, every order from every
 * channel newest first with its live state, totals, shipments and tracking, the notices
 * they were sent, any change pending, and the agents' notes.
 */
import type { HubRuntime } from '../pipeline/runtime.js';
import { timelineEntry, type TimelineEntry } from '../store/timeline.js';
import { customerCard, type CustomerCard } from './find-customers.js';

export interface OrderSummary {
  hubOrderId: string;
  confirmation: string;
  channel: string;
  placedAt: string | null;
  state: string;
  currency: string | null;
  grandTotal: number | null;
  lines: Array<{ sku: string; description: string | null; quantity: number }>;
  shipments: Array<{ carrier: string | null; trackingNumber: string | null; trackingUrl: string | null; delivered: boolean }>;
  openChanges: number;
  notices: Array<{ at: string; summary: string }>;
}

export interface CustomerNote {
  at: string;
  author: string;
  text: string;
}

export interface CustomerView {
  customer: CustomerCard;
  orders: OrderSummary[];
  notes: CustomerNote[];
}

const MAX_ORDERS = 50;
const MAX_NOTES = 50;

export async function customerView(runtime: HubRuntime, id: string): Promise<CustomerView | undefined> {
  const customer = await customerCard(runtime, id);
  if (!customer) return undefined;
  const [orderIds, notes] = await Promise.all([
    runtime.redis.zrevrange(runtime.keys.customerOrders(id), 0, MAX_ORDERS - 1),
    runtime.redis.lrange(runtime.keys.customerNotes(id), 0, MAX_NOTES - 1),
  ]);
  const orders = (await Promise.all(orderIds.map((orderId) => orderSummary(runtime, orderId)))).filter((o): o is OrderSummary => !!o);
  return { customer, orders, notes: notes.map((n) => JSON.parse(n) as CustomerNote) };
}

async function orderSummary(runtime: HubRuntime, orderId: string): Promise<OrderSummary | undefined> {
  const [stored, timeline] = await Promise.all([runtime.store.get(orderId), runtime.store.timeline(orderId)]);
  if (!stored) return undefined;
  const order = stored.order;
  return {
    hubOrderId: orderId, confirmation: stored.confirmation, channel: stored.channel,
    placedAt: order?.placedAt ?? null, state: stored.status.state,
    currency: order?.currency ?? null, grandTotal: order?.totals.grandTotal ?? null,
    lines: (order?.lines ?? []).map((l) => ({ sku: l.sku, description: l.description ?? null, quantity: l.quantity })),
    shipments: stored.status.shipments.map((s) => ({
      carrier: s.carrier ?? null, trackingNumber: s.trackingNumber ?? null, trackingUrl: s.trackingUrl ?? null, delivered: s.delivered ?? false,
    })),
    openChanges: stored.changes.filter((c) => c.state === 'queued' || c.state === 'sent').length,
    notices: noticesOf(timeline),
  };
}

/** What the customer (and their channel) were told, from the order's timeline. */
function noticesOf(timeline: TimelineEntry[]): OrderSummary['notices'] {
  return timeline.filter((e) => e.stage === 'notify').map((e) => ({ at: e.at, summary: e.summary }));
}

/** An agent's note on a customer, kept newest first; also on the timeline of the order it names. */
export async function addNote(runtime: HubRuntime, id: string, author: string, text: string, orderId?: string): Promise<CustomerNote | undefined> {
  if (!(await runtime.redis.exists(runtime.keys.customer(id)))) return undefined;
  // A note names only one of this customer's own orders.
  if (orderId !== undefined && (await runtime.redis.zscore(runtime.keys.customerOrders(id), orderId)) === null) return undefined;
  const note: CustomerNote = { at: new Date().toISOString(), author, text };
  // Notes last as long as the customer's card does.
  const ttl = await runtime.redis.ttl(runtime.keys.customer(id));
  const notes = runtime.keys.customerNotes(id);
  const write = runtime.redis.multi().lpush(notes, JSON.stringify(note)).ltrim(notes, 0, 999);
  await (ttl > 0 ? write.expire(notes, ttl) : write).exec();
  if (orderId) await runtime.store.appendTimeline(orderId, timelineEntry('admin', `note by ${author}: ${text}`, { actor: author }));
  return note;
}
