/**
 * The store's pullable order list: ascending by id, paged with `since_id` and
 * `limit` like Shopify's REST `orders.json`.
 */
import type { StoreOrder } from './types.js';

export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 250;

export class OrderList {
  readonly #byId = new Map<number, StoreOrder>();

  /** Adds or replaces orders by id. */
  add(orders: readonly StoreOrder[]): void {
    for (const order of orders) this.#byId.set(order.id, order);
  }

  /** Orders with `id > sinceId`, ascending, at most `limit`. */
  page(sinceId: number, limit: number): StoreOrder[] {
    return [...this.#byId.values()]
      .filter((order) => order.id > sinceId)
      .sort((a, b) => a.id - b.id)
      .slice(0, limit);
  }
}
