/**
 * Which expiry writes go with a state change: the clock starts when an order finishes
 * (delivered, cancelled, rejected, refunded), stops when it comes back to life (a
 * return after delivery), and nothing happens for moves that do neither.
 */
import { describe, expect, it } from 'vitest';
import { initialStatus } from '../../src/model/state-machine.js';
import type { OrderState, OrderStatus } from '../../src/model/status.js';
import { retentionWrites } from '../../src/pipeline/retention.js';
import type { HubRuntime } from '../../src/pipeline/runtime.js';
import { Keys } from '../../src/store/keys.js';
import type { StoredOrder } from '../../src/store/order-store.js';

const keys = new Keys('p');
const runtime = { config: { retention: { orderDays: 90, dedupDays: 30 } }, keys } as unknown as HubRuntime;
const NOW = Date.parse('2026-12-01T00:00:00Z');
const DAYS_90 = 90 * 86_400;

function status(state: OrderState): OrderStatus {
  return { ...initialStatus(), state, receipts: [{ target: 'oms-main', externalRef: 'OMS-1', at: '2026-11-30T00:00:00Z' }] };
}

function stored(state: OrderState): StoredOrder {
  return {
    hubOrderId: 'O1', confirmation: 'ABCD-EFGHJ', source: 'web-shop', channel: 'web', createdAt: '', externalId: 'S-1',
    order: { customer: { email: 'ada@example.com', phone: '+441234567890' } } as unknown as StoredOrder['order'],
    status: status(state), version: 3, ledger: {}, changes: [], payments: { authorizations: [], applied: [] },
  };
}

describe('retentionWrites', () => {
  it('starts the clock on every key of a finishing order, and trims and times the customer indexes', () => {
    const writes = retentionWrites(runtime, stored('shipped'), status('delivered'), NOW);
    const own = [keys.order('O1'), keys.raw('O1'), keys.timeline('O1'), keys.events('O1'), keys.confirmation('ABCD-EFGHJ'),
      keys.externalRef('web-shop', 'S-1'), keys.externalRef('oms-main', 'OMS-1')];
    expect(writes.slice(0, own.length)).toEqual(own.map((key) => ({ op: 'expire', key, seconds: DAYS_90 })));
    for (const key of [keys.email('ada@example.com'), keys.phone('+441234567890')]) {
      expect(writes).toContainEqual({ op: 'trim', key, maxScore: NOW - 2 * DAYS_90 * 1000 });
      expect(writes).toContainEqual({ op: 'expire', key, seconds: 2 * DAYS_90 });
    }
  });

  it.each<OrderState>(['cancelled', 'rejected', 'refunded'])('starts it for %s too', (state) => {
    expect(retentionWrites(runtime, stored('sent'), status(state), NOW).some((w) => w.op === 'expire' && w.key === keys.order('O1'))).toBe(true);
  });

  it('stops the clock when a delivered order comes back to life, without touching customer indexes', () => {
    const writes = retentionWrites(runtime, stored('delivered'), status('return_requested'), NOW);
    expect(writes.every((w) => w.op === 'persist')).toBe(true);
    expect(writes.map((w) => w.key)).toContain(keys.order('O1'));
    expect(writes.map((w) => w.key)).not.toContain(keys.email('ada@example.com'));
  });

  it.each<[OrderState, OrderState]>([['accepted', 'sent'], ['sent', 'shipped'], ['cancelled', 'cancelled'], ['returned', 'refunded']])(
    'writes nothing from %s to %s unless the order finishes', (from, to) => {
      const writes = retentionWrites(runtime, stored(from), status(to), NOW);
      expect(writes.length > 0).toBe(to === 'refunded');
    },
  );
});
