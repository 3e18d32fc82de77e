/**
 * Read–decide–write for one order with compare-and-set: the decision is a pure
 * function of the stored order; the write (status, timeline, extra writes, next jobs)
 * is one transaction that applies only if nobody changed the order meanwhile.
 * On a conflict it reads again and decides again.
 */
import type { ChainableCommander } from 'ioredis';
import type { OrderStatus } from '../model/status.js';
import { OrderStore, type CompareAndSetReply, type StoredOrder } from '../store/order-store.js';
import type { TimelineEntry } from '../store/timeline.js';
import type { JobSpec } from './queues.js';
import type { HubRuntime } from './runtime.js';

export interface OrderChange {
  status: OrderStatus;
  entries: TimelineEntry[];
  fields?: Record<string, string>;
  jobs?: JobSpec[];
  /** Further writes in the same transaction (indexes, ledgers). */
  also?: (multi: ChainableCommander) => void;
}

export type ChangeOutcome =
  | { outcome: 'applied'; stored: StoredOrder; change: OrderChange }
  | { outcome: 'unchanged'; stored: StoredOrder }
  | { outcome: 'duplicate' | 'missing' };

const MAX_CONFLICTS = 25;

export async function changeOrder(
  runtime: HubRuntime,
  orderId: string,
  decide: (stored: StoredOrder) => OrderChange | undefined,
  eventId?: string,
): Promise<ChangeOutcome> {
  for (let round = 0; round < MAX_CONFLICTS; round++) {
    const stored = await runtime.store.get(orderId);
    if (!stored) return { outcome: 'missing' };
    const change = decide(stored);
    if (!change) return { outcome: 'unchanged', stored };
    const [reply] = await runtime.queues.transaction((multi) => {
      runtime.store.queueCompareAndSet(multi, {
        orderId,
        expectedVersion: stored.version,
        status: change.status,
        entries: change.entries,
        ...(change.fields ? { fields: change.fields } : {}),
        ...(eventId ? { eventId } : {}),
      });
      change.also?.(multi);
    }, change.jobs ?? []);
    const result: CompareAndSetReply = OrderStore.parseCompareAndSetReply(reply);
    if (result === 'applied') return { outcome: 'applied', stored, change };
    if (result === 'duplicate' || result === 'missing') return { outcome: result };
  }
  throw new Error(`order ${orderId} kept changing under us (${MAX_CONFLICTS} conflicts); will retry`);
}
