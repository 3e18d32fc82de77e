/**
 * One SKU×DC of an OMS simulator's stock, and what makes stock settings valid: the
 * DCs, each item's SKU, DC, whole on-hand ≥ 0 and optional restock date. Anything
 * else is a `StockError`.
 */

export interface StockItem {
  sku: string;
  /** One of the configured `dcs`. */
  dc: string;
  /** Units on hand: a whole number ≥ 0. */
  onHand: number;
  /** `YYYY-MM-DD` restock date; reported only while `onHand` is 0. */
  expectedDate?: string;
}

/** A bad stock value or DC (`invalid`), or stock used on a sim that keeps none (`not-configured`). */
export class StockError extends Error {
  constructor(message: string, readonly reason: 'invalid' | 'not-configured' = 'invalid') {
    super(message);
    this.name = 'StockError';
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A copy of the DCs: at least one, non-empty strings, none twice. */
export function checkedDcs(dcs: string[]): string[] {
  if (!Array.isArray(dcs) || dcs.length === 0) throw new StockError('stock.dcs must name at least one DC');
  if (dcs.some((dc) => typeof dc !== 'string' || dc.trim() === '')) throw new StockError('stock.dcs must be non-empty strings');
  if (new Set(dcs).size !== dcs.length) throw new StockError('stock.dcs must not repeat a DC');
  return [...dcs];
}

/** The starting items, when given, must be an array. */
export function checkedItemList(items: StockItem[] | undefined): StockItem[] {
  if (items !== undefined && !Array.isArray(items)) throw new StockError('stock.items must be an array');
  return items ?? [];
}

/** A clean copy of a valid item (known fields only) whose DC is one of `dcs`. */
export function checkedItem(item: StockItem, dcs: readonly string[]): StockItem {
  if (typeof item !== 'object' || item === null) throw new StockError('a stock item must be an object');
  const { sku, dc, onHand, expectedDate } = item;
  if (typeof sku !== 'string' || sku.trim() === '') throw new StockError('sku is required');
  if (typeof dc !== 'string' || !dcs.includes(dc)) throw new StockError(`dc must be one of ${dcs.join(', ')}, got ${String(dc)}`);
  if (typeof onHand !== 'number' || !Number.isInteger(onHand) || onHand < 0) throw new StockError(`onHand of ${sku} at ${dc} must be a whole number >= 0`);
  if (expectedDate !== undefined && !isDate(expectedDate)) throw new StockError(`expectedDate of ${sku} at ${dc} must be a date YYYY-MM-DD`);
  return expectedDate === undefined ? { sku, dc, onHand } : { sku, dc, onHand, expectedDate };
}

function isDate(value: unknown): boolean {
  if (typeof value !== 'string' || !DATE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}
