/**
 * The last step of judging an accepted order, the one that reads: its place in the
 * distribution centres (`routing.warehouses`), which may change its target and adds the
 * reason to its route. Without warehouses the verdict stays as it is.
 */
import { placeInWarehouses } from '../inventory/place-in-warehouses.js';
import type { Verdict } from './evaluate-order.js';
import type { HubRuntime } from './runtime.js';

type Accepted = Extract<Verdict, { ok: true }>;

export async function placeVerdict(runtime: HubRuntime, verdict: Accepted): Promise<Accepted> {
  if (!runtime.warehouses) return verdict;
  const placed = await placeInWarehouses(runtime.warehouses, runtime.stockView, verdict.order, { target: verdict.target, reason: verdict.routeReason });
  return { ...verdict, order: placed.order, target: placed.target, routeReason: placed.reason };
}
