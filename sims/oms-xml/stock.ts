/**
 * The OMS's stock: units on hand per SKU and distribution centre, allocation
 * of new orders from it, and what each order still holds (so a cancellation
 * can put it back and a shipment can use it up).
 */
import type { OmsLine, OmsLineAllocation, OmsStockOptions, StatusExtra, StockItem } from './types.js';

/** A bad stock value or DC (`invalid`), or stock used on a sim that keeps none (`not-configured`). */
export class StockError extends Error {
  constructor(message: string, readonly reason: 'invalid' | 'not-configured' = 'invalid') {
    super(message);
    this.name = 'StockError';
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface HeldLine {
  number: number;
  sku: string;
  /** Units still held per DC: allocated, not yet shipped or released. */
  picks: Array<{ dc: string; qty: number }>;
}

export class StockBook {
  readonly #dcs: readonly string[];
  /** By `keyOf(sku, dc)`, in the order items became known. */
  readonly #items = new Map<string, StockItem>();
  readonly #held = new Map<string, HeldLine[]>();

  constructor(options: OmsStockOptions) {
    if (!Array.isArray(options.dcs) || options.dcs.length === 0) throw new StockError('stock.dcs must name at least one DC');
    for (const dc of options.dcs) {
      if (typeof dc !== 'string' || dc.trim() === '') throw new StockError('stock.dcs must be non-empty strings');
    }
    if (new Set(options.dcs).size !== options.dcs.length) throw new StockError('stock.dcs must not repeat a DC');
    if (options.items !== undefined && !Array.isArray(options.items)) throw new StockError('stock.items must be an array');
    this.#dcs = [...options.dcs];
    for (const item of options.items ?? []) {
      const checked = this.#check(item);
      const key = keyOf(checked.sku, checked.dc);
      if (this.#items.has(key)) throw new StockError(`stock.items names ${checked.sku} at ${checked.dc} twice`);
      this.#items.set(key, checked);
    }
  }

  items(): StockItem[] {
    return [...this.#items.values()].map(copyItem);
  }

  /** Replaces (or adds) one SKU×DC; returns the stored item. */
  set(item: StockItem): StockItem {
    const checked = this.#check(item);
    this.#items.set(keyOf(checked.sku, checked.dc), checked);
    return copyItem(checked);
  }

  /**
   * Allocates every line: from the DC the hub routed it to when that DC can fill
   * it, else from the DC with the most units of the SKU among
   * those that can fill the whole line (the earlier DC on a tie), otherwise
   * from the DCs in their configured order, as much as each has. Returns the
   * allocation and the items whose on-hand changed.
   */
  allocate(omsOrderNumber: string, lines: OmsLine[]): { allocation: OmsLineAllocation[]; changed: StockItem[] } {
    const before = this.#onHandByKey();
    const allocation: OmsLineAllocation[] = [];
    const held: HeldLine[] = [];
    for (const line of lines) {
      const picks = this.#pick(line.item, line.qty, line.warehouse);
      for (const pick of picks) this.#adjust(line.item, pick.dc, -pick.qty);
      const allocated = picks.reduce((sum, pick) => sum + pick.qty, 0);
      allocation.push({ number: line.number, sku: line.item, qty: line.qty, allocated: picks.map((pick) => ({ ...pick })), short: line.qty - allocated });
      held.push({ number: line.number, sku: line.item, picks: picks.map((pick) => ({ ...pick })) });
    }
    this.#held.set(omsOrderNumber, held);
    return { allocation, changed: this.#changedSince(before) };
  }

  /**
   * Puts held units back on hand (a cancellation): of the given lines and
   * quantities, or everything the order still holds. Returns the changed items.
   */
  release(omsOrderNumber: string, lines?: StatusExtra['lines']): StockItem[] {
    const before = this.#onHandByKey();
    for (const { sku, dc, qty } of this.#take(omsOrderNumber, lines)) this.#adjust(sku, dc, qty);
    return this.#changedSince(before);
  }

  /** Units on hand of a SKU in every DC together. */
  onHand(sku: string): number {
    return this.#dcs.reduce((sum, dc) => sum + (this.#items.get(keyOf(sku, dc))?.onHand ?? 0), 0);
  }

  /**
   * A changed order line (another variant, another quantity, a new line, a cancelled one
   * with quantity 0): puts back what the line held and takes its new units. Returns the
   * changed items and the units that could not be taken.
   */
  reallocateLine(omsOrderNumber: string, line: OmsLine): { changed: StockItem[]; short: number } {
    const before = this.#onHandByKey();
    const held = this.#held.get(omsOrderNumber) ?? [];
    const existing = held.find((h) => h.number === line.number);
    for (const pick of existing?.picks ?? []) this.#adjust(existing!.sku, pick.dc, pick.qty);
    const picks = line.qty > 0 ? this.#pick(line.item, line.qty) : [];
    for (const pick of picks) this.#adjust(line.item, pick.dc, -pick.qty);
    const next = { number: line.number, sku: line.item, picks };
    this.#held.set(omsOrderNumber, [...held.filter((h) => h.number !== line.number), next]);
    return { changed: this.#changedSince(before), short: line.qty - picks.reduce((sum, p) => sum + p.qty, 0) };
  }

  /** Forgets held units that left the building (a shipment): they can no longer be put back. */
  consume(omsOrderNumber: string, lines?: StatusExtra['lines']): void {
    this.#take(omsOrderNumber, lines);
  }

  #pick(sku: string, qty: number, preferred?: string): Array<{ dc: string; qty: number }> {
    const stocked = this.#dcs.map((dc) => ({ dc, onHand: this.#items.get(keyOf(sku, dc))?.onHand ?? 0 }));
    // The DC the hub routed the line to, when it can fill it.
    if (preferred && (stocked.find((s) => s.dc === preferred)?.onHand ?? 0) >= qty) return [{ dc: preferred, qty }];
    let best: { dc: string; onHand: number } | undefined;
    for (const candidate of stocked) {
      if (candidate.onHand >= qty && (!best || candidate.onHand > best.onHand)) best = candidate;
    }
    if (best) return [{ dc: best.dc, qty }];
    const picks: Array<{ dc: string; qty: number }> = [];
    let remaining = qty;
    for (const { dc, onHand } of stocked) {
      if (remaining === 0) break;
      const take = Math.min(onHand, remaining);
      if (take > 0) picks.push({ dc, qty: take });
      remaining -= take;
    }
    return picks;
  }

  /** Removes held units (the latest picks first) and returns what was removed. */
  #take(omsOrderNumber: string, lines: StatusExtra['lines']): Array<{ sku: string; dc: string; qty: number }> {
    const held = this.#held.get(omsOrderNumber) ?? [];
    const wanted = lines && lines.length > 0
      ? lines.map((line) => ({ line: held.find((candidate) => candidate.number === line.number), qty: line.qty }))
      : held.map((line) => ({ line, qty: Number.POSITIVE_INFINITY }));
    const taken: Array<{ sku: string; dc: string; qty: number }> = [];
    for (const { line, qty } of wanted) {
      if (!line) continue;
      let remaining = Math.max(0, qty);
      for (let index = line.picks.length - 1; index >= 0 && remaining > 0; index -= 1) {
        const pick = line.picks[index];
        if (!pick) continue;
        const take = Math.min(pick.qty, remaining);
        pick.qty -= take;
        remaining -= take;
        if (take > 0) taken.push({ sku: line.sku, dc: pick.dc, qty: take });
      }
      line.picks = line.picks.filter((pick) => pick.qty > 0);
    }
    return taken;
  }

  #adjust(sku: string, dc: string, delta: number): void {
    const key = keyOf(sku, dc);
    const item = this.#items.get(key) ?? { sku, dc, onHand: 0 };
    item.onHand = Math.max(0, item.onHand + delta);
    this.#items.set(key, item);
  }

  #onHandByKey(): Map<string, number> {
    return new Map([...this.#items].map(([key, item]) => [key, item.onHand]));
  }

  #changedSince(before: Map<string, number>): StockItem[] {
    return [...this.#items].filter(([key, item]) => before.get(key) !== item.onHand).map(([, item]) => copyItem(item));
  }

  #check(item: StockItem): StockItem {
    if (typeof item !== 'object' || item === null) throw new StockError('a stock item must be an object');
    const { sku, dc, onHand, expectedDate } = item;
    if (typeof sku !== 'string' || sku.trim() === '') throw new StockError('sku is required');
    if (typeof dc !== 'string' || !this.#dcs.includes(dc)) throw new StockError(`dc must be one of ${this.#dcs.join(', ')}, got ${String(dc)}`);
    if (typeof onHand !== 'number' || !Number.isInteger(onHand) || onHand < 0) throw new StockError(`onHand of ${sku} at ${dc} must be a whole number >= 0`);
    if (expectedDate !== undefined && (typeof expectedDate !== 'string' || !isDate(expectedDate))) {
      throw new StockError(`expectedDate of ${sku} at ${dc} must be a date YYYY-MM-DD`);
    }
    return expectedDate === undefined ? { sku, dc, onHand } : { sku, dc, onHand, expectedDate };
  }
}

function keyOf(sku: string, dc: string): string {
  return `${sku}\u0000${dc}`;
}

function copyItem(item: StockItem): StockItem {
  return { ...item };
}

function isDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}
