/**
 * An OMS simulator's stock: units on hand per SKU and distribution centre, allocation
 * of order lines from it, and what each line still holds (so a cancellation or a
 * smaller quantity can put units back and a shipment can use them up). On hand never
 * goes below 0. Whole orders (`allocate`, `release`, `consume`, `reallocateLine`) or
 * one line at a time (`allocateLine`, `releaseLine`, `consumeLine`).
 */
import { HeldStock, takeLatest, type HeldLine, type HeldPick } from './held-stock.js';
import { checkedDcs, checkedItem, checkedItemList, StockError, type StockItem } from './stock-item.js';
import { pickUnits, type DcUnits } from './stock-picking.js';

export { StockError, type StockItem } from './stock-item.js';

export interface StockBookOptions {
  /** The distribution centres, in the order a line that no single DC can fill is split across them. */
  dcs: string[];
  /** Starting stock; each SKU×DC at most once, every `dc` one of `dcs`. */
  items?: StockItem[];
}

/** An order line as the stock sees it. */
export interface StockOrderLine {
  number: number;
  /** The SKU. */
  item: string;
  qty: number;
  /** The DC to take the line from when it can fill it. */
  warehouse?: string;
}

/** Where one order line's units were taken from. */
export interface LineAllocation {
  /** The line number. */
  number: number;
  sku: string;
  /** Units ordered. */
  qty: number;
  /** Units taken from each DC, in the order they were taken; empty when nothing was in stock. */
  allocated: DcUnits[];
  /** Units that could not be allocated (qty minus everything allocated). */
  short: number;
}

/** Units to take from order lines by number; `release` and `consume` take everything the order holds without it. */
export type LineUnits = Array<{ number: number; qty: number }>;

export class StockBook {
  readonly #dcs: readonly string[];
  /** By `keyOf(sku, dc)`, in the order items became known. */
  readonly #items = new Map<string, StockItem>();
  readonly #held = new HeldStock();

