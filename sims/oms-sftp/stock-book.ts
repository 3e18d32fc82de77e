/**
 * The flat-file OMS's stock: units on hand per SKU and distribution centre, and what
 * each order line holds of it (so a cancellation or a smaller quantity can put units
 * back and a shipment can use them up). A line is filled from the DC with the most
 * units among those that can fill it whole (the earlier DC on a tie), else split across
 * the DCs in their configured order as far as stock goes; on hand never goes below 0.
 */
import type { OmsSftpStockOptions, StockItem } from './types.js';

/** A bad stock value or DC (`invalid`), or stock used on a sim that keeps none (`not-configured`). */
export class StockError extends Error {
  constructor(message: string, readonly reason: 'invalid' | 'not-configured' = 'invalid') {
    super(message);
    this.name = 'StockError';
  }
}

interface Pick {
  sku: string;
  dc: string;
  qty: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class StockBook {
  readonly #dcs: readonly string[];
  /** By `keyOf(sku, dc)`, in the order items became known. */
  readonly #items = new Map<string, StockItem>();
  /** OMS order number → line number → units taken, oldest first. */
  readonly #held = new Map<string, Map<number, Pick[]>>();

  constructor(options: OmsSftpStockOptions) {
    if (!Array.isArray(options.dcs) || options.dcs.length === 0) throw new StockError('stock.dcs must name at least one DC');
    if (options.dcs.some((dc) => typeof dc !== 'string' || dc.trim() === '')) throw new StockError('stock.dcs must be non-empty strings');
    if (new Set(options.dcs).size !== options.dcs.length) throw new StockError('stock.dcs must not repeat a DC');
    this.#dcs = [...options.dcs];
    for (const item of options.items ?? []) {
      const checked = this.#check(item);
      const key = keyOf(checked.sku, checked.dc);
      if (this.#items.has(key)) throw new StockError(`stock.items names ${checked.sku} at ${checked.dc} twice`);
      this.#items.set(key, checked);
    }
  }

  items(): StockItem[] {
    return [...this.#items.values()].map((item) => ({ ...item }));
  }

  /** Replaces (or adds) one SKU×DC; returns the stored item. */
  set(item: StockItem): StockItem {
    const checked = this.#check(item);
    this.#items.set(keyOf(checked.sku, checked.dc), checked);
    return { ...checked };
  }

  /** True when any DC has at least one unit of the SKU. */
  hasStock(sku: string): boolean {
    return this.#dcs.some((dc) => (this.#items.get(keyOf(sku, dc))?.onHand ?? 0) > 0);
  }

  /** Runs `change` and returns the items whose on-hand it changed (what a delta file carries). */
  tracking(change: () => void): StockItem[] {
    const before = new Map([...this.#items].map(([key, item]) => [key, item.onHand]));
    change();
    return [...this.#items].filter(([key, item]) => before.get(key) !== item.onHand).map(([, item]) => ({ ...item }));
  }

  /** Takes `qty` units of `sku` for one order line, as far as stock goes. */
  allocate(omsOrderNumber: string, lineNumber: number, sku: string, qty: number): void {
    const picks = this.#heldBy(omsOrderNumber, lineNumber);
    for (const pick of this.#pick(sku, qty)) {
      this.#adjust(sku, pick.dc, -pick.qty);
      picks.push({ sku, dc: pick.dc, qty: pick.qty });
    }
  }

  /** Puts back up to `qty` held units of a line (all of them by default), the latest taken first. */
  release(omsOrderNumber: string, lineNumber: number, qty = Number.POSITIVE_INFINITY): void {
    for (const pick of this.#take(omsOrderNumber, lineNumber, qty)) this.#adjust(pick.sku, pick.dc, pick.qty);
  }

  /** Forgets up to `qty` held units of a line that left the building: they can no longer be put back. */
  consume(omsOrderNumber: string, lineNumber: number, qty = Number.POSITIVE_INFINITY): void {
    this.#take(omsOrderNumber, lineNumber, qty);
  }

  #heldBy(omsOrderNumber: string, lineNumber: number): Pick[] {
    const lines = this.#held.get(omsOrderNumber) ?? new Map<number, Pick[]>();
    this.#held.set(omsOrderNumber, lines);
    const picks = lines.get(lineNumber) ?? [];
    lines.set(lineNumber, picks);
    return picks;
  }

  #pick(sku: string, qty: number): Array<{ dc: string; qty: number }> {
    const stocked = this.#dcs.map((dc) => ({ dc, onHand: this.#items.get(keyOf(sku, dc))?.onHand ?? 0 }));
    const whole = stocked.filter((candidate) => candidate.onHand >= qty).sort((a, b) => b.onHand - a.onHand)[0];
    if (whole) return [{ dc: whole.dc, qty }];
    const picks: Array<{ dc: string; qty: number }> = [];
    let remaining = qty;
    for (const { dc, onHand } of stocked) {
      const take = Math.min(onHand, remaining);
      if (take > 0) picks.push({ dc, qty: take });
      remaining -= take;
    }
    return picks;
  }

  #take(omsOrderNumber: string, lineNumber: number, qty: number): Pick[] {
    const picks = this.#held.get(omsOrderNumber)?.get(lineNumber) ?? [];
    const taken: Pick[] = [];
    let remaining = Math.max(0, qty);
    for (let index = picks.length - 1; index >= 0 && remaining > 0; index -= 1) {
      const pick = picks[index]!;
      const take = Math.min(pick.qty, remaining);
      pick.qty -= take;
      remaining -= take;
      taken.push({ sku: pick.sku, dc: pick.dc, qty: take });
    }
    const left = picks.filter((pick) => pick.qty > 0);
    picks.splice(0, picks.length, ...left);
    return taken;
  }

  #adjust(sku: string, dc: string, delta: number): void {
    const key = keyOf(sku, dc);
    const item = this.#items.get(key) ?? { sku, dc, onHand: 0 };
    item.onHand = Math.max(0, item.onHand + delta);
    this.#items.set(key, item);
  }

  #check(item: StockItem): StockItem {
    if (typeof item !== 'object' || item === null) throw new StockError('a stock item must be an object');
    const { sku, dc, onHand, expectedDate } = item;
    if (typeof sku !== 'string' || sku.trim() === '') throw new StockError('sku is required');
    if (typeof dc !== 'string' || !this.#dcs.includes(dc)) throw new StockError(`dc must be one of ${this.#dcs.join(', ')}, got ${String(dc)}`);
    if (typeof onHand !== 'number' || !Number.isInteger(onHand) || onHand < 0) throw new StockError(`onHand of ${sku} at ${dc} must be a whole number >= 0`);
    if (expectedDate !== undefined && !isDate(expectedDate)) throw new StockError(`expectedDate of ${sku} at ${dc} must be a date YYYY-MM-DD`);
    return expectedDate === undefined ? { sku, dc, onHand } : { sku, dc, onHand, expectedDate };
  }
}

function keyOf(sku: string, dc: string): string {
  return `${sku}\u0000${dc}`;
}

function isDate(value: unknown): boolean {
  if (typeof value !== 'string' || !DATE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}
