/**
 * Availability seen from a pickup store (`GET /api/availability?store=`): per SKU, the
 * units available at the store itself (the OMS reports store stock with the store id as
 * `dc`), and at each configured DC, nearest to the store first, with the distance, so a
 * kiosk can say "none here, 4 in Leeds". Pure: the caller reads the stock and knows the
 * store and the DCs.
 */
import type { Availability } from './availability.js';
import type { DcSite } from './choose-dc.js';
import { distanceKm } from './distance.js';
import type { PickupStore, PickupStores } from './pickup-stores.js';

export interface NearbyDc {
  dc: string;
  available: number;
  /** Whole kilometres from the store; null when the store or the DC could not be located. */
  distanceKm: number | null;
}

export interface AvailabilityAtStore extends Availability {
  store: { id: string; available: number };
  /** Every configured DC but the store, nearest first; those without a distance last, in configured order. */
  nearby: NearbyDc[];
}

/** Each item with what the store has and what the DCs near it have. */
export function availabilityAtStore(items: Availability[], store: PickupStore, dcs: readonly DcSite[]): AvailabilityAtStore[] {
  const ranked = dcsByDistance(store, dcs);
  return items.map((item) => ({
    ...item,
    store: { id: store.id, available: item.availableByDc[store.id] ?? 0 },
    nearby: ranked.map(({ dc, distanceKm: km }) => ({ dc, available: item.availableByDc[dc] ?? 0, distanceKm: km })),
  }));
}

/** The DCs (the store itself left out) with their distance from the store, nearest first. */
export function dcsByDistance(store: PickupStore, dcs: readonly DcSite[]): Array<{ dc: string; distanceKm: number | null }> {
  const from = store.location;
  const measured = dcs
    .filter((site) => site.id !== store.id)
    .map((site, order) => ({ dc: site.id, order, distanceKm: from && site.location ? Math.round(distanceKm(from, site.location)) : null }));
  measured.sort((a, b) => byDistance(a.distanceKm, b.distanceKm) || a.order - b.order);
  return measured.map(({ dc, distanceKm: km }) => ({ dc, distanceKm: km }));
}

/** Known distances first, shortest first; unknown ones after, as they came. */
function byDistance(a: number | null, b: number | null): number {
  if (a === null || b === null) return (a === null ? 1 : 0) - (b === null ? 1 : 0);
  return a - b;
}

/** What to tell a caller who named a store the hub does not know. */
export function unknownStoreHint(stores: PickupStores): string {
  const ids = [...stores.keys()];
  if (ids.length === 0) return 'no store is configured (routing.stores)';
  const named = ids.slice(0, 10).join(', ');
  return `name a store configured in routing.stores: ${ids.length > 10 ? `${named} and ${ids.length - 10} more` : named}`;
}
