/**
 * Which stock can fill an order, for the check at capture: a pickup order placed in its
 * store takes only that store's units; any other order ships from the DCs, so the units
 * that stand in pickup stores do not count for it. Without stores, every location counts.
 */
import type { CanonicalOrder } from '../model/order.js';
import type { SkuStock } from '../store/stock-store.js';
import type { PickupStores } from './pickup-stores.js';

export function stockForFulfilment(order: Pick<CanonicalOrder, 'fulfilment'>, stock: SkuStock[], stores: PickupStores): SkuStock[] {
  if (stores.size === 0) return stock;
  const store = order.fulfilment?.method === 'pickup' ? order.fulfilment.warehouse : undefined;
  if (store && stores.has(store)) return stock.map((s) => ({ ...s, available: s.availableByDc[store] ?? 0 }));
  return stock.map((s) => ({ ...s, available: sumOutside(s.availableByDc, stores) }));
}

function sumOutside(byLocation: Record<string, number>, stores: PickupStores): number {
  let sum = 0;
  for (const [location, units] of Object.entries(byLocation)) if (!stores.has(location)) sum += units;
  return sum;
}
