/**
 * The watch list: orders with a parcel in an exception (an address problem, damage, a
 * delay, a parcel on its way back), oldest first, each with what its carrier said and
 * when it now expects to deliver. Orders join and leave it with their status changes.
 */
import type { HubRuntime } from '../pipeline/runtime.js';

export interface WatchedOrder {
  hubOrderId: string;
  confirmation: string;
  state: string;
  since: string;
  parcels: Array<{ trackingNumber?: string; carrier?: string; trackingUrl?: string; exception: { code?: string; description: string; at: string }; expectedDate?: string }>;
}

export async function watchedOrders(runtime: HubRuntime, limit = 200): Promise<WatchedOrder[]> {
  const entries = await runtime.redis.zrange(runtime.keys.watchList(), '0', String(limit - 1), 'WITHSCORES');
  const rows: WatchedOrder[] = [];
  for (let i = 0; i < entries.length; i += 2) {
    const stored = await runtime.store.get(entries[i]!);
    if (!stored) {
      // The order's retention ended while it was watched: it leaves the list with it.
      await runtime.redis.zrem(runtime.keys.watchList(), entries[i]!);
      continue;
    }
    rows.push({
      hubOrderId: stored.hubOrderId, confirmation: stored.confirmation, state: stored.status.state,
      since: new Date(Number(entries[i + 1])).toISOString(),
      parcels: stored.status.shipments.filter((s) => s.exception).map((s) => ({
        exception: s.exception!,
        ...(s.trackingNumber ? { trackingNumber: s.trackingNumber } : {}), ...(s.carrier ? { carrier: s.carrier } : {}),
        ...(s.trackingUrl ? { trackingUrl: s.trackingUrl } : {}), ...(s.expectedDate ? { expectedDate: s.expectedDate } : {}),
      })),
    });
  }
  return rows;
}
