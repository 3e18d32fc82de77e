/**
 * Retention: how long a finished order stays in Redis. When an order reaches a state
 * where its life is over (delivered, cancelled, rejected, refunded), its record — order
 * hash (with its delivery and notification ledgers), raw bytes, timeline, event ids — and its one-to-one
 * indexes (confirmation code, channel and target references) get a time to live of
 * `retention.orderDays`; if it comes back to life (a return after delivery), the
 * clock is stopped. Customer indexes (e-mail, phone) are shared by a customer's
 * orders: the finishing order trims their entries older than twice the retention and
 * gives the index itself that time to live, which each later finishing order renews.
 * These writes ride on the compare-and-set that changes the state.
 */
import type { OrderState, OrderStatus } from '../model/status.js';
import type { IndexWrite, StoredOrder } from '../store/order-store.js';
import type { HubRuntime } from './runtime.js';

const DAY_S = 86_400;

/** States after which nothing more is expected of an order (a return can still reopen a delivered one). */
export const FINISHED_STATES: ReadonlySet<OrderState> = new Set(['delivered', 'cancelled', 'rejected', 'refunded']);

/** The expiry writes that go with moving `stored` to `next`, if the move starts or stops the clock. */
export function retentionWrites(runtime: HubRuntime, stored: StoredOrder, next: OrderStatus, now = Date.now()): IndexWrite[] {
  const was = FINISHED_STATES.has(stored.status.state);
  const is = FINISHED_STATES.has(next.state);
  if (was === is) return [];
  const seconds = Math.round(runtime.config.retention.orderDays * DAY_S);
  const own: IndexWrite[] = ownKeys(runtime, stored, next).map((key) => (is ? { op: 'expire', key, seconds } : { op: 'persist', key }));
  if (!is) return own;
  const customerKeep = 2 * seconds;
  const customer = customerKeys(runtime, stored).flatMap((key): IndexWrite[] => [
    { op: 'trim', key, maxScore: now - customerKeep * 1000 },
    { op: 'expire', key, seconds: customerKeep },
  ]);
  return [...own, ...customer];
}

function ownKeys(runtime: HubRuntime, stored: StoredOrder, next: OrderStatus): string[] {
  const k = runtime.keys;
  const id = stored.hubOrderId;
  const keys = [k.order(id), k.raw(id), k.timeline(id), k.events(id), k.confirmation(stored.confirmation)];
  if (stored.externalId) keys.push(k.externalRef(stored.source, stored.externalId));
  for (const receipt of next.receipts) keys.push(k.externalRef(receipt.target, receipt.externalRef));
  return keys;
}

function customerKeys(runtime: HubRuntime, stored: StoredOrder): string[] {
  const order = stored.order;
  if (!order) return [];
  const keys = order.customer.email ? [runtime.keys.email(order.customer.email)] : [];
  const phones = new Set([order.customer.phone, order.shipTo?.phone, order.billTo?.phone].filter(Boolean) as string[]);
  for (const phone of phones) keys.push(runtime.keys.phone(phone));
  return keys;
}
