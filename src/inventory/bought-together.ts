/**
 * "Often bought together" for an order: the SKUs the hub's own order history most often
 * saw with the order's SKUs, kept only when bought together often enough and in stock now,
 * best first, each with an optional discount from the configured rule. Two store calls
 * (the counts, then the stock of the candidates); the rest is plain data.
 */
import type { StockStore } from '../store/stock-store.js';
import type { TogetherCount, TogetherStore } from '../store/together-store.js';

/** A discount offered on a suggestion bought together at least `minOrders` times. */
export interface TogetherDiscountRule {
  /** Percent off the suggested item. */
  percent: number;
  /** Orders with both needed for the discount; default: every suggestion gets it. */
  minOrders?: number;
  /** The code the channel shows or applies. */
  code?: string;
}

export interface TogetherRules {
  /** Orders with both needed to suggest an item at all; default 2. */
  minOrders?: number;
  /** Suggestions at most; default 5. */
  limit?: number;
  discount?: TogetherDiscountRule;
}

export interface TogetherSuggestion {
  sku: string;
  /** The order's SKUs it was bought with, most often first. */
  boughtWith: string[];
  /** Orders that had it and one of the order's SKUs (summed over those SKUs). */
  orders: number;
  /** `orders` / the orders of the SKUs it was bought with (0 to 1). */
  support: number;
  /** Units available now. */
  available: number;
  discount?: { percent: number; code?: string };
}

export const DEFAULT_MIN_ORDERS = 2;
export const DEFAULT_LIMIT = 5;
/** Candidates asked for per suggestion wanted: some fall out as rare or out of stock. */
const CANDIDATES_PER_SUGGESTION = 4;
const MAX_CANDIDATES = 100;

export async function suggestTogether(
  together: Pick<TogetherStore, 'topFor'>,
  stock: Pick<StockStore, 'stockOf'>,
  skus: string[],
  rules: TogetherRules = {},
): Promise<TogetherSuggestion[]> {
  const limit = limitOf(rules);
  if (limit === 0 || skus.length === 0) return [];
  const candidates = frequentEnough(await together.topFor(skus, candidateCount(limit)), minOrdersOf(rules));
  if (candidates.length === 0) return [];
  const available = new Map((await stock.stockOf(candidates.map((c) => c.sku))).map((s) => [s.sku, s.available]));
  return rankSuggestions(candidates, available, rules);
}

/** The pure part: frequent enough, in stock, at most `limit`, in the order given, with the discount. */
export function rankSuggestions(candidates: TogetherCount[], availableBySku: ReadonlyMap<string, number>, rules: TogetherRules = {}): TogetherSuggestion[] {
  return frequentEnough(candidates, minOrdersOf(rules))
    .filter((c) => (availableBySku.get(c.sku) ?? 0) > 0)
    .slice(0, limitOf(rules))
    .map((c) => suggestion(c, availableBySku.get(c.sku) ?? 0, rules.discount));
}

function suggestion(candidate: TogetherCount, available: number, rule: TogetherDiscountRule | undefined): TogetherSuggestion {
  const discount = rule && candidate.orders >= (rule.minOrders ?? 0)
    ? { percent: rule.percent, ...(rule.code !== undefined ? { code: rule.code } : {}) }
    : undefined;
  return {
    sku: candidate.sku, boughtWith: candidate.boughtWith.map((pair) => pair.sku),
    orders: candidate.orders, support: candidate.support, available,
    ...(discount ? { discount } : {}),
  };
}

function frequentEnough(candidates: TogetherCount[], minOrders: number): TogetherCount[] {
  return candidates.filter((c) => c.orders >= minOrders);
}

function minOrdersOf(rules: TogetherRules): number {
  return rules.minOrders ?? DEFAULT_MIN_ORDERS;
}

function limitOf(rules: TogetherRules): number {
  return Math.max(0, Math.floor(rules.limit ?? DEFAULT_LIMIT));
}

function candidateCount(limit: number): number {
  return Math.max(limit, Math.min(MAX_CANDIDATES, limit * CANDIDATES_PER_SUGGESTION));
}
