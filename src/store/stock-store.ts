/**
 * The inventory view: stock per SKU and distribution centre as the OMS last reported it
 * (newest report wins, nothing older than the last snapshot), minus what accepted orders
 * have taken that the OMS has not reported yet. See lua/stock.ts for the atomic steps.
 */
import type { ChainableCommander } from 'ioredis';
import type { StockUpdate } from '../sdk/connector.js';
import type { HubRedis } from './connection.js';
import type { Keys } from './keys.js';

export interface SkuStock {
  sku: string;
  /** On hand per DC, as the OMS last reported. */
  byDc: Record<string, number>;
  /** Units accepted orders have taken that the OMS has not reported yet. */
  reserved: number;
  /** On hand everywhere minus reserved, never below 0. */
  available: number;
  /** The soonest restock date any DC reported, when none is available. */
  expectedDate?: string;
  /** False when the OMS never reported this SKU. */
  known: boolean;
}

const ITEMS_PER_CALL = 500;

export class StockStore {
  constructor(private readonly redis: HubRedis, private readonly keys: Keys) {}

  /** Applies an OMS stock update; returns how many items changed the view. */
  async apply(update: StockUpdate): Promise<number> {
    const asOf = Date.parse(update.asOf);
    if (!Number.isFinite(asOf)) throw new Error(`stock update with an invalid asOf: ${update.asOf}`);
    let applied = 0;
    for (let start = 0; start < Math.max(update.items.length, 1); start += ITEMS_PER_CALL) {
      const items = update.items.slice(start, start + ITEMS_PER_CALL);
      // Later chunks of a snapshot are deltas of the same moment: the snapshot time is set once.
      const kind = start === 0 ? update.kind : 'delta';
      applied += Number(await this.redis.hubStockApply(
        2 + items.length, this.keys.stockSnapshotAt(), this.keys.stockSkus(), ...items.map((i) => this.keys.stock(i.sku)),
        kind, asOf, ...items.flatMap((i) => [i.sku, i.dc, Math.max(0, Math.floor(i.onHand)), i.expectedDate ?? '']),
      ));
    }
    return applied;
  }

  /** Reserves an existing accepted order's lines once; false when it had reserved already. */
  async reserve(orderId: string, lines: Array<{ sku: string; quantity: number }>): Promise<boolean> {
    const args = this.reserveArgs(orderId, lines);
    return args ? Number(await this.redis.hubStockReserve(...args)) === 1 : false;
  }

  /** The same reservation inside a transaction (the capture's), after the order is written. */
  queueReserve(multi: ChainableCommander, orderId: string, lines: Array<{ sku: string; quantity: number }>): void {
    const args = this.reserveArgs(orderId, lines);
    if (args) (multi as unknown as HubRedis).hubStockReserve(...args);
  }

  private reserveArgs(orderId: string, lines: Array<{ sku: string; quantity: number }>): Array<string | number> | undefined {
    const bySku = new Map<string, number>();
    for (const line of lines) bySku.set(line.sku, (bySku.get(line.sku) ?? 0) + line.quantity);
    if (bySku.size === 0) return undefined;
    const skus = [...bySku.keys()];
    return [
      2 + skus.length, this.keys.order(orderId), this.keys.orderReservation(orderId), ...skus.map((sku) => this.keys.reserved(sku)),
      ...skus.flatMap((sku) => [sku, bySku.get(sku)!]),
    ];
  }

  /** Gives back an order's reservation once the OMS counts the order itself. */
  async release(orderId: string): Promise<boolean> {
    return Number(await this.redis.hubStockRelease(this.keys.orderReservation(orderId), this.keys.reservedPrefix())) === 1;
  }

  async stockOf(skus: string[]): Promise<SkuStock[]> {
    const pipeline = this.redis.pipeline();
    for (const sku of skus) pipeline.hgetall(this.keys.stock(sku)).get(this.keys.reserved(sku));
    const replies = (await pipeline.exec()) ?? [];
    return skus.map((sku, i) => {
      const hash = (replies[i * 2]?.[1] ?? {}) as Record<string, string>;
      const reserved = Number(replies[i * 2 + 1]?.[1] ?? 0);
      const byDc: Record<string, number> = {};
      const expected: string[] = [];
      for (const [field, value] of Object.entries(hash)) {
        if (field.endsWith('#')) expected.push(value);
        else if (!field.endsWith('@')) byDc[field] = Number(value);
      }
      const onHand = Object.values(byDc).reduce((a, b) => a + b, 0);
      const available = Math.max(0, onHand - reserved);
      const soonest = expected.sort()[0];
      return { sku, byDc, reserved, available, known: Object.keys(byDc).length > 0, ...(available === 0 && soonest ? { expectedDate: soonest } : {}) };
    });
  }
}
