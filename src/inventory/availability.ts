/**
 * Availability for every channel: per SKU, units available now per DC and in total
 * (what the OMS last reported, less what orders in flight took), the restock date when
 * none is, and the alternatives that are in stock (configured in inventory.substitutions,
 * then those the OMS's stock feed offers). One pipelined Redis round trip for
 * the SKUs asked and one for their alternatives.
 */
import type { SkuStock, StockStore } from '../store/stock-store.js';
import type { Substitutions } from './substitutions.js';

export interface Availability {
  sku: string;
  available: number;
  /** On hand per DC, as the OMS last reported. */
  byDc: Record<string, number>;
  /** Per DC, less what orders routed there have reserved. */
  availableByDc: Record<string, number>;
  reserved: number;
  expectedDate?: string;
  known: boolean;
  /** In-stock alternatives, best first (only when this SKU cannot fill one unit). */
  alternatives: Array<{ sku: string; available: number }>;
}

export const MAX_SKUS_PER_QUESTION = 200;

export async function availability(stock: StockStore, substitutions: Substitutions, skus: string[]): Promise<Availability[]> {
  const asked = await stock.stockOf(skus);
  const offered = (s: SkuStock) => offeredFor(s, substitutions);
  const wanted = [...new Set(asked.filter((s) => s.available === 0).flatMap(offered))];
  const alternatives = new Map((wanted.length > 0 ? await stock.stockOf(wanted) : []).map((s) => [s.sku, s]));
  return asked.map((s) => describe(s, offered(s).map((sku) => alternatives.get(sku)).filter((a): a is SkuStock => !!a && a.available > 0)));
}

/** The configured substitutes first, then those the OMS offers, each once. */
function offeredFor(s: SkuStock, substitutions: Substitutions): string[] {
  return [...new Set([...(substitutions.get(s.sku) ?? []), ...s.alternatives])].filter((sku) => sku !== s.sku);
}

function describe(s: SkuStock, alternatives: SkuStock[]): Availability {
  return {
    sku: s.sku, available: s.available, byDc: s.byDc, availableByDc: s.availableByDc, reserved: s.reserved, known: s.known,
    ...(s.expectedDate ? { expectedDate: s.expectedDate } : {}),
    alternatives: alternatives.map((a) => ({ sku: a.sku, available: a.available })),
  };
}
