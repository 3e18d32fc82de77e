/**
 * Pickup orders placed in their store (routing.stores), pure: the store becomes the
 * order's warehouse (so its reservation is against the store's stock) and its target
 * wins over the route; an unknown store, or a pickup order naming none, stays on its
 * route with the reason; stores are located by postal code like the DCs.
 */
import { describe, expect, it } from 'vitest';
import { loadPickupStores, storeLabel, type PickupStores } from '../../src/inventory/pickup-stores.js';
import { isPickup, placeAtStore, storeTarget } from '../../src/inventory/place-at-store.js';
import { linesToReserve } from '../../src/inventory/place-in-warehouses.js';
import type { CanonicalOrder } from '../../src/model/order.js';

const ROUTED = { target: 'oms-main', reason: 'default route' };

const STORES: PickupStores = new Map([
  ['S01', { id: 'S01', name: 'Fifth Avenue', postalCode: '10118', country: 'US', target: 'oms-stores', location: undefined }],
  ['S02', { id: 'S02', name: undefined, postalCode: '07302', country: 'US', target: undefined, location: undefined }],
]);

function pickupOrder(pickupStore?: string): CanonicalOrder {
  return {
    schemaVersion: 1, hubOrderId: '01KAAAAAAAAAAAAAAAAAAAAAAA', confirmation: 'K7QM-4TX9P', channel: 'kiosk', source: 'kiosk-1', externalId: 'K-1',
    placedAt: '2026-11-23T10:00:00.000Z', currency: 'USD', customer: { email: 'ada@example.com' },
    lines: [{ lineId: '1', sku: 'MUG', quantity: 2, unitPrice: 1200 }, { lineId: '2', sku: 'TEA', quantity: 1, unitPrice: 900 }],
    totals: { subtotal: 3300, shipping: 0, tax: 0, discount: 0, grandTotal: 3300 },
    fulfilment: { method: 'pickup', ...(pickupStore ? { pickupStore } : {}) },
    provenance: { rawRef: 'r', mappingId: 'm', mappingVersion: '1' },
  };
}

describe('placeAtStore', () => {
  it('places the order in its store, whose target wins, and says so', () => {
    const placed = placeAtStore(STORES, pickupOrder('S01'), ROUTED);
    expect(placed.order.fulfilment).toEqual({ method: 'pickup', pickupStore: 'S01', warehouse: 'S01' });
    expect(placed.target).toBe('oms-stores');
    expect(placed.reason).toBe('default route; pickup at store S01 (Fifth Avenue), from its own stock');
  });

  it('reserves every line against the store', () => {
    const placed = placeAtStore(STORES, pickupOrder('S01'), ROUTED);
    expect(linesToReserve(placed.order)).toEqual([
      { sku: 'MUG', quantity: 2, warehouse: 'S01' }, { sku: 'TEA', quantity: 1, warehouse: 'S01' },
    ]);
  });

  it('a store without a target keeps the order\'s own route', () => {
    const placed = placeAtStore(STORES, pickupOrder('S02'), ROUTED);
    expect([placed.target, placed.order.fulfilment?.warehouse, placed.reason]).toEqual(['oms-main', 'S02', 'default route; pickup at store S02, from its own stock']);
  });

  it('an unknown store, or none named, leaves the order on its route and says so', () => {
    const unknown = pickupOrder('S99');
    expect(placeAtStore(STORES, unknown, ROUTED)).toEqual({
      order: unknown, target: 'oms-main',
      reason: 'default route; pickup at store S99, which is not configured (routing.stores), so the order stays on its route',
    });
    const unnamed = pickupOrder();
    expect(placeAtStore(STORES, unnamed, ROUTED)).toEqual({
      order: unnamed, target: 'oms-main', reason: 'default route; a pickup order that names no store stays on its route',
    });
  });
});

describe('storeTarget', () => {
  it('is the target of the store a pickup order was placed in, if it names one', () => {
    expect(storeTarget(STORES, placeAtStore(STORES, pickupOrder('S01'), ROUTED).order)).toBe('oms-stores');
    expect(storeTarget(STORES, placeAtStore(STORES, pickupOrder('S02'), ROUTED).order)).toBeUndefined();
    expect(storeTarget(STORES, pickupOrder('S01'))).toBeUndefined();
    expect(storeTarget(STORES, { ...pickupOrder(), fulfilment: { method: 'ship', warehouse: 'S01' } })).toBeUndefined();
  });
});

describe('isPickup and storeLabel', () => {
  it('tell a pickup order and name a store', () => {
    expect([isPickup(pickupOrder('S01')), isPickup({ ...pickupOrder(), fulfilment: { method: 'ship' } })]).toEqual([true, false]);
    expect([storeLabel(STORES.get('S01')!), storeLabel(STORES.get('S02')!)]).toEqual(['S01 (Fifth Avenue)', 'S02']);
  });
});

describe('loadPickupStores', () => {
  it('locates each configured store by postal code, and gives an empty map without stores', async () => {
    const stores = await loadPickupStores({
      warehouses: undefined,
      stores: [{ id: 'S01', name: 'Fifth Avenue', postalCode: '10118', country: 'US', target: 'oms-stores' }, { id: 'S02', postalCode: 'ZZZ', country: 'US' }],
    });
    expect(stores.get('S01')).toMatchObject({ id: 'S01', name: 'Fifth Avenue', target: 'oms-stores', location: { place: expect.any(String) } });
    expect(stores.get('S02')).toMatchObject({ id: 'S02', name: undefined, target: undefined, location: undefined });
    expect((await loadPickupStores({ warehouses: undefined, stores: [] })).size).toBe(0);
  });
});
