import { describe, expect, it } from 'vitest';
import type { PickupStores } from '../../src/inventory/pickup-stores.js';
import { stockForFulfilment } from '../../src/inventory/stock-for-fulfilment.js';
import type { SkuStock } from '../../src/store/stock-store.js';

const stock: SkuStock[] = [{
  sku: 'TEE', byDc: { DC1: 5, DC2: 2, S01: 1 }, reserved: 0, available: 8,
  availableByDc: { DC1: 5, DC2: 2, S01: 1 }, known: true, alternatives: [],
}];
const stores: PickupStores = new Map([['S01', { id: 'S01', name: undefined, postalCode: 'LS1', country: 'GB', target: undefined, location: undefined }]]);

describe('the stock that can fill an order at capture', () => {
  it('is the store\'s own for a pickup placed in it', () => {
    expect(stockForFulfilment({ fulfilment: { method: 'pickup', pickupStore: 'S01', warehouse: 'S01' } }, stock, stores)[0]!.available).toBe(1);
  });

  it('leaves out the stores for an order that ships', () => {
    expect(stockForFulfilment({ fulfilment: { method: 'ship' } }, stock, stores)[0]!.available).toBe(7);
    expect(stockForFulfilment({}, stock, stores)[0]!.available).toBe(7);
  });

  it('counts everything when no store is configured, or the pickup store is not one', () => {
    expect(stockForFulfilment({ fulfilment: { method: 'ship' } }, stock, new Map())[0]!.available).toBe(8);
    expect(stockForFulfilment({ fulfilment: { method: 'pickup', pickupStore: 'S09' } }, stock, stores)[0]!.available).toBe(7);
  });
});
