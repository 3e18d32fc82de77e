/**
 * The stores where customers collect pickup orders (`routing.stores`), each located by its
 * postal code with the same coordinates table as the DCs, so a pickup order can be placed
 * in its store and the availability API can rank the DCs nearest to a store. Loaded once
 * per process; an empty map when no store is configured.
 */
import type { HubConfig } from '../config/hub-config.js';
import type { Place } from './choose-dc.js';
import { loadPostalCoordinates } from './postal-coordinates.js';

export interface PickupStore {
  /** As orders name it (`fulfilment.pickupStore`) and as the OMS names its stock (`dc`). */
  id: string;
  name: string | undefined;
  postalCode: string;
  country: string;
  /** The target instance that serves the store; undefined: the order's own route. */
  target: string | undefined;
  /** Undefined when the postal code could not be located. */
  location: Place | undefined;
}

export type PickupStores = ReadonlyMap<string, PickupStore>;

export async function loadPickupStores(routing: Pick<HubConfig['routing'], 'stores' | 'warehouses'>): Promise<PickupStores> {
  if (routing.stores.length === 0) return new Map();
  const coordinates = await loadPostalCoordinates(routing.warehouses?.coordinates);
  return new Map(routing.stores.map((store) => [store.id, {
    id: store.id, name: store.name, postalCode: store.postalCode, country: store.country, target: store.target,
    location: coordinates.locate(store.country, store.postalCode),
  }]));
}

/** `S01 (Leeds Briggate)`, or the id alone when the store has no name. */
export function storeLabel(store: Pick<PickupStore, 'id' | 'name'>): string {
  return store.name ? `${store.id} (${store.name})` : store.id;
}
