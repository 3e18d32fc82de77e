/**
 * Availability seen from a pickup store, pure: what the store has (its own dc in the
 * stock view), and each DC nearest to the store first with its distance; DCs that cannot
 * be located come last in configured order; the store itself is never one of its
 * neighbours; an unknown store gets a hint naming the configured ones.
 */
import { describe, expect, it } from 'vitest';
import type { Availability } from '../../src/inventory/availability.js';
import type { DcSite } from '../../src/inventory/choose-dc.js';
import type { PickupStore } from '../../src/inventory/pickup-stores.js';
import { availabilityAtStore, dcsByDistance, unknownStoreHint } from '../../src/inventory/store-availability.js';

const NEW_YORK = { lat: 40.75, lon: -73.99, place: 'New York NY' };
const STORE: PickupStore = { id: 'S01', name: 'Fifth Avenue', postalCode: '10118', country: 'US', target: undefined, location: NEW_YORK };

const DCS: DcSite[] = [
  { id: 'DC-CA', postalCode: '90001', country: 'US', location: { lat: 33.97, lon: -118.25, place: 'Los Angeles CA' } },
  { id: 'DC-XX', postalCode: '00000', country: 'US', location: undefined },
  { id: 'DC-NJ', postalCode: '07302', country: 'US', location: { lat: 40.72, lon: -74.05, place: 'Jersey City NJ' } },
  { id: 'DC-TX', postalCode: '75201', country: 'US', location: { lat: 32.79, lon: -96.80, place: 'Dallas TX' } },
];

function item(sku: string, availableByDc: Record<string, number>): Availability {
  const available = Object.values(availableByDc).reduce((a, b) => a + b, 0);
  return { sku, available, byDc: availableByDc, availableByDc, reserved: 0, known: true, alternatives: [] };
}

describe('dcsByDistance', () => {
  it('ranks the DCs nearest to the store first, in whole km, unlocated ones last', () => {
    const ranked = dcsByDistance(STORE, DCS);
    expect(ranked.map((r) => r.dc)).toEqual(['DC-NJ', 'DC-TX', 'DC-CA', 'DC-XX']);
    expect(ranked[0]!.distanceKm).toBeLessThan(10);
    expect(ranked[2]!.distanceKm).toBeGreaterThan(3900);
    expect(ranked.every((r) => r.distanceKm === null || Number.isInteger(r.distanceKm))).toBe(true);
    expect(ranked[3]!.distanceKm).toBeNull();
  });

  it('keeps the configured order when the store cannot be located', () => {
    const ranked = dcsByDistance({ ...STORE, location: undefined }, DCS);
    expect(ranked).toEqual(DCS.map((dc) => ({ dc: dc.id, distanceKm: null })));
  });

  it('never lists the store as its own neighbour', () => {
    expect(dcsByDistance(STORE, [...DCS, { id: 'S01', postalCode: '10118', country: 'US', location: NEW_YORK }]).map((r) => r.dc)).not.toContain('S01');
  });
});

describe('availabilityAtStore', () => {
  it('adds what the store has and what each nearby DC has, keeping the rest of the answer', () => {
    const [mug, kettle] = availabilityAtStore([item('MUG', { S01: 2, 'DC-NJ': 5, 'DC-CA': 1 }), item('KETTLE', { 'DC-TX': 4 })], STORE, DCS);
    expect(mug).toMatchObject({ sku: 'MUG', available: 8, store: { id: 'S01', available: 2 } });
    expect(mug!.nearby.map(({ dc, available }) => [dc, available])).toEqual([['DC-NJ', 5], ['DC-TX', 0], ['DC-CA', 1], ['DC-XX', 0]]);
    expect(kettle!.store).toEqual({ id: 'S01', available: 0 });
    expect(kettle!.nearby.find((n) => n.dc === 'DC-TX')).toMatchObject({ available: 4, distanceKm: expect.any(Number) });
  });

  it('without DCs, the store alone', () => {
    expect(availabilityAtStore([item('MUG', { S01: 3 })], STORE, [])[0]).toMatchObject({ store: { id: 'S01', available: 3 }, nearby: [] });
  });
});

describe('unknownStoreHint', () => {
  it('names the configured stores, or says there are none', () => {
    expect(unknownStoreHint(new Map([['S01', STORE], ['S02', { ...STORE, id: 'S02' }]]))).toBe('name a store configured in routing.stores: S01, S02');
    expect(unknownStoreHint(new Map())).toBe('no store is configured (routing.stores)');
  });
});
