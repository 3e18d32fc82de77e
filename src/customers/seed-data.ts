/**
 * A demo data set for the agent desk: N customers and M orders across every channel,
 * written through the same capture script and index writes as real accepted orders (so
 * the desk's indexes are the real ones), in pipelined batches. Deterministic: the same
 * sizes give the same customers and orders. For the demo and the desk's load test only.
 */
import type { CanonicalOrder, Channel } from '../model/order.js';
import { CANONICAL_SCHEMA_VERSION } from '../model/order.js';
import { newConfirmation, newHubOrderId } from '../model/ids.js';
import { initialStatus } from '../model/state-machine.js';
import type { OrderState, OrderStatus } from '../model/status.js';
import type { HubRedis } from '../store/connection.js';
import type { Keys } from '../store/keys.js';
import { OrderStore } from '../store/order-store.js';
import { timelineEntry } from '../store/timeline.js';
import { customerKeepSeconds, customerWrites } from './customer-writes.js';

const FIRST = ['Ada', 'Ben', 'Chloe', 'Dev', 'Elena', 'Farid', 'Grace', 'Hugo', 'Iris', 'Jonas', 'Kemi', 'Liam', 'Maya', 'Nico', 'Olga', 'Priya', 'Quinn', 'Rosa', 'Sam', 'Tariq', 'Uma', 'Victor', 'Wen', 'Ximena', 'Yusuf', 'Zoe'];
const LAST = ['Adams', 'Brown', 'Chen', 'Diaz', 'Evans', 'Fischer', 'Garcia', 'Hughes', 'Ito', 'Jones', 'Khan', 'Lopez', 'Martin', 'Nguyen', 'Okafor', 'Patel', 'Quist', 'Rossi', 'Smith', 'Tanaka', 'Ueda', 'Vargas', 'Walsh', 'Xu', 'Young', 'Zimmer'];
const CHANNELS: Channel[] = ['web', 'web', 'web', 'phone', 'mail', 'kiosk', 'fax'];
const SKUS = Array.from({ length: 400 }, (_, i) => `SKU-${String(i + 1).padStart(4, '0')}`);
const STATES: OrderState[] = ['delivered', 'delivered', 'delivered', 'shipped', 'acknowledged', 'allocated', 'cancelled'];
const BATCH = 500;
const YEAR_MS = 365 * 86_400_000;

export interface SeedSize {
  customers: number;
  orders: number;
}

/** The `i`th customer: a name, a unique e-mail and a unique North American phone number. */
export function seedCustomer(i: number): { name: string; email: string; phone: string } {
  const first = FIRST[i % FIRST.length]!;
  const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
  return {
    name: `${first} ${last}`,
    email: `${first}.${last}.${i}@example.com`.toLowerCase(),
    phone: `+1${200 + (Math.floor(i / 10_000) % 700)}555${String(i % 10_000).padStart(4, '0')}`,
  };
}

/** The `n`th order: of customer n mod N, placed over the last year, in a settled state. */
export function seedOrder(n: number, size: SeedSize, now: number): { order: CanonicalOrder; status: OrderStatus } {
  const who = seedCustomer(n % size.customers);
  const placed = now - Math.floor(((n * 7_919) % 1_000) / 1_000 * YEAR_MS);
  const hubOrderId = newHubOrderId(placed);
  const lines = Array.from({ length: 1 + (n % 3) }, (_, i) => ({
    lineId: String(i + 1), sku: SKUS[(n * 13 + i * 7) % SKUS.length]!, quantity: 1 + ((n + i) % 3), unitPrice: 1_000 + ((n * 31 + i) % 90) * 100,
  }));
  const subtotal = lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0);
  const channel = CHANNELS[n % CHANNELS.length]!;
  const order: CanonicalOrder = {
    schemaVersion: CANONICAL_SCHEMA_VERSION, hubOrderId, confirmation: newConfirmation(), channel, source: `seed-${channel}`,
    externalId: `S-${n}`, placedAt: new Date(placed).toISOString(), currency: 'USD',
    customer: { name: who.name, email: who.email, phone: who.phone },
    shipTo: { name: who.name, line1: `${1 + (n % 900)} Main Street`, city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US', phone: who.phone },
    lines, totals: { subtotal, shipping: 795, tax: 0, discount: 0, grandTotal: subtotal + 795 },
    provenance: { rawRef: `seed:${n}`, mappingId: 'seed', mappingVersion: '1' },
  };
  const state = STATES[n % STATES.length]!;
  const status: OrderStatus = { ...initialStatus(lines), state, version: 3, receipts: [{ target: 'oms-main', externalRef: `OMS-S${n}`, at: order.placedAt }] };
  if (state === 'shipped' || state === 'delivered') {
    status.shipments = [{ shipmentId: `1ZSEED${n}`, carrier: 'UPS', trackingNumber: `1ZSEED${String(n).padStart(10, '0')}`, shippedAt: order.placedAt, lines: lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })), delivered: state === 'delivered' }];
  }
  return { order, status };
}

/** Writes the data set; returns how many orders were written. `progress` is told after each batch. */
export async function seedDeskData(redis: HubRedis, keys: Keys, size: SeedSize, progress: (done: number) => void = () => undefined): Promise<number> {
  const store = new OrderStore(redis, keys, 365 * 86_400);
  const now = Date.now();
  for (let start = 0; start < size.orders; start += BATCH) {
    const multi = redis.multi();
    for (let n = start; n < Math.min(start + BATCH, size.orders); n++) {
      const { order, status } = seedOrder(n, size, now);
      store.queueCapture(multi, {
        orderId: order.hubOrderId, confirmation: order.confirmation, source: order.source, channel: order.channel,
        dedupKey: `seed:${n}`, externalId: order.externalId, status, order, createdAt: order.placedAt,
        raw: { contentType: 'application/json', body: Buffer.from('{"seeded":true}'), meta: {} },
        entries: [timelineEntry('capture', `seeded order ${n}`, {}, new Date(order.placedAt))],
        writes: [...store.orderIndexWrites(order), ...customerWrites(keys, order, customerKeepSeconds(365))],
      });
    }
    await multi.exec();
    progress(Math.min(start + BATCH, size.orders));
  }
  return size.orders;
}
