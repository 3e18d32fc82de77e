/**
 * The last step of judging an accepted order, the one that reads: its place. A pickup
 * order goes to its store (`routing.stores`), any other order to its distribution
 * centre (`routing.warehouses`); either may change its target and adds the reason to its
 * route. Without stores, a pickup order stays as it is; without warehouses, so does any
 * other order.
 */
import { isPickup, placeAtStore } from '../inventory/place-at-store.js';
import { placeInWarehouses, type Placement } from '../inventory/place-in-warehouses.js';
import type { Verdict } from './evaluate-order.js';
import type { HubRuntime } from './runtime.js';

type Accepted = Extract<Verdict, { ok: true }>;

export async function placeVerdict(runtime: HubRuntime, verdict: Accepted): Promise<Accepted> {
  const placed = await placementOf(runtime, verdict);
  return placed ? { ...verdict, order: placed.order, target: placed.target, routeReason: placed.reason } : verdict;
}

async function placementOf(runtime: HubRuntime, verdict: Accepted): Promise<Placement | undefined> {
  const routed = { target: verdict.target, reason: verdict.routeReason };
  if (isPickup(verdict.order)) return runtime.stores.size > 0 ? placeAtStore(runtime.stores, verdict.order, routed) : undefined;
  return runtime.warehouses ? placeInWarehouses(runtime.warehouses, runtime.stockView, verdict.order, routed) : undefined;
}
