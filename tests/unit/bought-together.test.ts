/**
 * "Often bought together" suggestions, with tiny fakes of the two stores: only items bought
 * together often enough and in stock now, best first, at most the limit, and the discount
 * rule on those that meet its own threshold.
 */
import { describe, expect, it } from 'vitest';
import { rankSuggestions, suggestTogether, type TogetherRules } from '../../src/inventory/bought-together.js';
import type { SkuStock } from '../../src/store/stock-store.js';
import type { TogetherCount } from '../../src/store/together-store.js';

function count(sku: string, orders: number, boughtWith: string[] = ['A']): TogetherCount {
  return { sku, orders, support: orders / 20, boughtWith: boughtWith.map((askedSku) => ({ sku: askedSku, orders, support: orders / 20 })) };
}

function fakeTogether(counts: TogetherCount[]) {
  const asked: Array<{ skus: string[]; limit: number }> = [];
  return {
    asked,
    async topFor(skus: string[], limit: number) { asked.push({ skus, limit }); return counts.slice(0, limit); },
  };
}

function fakeStock(available: Record<string, number>) {
  const asked: string[][] = [];
  return {
    asked,
    async stockOf(skus: string[]): Promise<SkuStock[]> {
      asked.push(skus);
      return skus.map((sku) => ({ sku, byDc: {}, availableByDc: {}, alternatives: [], reserved: 0, available: available[sku] ?? 0, known: sku in available }));
    },
  };
}

describe('suggestTogether', () => {
  it('keeps what is in stock and bought together at least twice, best first, at most five', async () => {
    const counts = [count('B', 9), count('C', 8), count('D', 7), count('E', 6), count('F', 5), count('G', 4), count('H', 3), count('I', 1)];
    const stock = fakeStock({ B: 3, C: 0, D: 1, E: 2, F: 4, G: 5, H: 6, I: 9 });
    const suggestions = await suggestTogether(fakeTogether(counts), stock, ['A']);
    expect(suggestions.map((s) => s.sku)).toEqual(['B', 'D', 'E', 'F', 'G']);
    expect(suggestions[0]).toEqual({ sku: 'B', boughtWith: ['A'], orders: 9, support: 0.45, available: 3 });
    // The rare one is never looked up in stock.
    expect(stock.asked).toEqual([['B', 'C', 'D', 'E', 'F', 'G', 'H']]);
  });

  it('asks the history for more candidates than it suggests, and nothing at all for an empty order', async () => {
    const together = fakeTogether([count('B', 3)]);
    await suggestTogether(together, fakeStock({ B: 1 }), ['A', 'Z'], { limit: 3 });
    expect(together.asked).toEqual([{ skus: ['A', 'Z'], limit: 12 }]);
    const stock = fakeStock({});
    expect(await suggestTogether(together, stock, [])).toEqual([]);
    expect(await suggestTogether(together, stock, ['A'], { limit: 0 })).toEqual([]);
    expect(stock.asked).toEqual([]);
  });

  it('does not look up stock when nothing was bought together often enough', async () => {
    const stock = fakeStock({ B: 1 });
    expect(await suggestTogether(fakeTogether([count('B', 1)]), stock, ['A'])).toEqual([]);
    expect(stock.asked).toEqual([]);
  });

  it('lists the order SKUs each suggestion was bought with', async () => {
    const suggestions = await suggestTogether(fakeTogether([count('C', 5, ['B', 'A'])]), fakeStock({ C: 2 }), ['A', 'B']);
    expect(suggestions).toEqual([{ sku: 'C', boughtWith: ['B', 'A'], orders: 5, support: 0.25, available: 2 }]);
  });
});

describe('rankSuggestions: the discount rule', () => {
  const candidates = [count('B', 12), count('C', 6), count('D', 2)];
  const inStock = new Map([['B', 1], ['C', 1], ['D', 1]]);

  it('gives the discount only to suggestions bought together at least its minOrders times', () => {
    const rules: TogetherRules = { discount: { percent: 10, minOrders: 6, code: 'TOGETHER10' } };
    expect(rankSuggestions(candidates, inStock, rules).map((s) => [s.sku, s.discount])).toEqual([
      ['B', { percent: 10, code: 'TOGETHER10' }],
      ['C', { percent: 10, code: 'TOGETHER10' }],
      ['D', undefined],
    ]);
  });

  it('gives it to every suggestion without its own minOrders, and leaves out a code not configured', () => {
    expect(rankSuggestions(candidates, inStock, { discount: { percent: 5 } }).map((s) => s.discount)).toEqual([
      { percent: 5 }, { percent: 5 }, { percent: 5 },
    ]);
  });

  it('offers no discount without a rule, and applies minOrders and limit of its own', () => {
    const ranked = rankSuggestions(candidates, inStock, { minOrders: 3, limit: 1 });
    expect(ranked).toEqual([{ sku: 'B', boughtWith: ['A'], orders: 12, support: 0.6, available: 1 }]);
    expect(ranked[0]).not.toHaveProperty('discount');
  });

  it('drops what is out of stock or unknown', () => {
    expect(rankSuggestions(candidates, new Map([['B', 0], ['D', 4]])).map((s) => s.sku)).toEqual(['D']);
  });
});