  constructor(options: StockBookOptions) {
    this.#dcs = checkedDcs(options.dcs);
    for (const item of checkedItemList(options.items)) {
      const checked = checkedItem(item, this.#dcs);
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
    const checked = checkedItem(item, this.#dcs);
    this.#items.set(keyOf(checked.sku, checked.dc), checked);
    return copyItem(checked);
  }

  /** Units on hand of a SKU in every DC together. */
  onHand(sku: string): number {
    return this.#dcs.reduce((sum, dc) => sum + this.#onHandAt(sku, dc), 0);
  }

  /** True when any DC has at least one unit of the SKU. */
  hasStock(sku: string): boolean {
    return this.#dcs.some((dc) => this.#onHandAt(sku, dc) > 0);
  }

  /** Runs `change` and returns the items whose on-hand it changed (what a delta carries). */
  tracking(change: () => void): StockItem[] {
    const before = new Map([...this.#items].map(([key, item]) => [key, item.onHand]));
    change();
    return [...this.#items].filter(([key, item]) => before.get(key) !== item.onHand).map(([, item]) => copyItem(item));
  }

  /**
   * Allocates every line of a new order (forgetting anything the order number held
   * before), each from its `warehouse` when that DC can fill it, else as `pickUnits`
   * decides. Returns the allocation and the items whose on-hand changed.
   */
  allocate(omsOrderNumber: string, lines: StockOrderLine[]): { allocation: LineAllocation[]; changed: StockItem[] } {
    const allocation: LineAllocation[] = [];
    const changed = this.tracking(() => {
      this.#held.reset(omsOrderNumber);
      for (const line of lines) allocation.push(this.#allocateNew(omsOrderNumber, line));
    });
    return { allocation, changed };
  }

  /** Puts held units back on hand (a cancellation): of the given lines, or everything the order holds. */
  release(omsOrderNumber: string, lines?: LineUnits): StockItem[] {
    return this.tracking(() => {
      for (const pick of this.#takeHeld(omsOrderNumber, lines)) this.#adjust(pick.sku, pick.dc, pick.qty);
    });
  }

  /** Forgets held units that left the building (a shipment): they can no longer be put back. */
  consume(omsOrderNumber: string, lines?: LineUnits): void {
    this.#takeHeld(omsOrderNumber, lines);
  }

  /**
   * A changed order line (another variant, another quantity, a new line, a cancelled one
   * with quantity 0): puts back what the line held and takes its new units. Returns the
   * changed items and the units that could not be taken.
   */
  reallocateLine(omsOrderNumber: string, line: StockOrderLine): { changed: StockItem[]; short: number } {
    let taken: DcUnits[] = [];
    const changed = this.tracking(() => {
      this.#putBack(this.#held.find(omsOrderNumber, line.number)?.picks ?? []);
      const held = this.#held.replace(omsOrderNumber, line.number);
      if (line.qty > 0) taken = this.#fill(held, line.item, line.qty);
    });
    return { changed, short: line.qty - unitsOf(taken) };
  }

  /** Takes `qty` more units of `sku` for one order line, as far as stock goes. */
  allocateLine(omsOrderNumber: string, lineNumber: number, sku: string, qty: number): void {
    this.#fill(this.#held.lineOf(omsOrderNumber, lineNumber), sku, qty);
  }

  /** Puts back up to `qty` held units of a line (all of them by default), the latest taken first. */
  releaseLine(omsOrderNumber: string, lineNumber: number, qty = Number.POSITIVE_INFINITY): void {
    this.#putBack(takeLatest(this.#held.find(omsOrderNumber, lineNumber), qty));
  }

  /** Forgets up to `qty` held units of a line that left the building: they can no longer be put back. */
  consumeLine(omsOrderNumber: string, lineNumber: number, qty = Number.POSITIVE_INFINITY): void {
    takeLatest(this.#held.find(omsOrderNumber, lineNumber), qty);
  }

  #allocateNew(omsOrderNumber: string, line: StockOrderLine): LineAllocation {
    const taken = this.#fill(this.#held.open(omsOrderNumber, line.number), line.item, line.qty, line.warehouse);
    return { number: line.number, sku: line.item, qty: line.qty, allocated: taken, short: line.qty - unitsOf(taken) };
  }

  /** Takes units of `sku` off hand into the held line; returns what each DC gave. */
  #fill(held: HeldLine, sku: string, qty: number, preferred?: string): DcUnits[] {
    const stocked = this.#dcs.map((dc) => ({ dc, onHand: this.#onHandAt(sku, dc) }));
    const taken = pickUnits(stocked, qty, preferred);
    for (const { dc, qty: units } of taken) {
      this.#adjust(sku, dc, -units);
      held.picks.push({ sku, dc, qty: units });
    }
    return taken;
  }

  /** Removes held units of the given lines (or of every line), the latest taken first. */
  #takeHeld(omsOrderNumber: string, lines: LineUnits | undefined): HeldPick[] {
    const wanted = lines && lines.length > 0
      ? lines.map(({ number, qty }) => ({ line: this.#held.find(omsOrderNumber, number), qty }))
      : this.#held.lines(omsOrderNumber).map((line) => ({ line, qty: Number.POSITIVE_INFINITY }));
    return wanted.flatMap(({ line, qty }) => takeLatest(line, qty));
  }

  #putBack(picks: HeldPick[]): void {
    for (const pick of picks) this.#adjust(pick.sku, pick.dc, pick.qty);
  }

  #onHandAt(sku: string, dc: string): number {
    return this.#items.get(keyOf(sku, dc))?.onHand ?? 0;
  }

  #adjust(sku: string, dc: string, delta: number): void {
    const key = keyOf(sku, dc);
    const item = this.#items.get(key) ?? { sku, dc, onHand: 0 };
    item.onHand = Math.max(0, item.onHand + delta);
    this.#items.set(key, item);
  }
}

function keyOf(sku: string, dc: string): string {
  return `${sku}\u0000${dc}`;
}

function copyItem(item: StockItem): StockItem {
  return { ...item };
}

function unitsOf(taken: DcUnits[]): number {
  return taken.reduce((sum, pick) => sum + pick.qty, 0);
}
