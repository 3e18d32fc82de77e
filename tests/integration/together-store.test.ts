/**
 * "Bought together" counts against a real Redis (the hub's own script on a throw-away
 * redis-server):
 * - the same order recorded twice, by a retried job or a replay, counts once
 * - an order the hub does not hold (a duplicate capture created none) counts nothing
 * - each pair counts both ways, with each SKU's order count for the support
 * - topFor over two SKUs sums their counts and leaves the SKUs asked about out
 * - queueRecord counts inside a transaction, after the order is written in it
 * - a huge order counts only its first 50 distinct SKUs
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defineHubCommands, type HubRedis } from '../../src/store/connection.js';
import { Keys } from '../../src/store/keys.js';
import { MAX_SKUS_PER_ORDER, TogetherStore } from '../../src/store/together-store.js';
import { startRedis, type TestRedis } from '../support/redis.js';

let server: TestRedis;
let redis: HubRedis;
let keys: Keys;
let together: TogetherStore;

beforeAll(async () => {
  server = await startRedis();
  redis = defineHubCommands(server.client());
}, 15_000);

afterAll(async () => {
  await server?.stop();
}, 15_000);

beforeEach(() => {
  keys = new Keys(`t${randomUUID().slice(0, 8)}`);
  together = new TogetherStore(redis, keys);
});

/** An order the hub holds: the script counts only those. */
async function order(id: string): Promise<string> {
  await redis.hset(keys.order(id), 'v', '1');
  return id;
}

async function partners(sku: string): Promise<Record<string, number>> {
  const flat = (await redis.zrange(keys.together(sku), '0', '-1', 'WITHSCORES')).flat() as Array<string | number>;
  const result: Record<string, number> = {};
  for (let i = 0; i < flat.length; i += 2) result[String(flat[i])] = Number(flat[i + 1]);
  return result;
}

describe('recording an order', () => {
  it('counts the same order once, however often it is recorded', async () => {
    const id = await order('O1');
    expect(await together.record(id, ['A', 'B'])).toBe(true);
    expect(await together.record(id, ['A', 'B'])).toBe(false);
    expect(await together.record(id, ['A', 'B', 'C'])).toBe(false);
    expect(await partners('A')).toEqual({ B: 1 });
    expect(await redis.hgetall(keys.togetherOrders())).toEqual({ A: '1', B: '1' });
    // The mark is a field of the order itself: it lives and expires with the order.
    expect(await redis.hget(keys.order(id), 'together')).toBe('1');
  });

  it('counts nothing for an order the hub does not hold, and sets no mark', async () => {
    expect(await together.record('missing', ['A', 'B'])).toBe(false);
    expect(await redis.exists(keys.together('A'), keys.togetherOrders(), keys.order('missing'))).toBe(0);
  });

  it('counts each unordered pair of distinct SKUs both ways, repeated SKUs once', async () => {
    await together.record(await order('O1'), ['A', 'B', 'A', 'C', '']);
    await together.record(await order('O2'), ['B', 'A']);
    expect(await partners('A')).toEqual({ B: 2, C: 1 });
    expect(await partners('B')).toEqual({ A: 2, C: 1 });
    expect(await partners('C')).toEqual({ A: 1, B: 1 });
    expect(await redis.hgetall(keys.togetherOrders())).toEqual({ A: '2', B: '2', C: '1' });
  });

  it('counts only the first 50 distinct SKUs of a huge order', async () => {
    const skus = Array.from({ length: MAX_SKUS_PER_ORDER + 10 }, (_, i) => `S${i}`);
    expect(await together.record(await order('HUGE'), skus)).toBe(true);
    expect(Object.keys(await partners('S0'))).toHaveLength(MAX_SKUS_PER_ORDER - 1);
    expect(await redis.exists(keys.together(`S${MAX_SKUS_PER_ORDER}`))).toBe(0);
    expect(await redis.hlen(keys.togetherOrders())).toBe(MAX_SKUS_PER_ORDER);
  });
});

describe('topFor', () => {
  beforeEach(async () => {
    // A: 4 orders, B: 3 orders. C goes with both, D with A only, E with B only.
    await together.record(await order('O1'), ['A', 'B', 'C']);
    await together.record(await order('O2'), ['A', 'C', 'D']);
    await together.record(await order('O3'), ['A', 'D']);
    await together.record(await order('O4'), ['A', 'D']);
    await together.record(await order('O5'), ['B', 'C', 'E']);
    await together.record(await order('O6'), ['B', 'E']);
  });

  it('sums the counts over the SKUs asked about and leaves those SKUs out', async () => {
    const top = await together.topFor(['A', 'B'], 5);
    expect(top.map((t) => [t.sku, t.orders])).toEqual([['C', 4], ['D', 3], ['E', 2]]);
    expect(top[0]).toEqual({
      sku: 'C', orders: 4, support: 4 / 7,
      boughtWith: [{ sku: 'B', orders: 2, support: 2 / 3 }, { sku: 'A', orders: 2, support: 2 / 4 }],
    });
    expect(top[1]).toEqual({ sku: 'D', orders: 3, support: 3 / 4, boughtWith: [{ sku: 'A', orders: 3, support: 3 / 4 }] });
  });

  it('ranks by orders for one SKU, and stops at the limit', async () => {
    expect((await together.topFor(['A'], 2)).map((t) => [t.sku, t.orders, t.support])).toEqual([['D', 3, 3 / 4], ['C', 2, 2 / 4]]);
    expect(await together.topFor(['A'], 0)).toEqual([]);
    expect(await together.topFor(['NEVER-SOLD'], 5)).toEqual([]);
  });
});

describe('queueRecord in a transaction', () => {
  it('counts an order written in the same transaction, once', async () => {
    const multi = redis.multi();
    multi.hset(keys.order('T1'), 'v', '1');
    together.queueRecord(multi, 'T1', ['A', 'B']);
    const replies = await multi.exec();
    expect(replies?.map(([error, reply]) => [error, reply])).toEqual([[null, 1], [null, 1]]);

    const again = redis.multi();
    together.queueRecord(again, 'T1', ['A', 'B']);
    expect((await again.exec())?.[0]?.[1]).toBe(0);
    expect(await partners('A')).toEqual({ B: 1 });
  });
});
