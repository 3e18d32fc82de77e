/**
 * Placing a pickup order in its store (`routing.stores`): the order names the store as its
 * warehouse (`fulfilment.warehouse`), so its units are reserved against the store's stock
 * (the OMS reports that stock with the store id as `dc`), and it goes to the target that
 * serves the store, else its own route. A store the hub does not know, or a pickup order
 * that names none, stays on its route, and the reason says so. Pure.
 */
import type { CanonicalOrder } from '../model/order.js';
import type { Placement } from './place-in-warehouses.js';
import { storeLabel, type PickupStores } from './pickup-stores.js';

export function isPickup(order: CanonicalOrder): boolean {
  return order.fulfilment?.method === 'pickup';
}

/** The order placed in its store, with the target serving it and why. */
export function placeAtStore(stores: PickupStores, order: CanonicalOrder, routed: { target: string; reason: string }): Placement {
  const id = order.fulfilment?.pickupStore;
  if (!order.fulfilment || !id) {
    return { order, target: routed.target, reason: `${routed.reason}; a pickup order that names no store stays on its route` };
  }
  const store = stores.get(id);
  if (!store) {
    return { order, target: routed.target, reason: `${routed.reason}; pickup at store ${id}, which is not configured (routing.stores), so the order stays on its route` };
  }
  return {
    order: { ...order, fulfilment: { ...order.fulfilment, warehouse: store.id } },
    target: store.target ?? routed.target,
    reason: `${routed.reason}; pickup at store ${storeLabel(store)}, from its own stock`,
  };
}

/** The target serving the store a pickup order was already placed in, if that store names one. */
export function storeTarget(stores: PickupStores, order: CanonicalOrder): string | undefined {
  const placed = isPickup(order) ? order.fulfilment?.warehouse : undefined;
  return placed ? stores.get(placed)?.target : undefined;
}
