/**
 * "Items often bought together", from the hub's own order history: for each SKU, how many
 * orders had it and, per other SKU, how many had both. Each order counts once (a mark on
 * the order itself), and only its first MAX_SKUS_PER_ORDER distinct SKUs take part, so a huge order
 * costs at most 50 × 49 increments. See lua/together.ts for the atomic step.
 */
import type { ChainableCommander } from 'ioredis';
import type { HubRedis } from './connection.js';
import type { Keys } from './keys.js';

/** Distinct SKUs of one order that are counted (or asked about); the rest are ignored. */
export const MAX_SKUS_PER_ORDER = 50;

/** How often one SKU was bought with one of the SKUs asked about. */
export interface PairCount {
  /** The SKU asked about. */
  sku: string;
  /** Orders that had both. */
  orders: number;
  /** Orders that had both / orders that had the SKU asked about (0 to 1). */
  support: number;
}

export interface TogetherCount {
  sku: string;
  /** Orders that had this SKU and one of the SKUs asked about, summed over those SKUs. */
  orders: number;
  /** `orders` / the orders of the SKUs asked about it was bought with (0 to 1). */
  support: number;
  /** Per SKU asked about it was bought with, most orders first. */
  boughtWith: PairCount[];
}

export class TogetherStore {
  constructor(private readonly redis: HubRedis, private readonly keys: Keys) {}

  /** Counts an existing order's SKUs once; false when it was counted before or is not there. */
  async record(orderId: string, skus: string[]): Promise<boolean> {
    return Number(await this.redis.hubTogetherRecord(...this.recordArgs(orderId, skus))) === 1;
  }

  /** The same count inside a transaction (the capture's), after the order is written. */
  queueRecord(multi: ChainableCommander, orderId: string, skus: string[]): void {
    (multi as unknown as HubRedis).hubTogetherRecord(...this.recordArgs(orderId, skus));
  }

  private recordArgs(orderId: string, skus: string[]): Array<string | number> {
    const counted = distinctSkus(skus);
    return [
      2 + counted.length, this.keys.order(orderId), this.keys.togetherOrders(),
      ...counted.map((sku) => this.keys.together(sku)),
      ...counted,
    ];
  }

  /**
   * The other SKUs most often bought with any of `skus`, most orders first (then highest
   * support, then SKU). Candidates are each asked SKU's top `2 × limit + asked` partners;
   * their counts are then read exactly from every asked SKU. Two pipelined round trips.
   */
  async topFor(skus: string[], limit: number): Promise<TogetherCount[]> {
    const asked = distinctSkus(skus);
    const wantedCount = Math.floor(limit);
    if (asked.length === 0 || !(wantedCount > 0)) return [];
    const { candidates, ordersOf } = await this.readCandidates(asked, 2 * wantedCount + asked.length);
    const excluded = new Set(asked);
    const wanted = [...candidates].filter((sku) => !excluded.has(sku));
    if (wanted.length === 0) return [];
    const pairs = await this.readPairs(asked, wanted);
    return wanted
      .map((sku, i) => togetherCount(sku, asked, ordersOf, pairs.map((row) => row[i] ?? 0)))
      .filter((count) => count.orders > 0)
      .sort(byOrdersThenSupport)
      .slice(0, wantedCount);
  }

  /** Each asked SKU's top partners (their union) and how many orders had each asked SKU. */
  private async readCandidates(asked: string[], perSku: number): Promise<{ candidates: Set<string>; ordersOf: number[] }> {
    const pipeline = this.redis.pipeline();
    for (const sku of asked) pipeline.zrevrange(this.keys.together(sku), 0, perSku - 1);
    pipeline.hmget(this.keys.togetherOrders(), ...asked);
    const replies = (await pipeline.exec()) ?? [];
    const candidates = new Set(asked.flatMap((_, i) => (replies[i]?.[1] ?? []) as string[]));
    const counts = (replies[asked.length]?.[1] ?? []) as Array<string | null>;
    return { candidates, ordersOf: asked.map((_, i) => Number(counts[i] ?? 0)) };
  }

  /** Orders that had both, per asked SKU (rows) and candidate (columns). */
  private async readPairs(asked: string[], wanted: string[]): Promise<number[][]> {
    const pipeline = this.redis.pipeline();
    for (const sku of asked) pipeline.zmscore(this.keys.together(sku), wanted);
    const replies = (await pipeline.exec()) ?? [];
    return asked.map((_, i) => ((replies[i]?.[1] ?? []) as Array<string | number | null>).map((score) => Number(score ?? 0)));
  }
}

/** Distinct, non-empty, in the order given, at most MAX_SKUS_PER_ORDER. */
export function distinctSkus(skus: string[]): string[] {
  return [...new Set(skus.filter((sku) => sku !== ''))].slice(0, MAX_SKUS_PER_ORDER);
}

function togetherCount(sku: string, asked: string[], ordersOf: number[], scores: number[]): TogetherCount {
  const boughtWith = asked
    .map((askedSku, i): PairCount => ({ sku: askedSku, orders: scores[i] ?? 0, support: fraction(scores[i] ?? 0, ordersOf[i] ?? 0) }))
    .filter((pair) => pair.orders > 0)
    .sort((a, b) => b.orders - a.orders || b.support - a.support);
  const orders = boughtWith.reduce((sum, pair) => sum + pair.orders, 0);
  const ordersOfBoughtWith = boughtWith.reduce((sum, pair) => sum + (ordersOf[asked.indexOf(pair.sku)] ?? 0), 0);
  return { sku, orders, support: fraction(orders, ordersOfBoughtWith), boughtWith };
}

function fraction(part: number, whole: number): number {
  return whole > 0 ? Math.min(1, part / whole) : 0;
}

function byOrdersThenSupport(a: TogetherCount, b: TogetherCount): number {
  return b.orders - a.orders || b.support - a.support || (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0);
}
