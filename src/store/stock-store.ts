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
  /** Per DC: on hand minus what orders routed to that DC reserved, never below 0. */
  availableByDc: Record<string, number>;
  /** The soonest restock date any DC reported, when none is available. */
  expectedDate?: string;
  /** False when the OMS never reported this SKU. */
  known: boolean;
  /** What the OMS last said to offer instead, best first (empty when it never said). */
  alternatives: string[];
}

const ITEMS_PER_CALL = 500;

/** What an order line takes: its SKU and units, and the DC it was routed to, if any. */
export interface ReservedLine {
  sku: string;
  quantity: number;
  warehouse?: string;
}

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
    await this.applyAlternatives(update);
    return applied;
  }

  /** The OMS's alternatives per SKU: the newest list it sent replaces the one before. */
  private async applyAlternatives(update: StockUpdate): Promise<void> {
    const lists = update.items.filter((i) => i.alternatives !== undefined).map((i) => [i.sku, i.alternatives!.join(' ')]);
    if (lists.length > 0) await this.redis.hset(this.keys.stockAlternatives(), Object.fromEntries(lists));
  }

  /** Reserves an existing accepted order's lines once; false when it had reserved already. */
  async reserve(orderId: string, lines: ReservedLine[]): Promise<boolean> {
    const args = this.reserveArgs(orderId, lines);
    return args ? Number(await this.redis.hubStockReserve(...args)) === 1 : false;
  }

  /** The same reservation inside a transaction (the capture's), after the order is written. */
  queueReserve(multi: ChainableCommander, orderId: string, lines: ReservedLine[]): void {
    const args = this.reserveArgs(orderId, lines);
    if (args) (multi as unknown as HubRedis).hubStockReserve(...args);
  }

  private reserveArgs(orderId: string, lines: ReservedLine[]): Array<string | number> | undefined {
    const bySku = new Map<string, { units: number; atDc: Map<string, number> }>();
    for (const line of lines) {
      const entry = bySku.get(line.sku) ?? { units: 0, atDc: new Map<string, number>() };
      entry.units += line.quantity;
      if (line.warehouse) entry.atDc.set(line.warehouse, (entry.atDc.get(line.warehouse) ?? 0) + line.quantity);
      bySku.set(line.sku, entry);
    }
    if (bySku.size === 0) return undefined;
    const skus = [...bySku.keys()];
    return [
      2 + skus.length * 2, this.keys.order(orderId), this.keys.orderReservation(orderId),
      ...skus.flatMap((sku) => [this.keys.reserved(sku), this.keys.reservedAtDc(sku)]),
      ...skus.flatMap((sku) => {
        const { units, atDc } = bySku.get(sku)!;
        return [sku, units, atDc.size, ...[...atDc].flat()];
      }),
    ];
  }

  /** Gives back an order's reservation once the OMS counts the order itself. */
  async release(orderId: string): Promise<boolean> {
    return Number(await this.redis.hubStockRelease(this.keys.orderReservation(orderId), this.keys.reservedPrefix(), this.keys.reservedAtDcPrefix())) === 1;
  }

  /** What each SKU has now, in one script call (one reply, however many SKUs). */
  async stockOf(skus: string[]): Promise<SkuStock[]> {
    if (skus.length === 0) return [];
    const keys = skus.flatMap((sku) => [this.keys.stock(sku), this.keys.reserved(sku), this.keys.reservedAtDc(sku)]);
    const replies = await this.redis.hubStockRead(keys.length + 1, ...keys, this.keys.stockAlternatives(), ...skus);
    return skus.map((sku, i) => {
      const [flat = [], reservedText = '0', atDcFlat = [], offered = ''] = replies[i] ?? [];
      return skuStock(sku, pairs(flat), Number(reservedText), pairs(atDcFlat), offered);
    });
  }
}

function pairs(flat: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < flat.length; i += 2) out[flat[i]!] = flat[i + 1]!;
  return out;
}

/** One SKU's figures from its stock hash, its reservations and the OMS's alternatives. */
function skuStock(sku: string, hash: Record<string, string>, reserved: number, atDc: Record<string, string>, offered: string): SkuStock {
  const byDc: Record<string, number> = {};
  const expected: string[] = [];
  for (const [field, value] of Object.entries(hash)) {
    if (field.endsWith('#')) expected.push(value);
    else if (!field.endsWith('@')) byDc[field] = Number(value);
  }
  const onHand = Object.values(byDc).reduce((a, b) => a + b, 0);
  const available = Math.max(0, onHand - reserved);
  const soonest = expected.sort()[0];
  const availableByDc = Object.fromEntries(Object.entries(byDc).map(([dc, units]) => [dc, Math.max(0, units - Number(atDc[dc] ?? 0))]));
  return {
    sku, byDc, reserved, available, availableByDc, known: Object.keys(byDc).length > 0,
    alternatives: offered.split(' ').filter(Boolean),
    ...(available === 0 && soonest ? { expectedDate: soonest } : {}),
  };
}
