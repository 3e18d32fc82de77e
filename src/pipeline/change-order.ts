/**
 * Read–decide–write for one order with compare-and-set: the decision is a pure
 * function of the stored order; the write (status, fields, timeline, index entries,
 * retention, extra writes, next jobs) applies only if nobody changed the order meanwhile, in one
 * script call, or one transaction when jobs or extra writes come with it.
 * On a conflict it reads again and decides again.
 */
import type { ChainableCommander } from 'ioredis';
import type { OrderStatus } from '../model/status.js';
import { OrderStore, type CompareAndSetInput, type CompareAndSetReply, type IndexWrite, type StoredOrder } from '../store/order-store.js';
import type { TimelineEntry } from '../store/timeline.js';
import type { JobSpec } from './queues.js';
import { retentionWrites } from './retention.js';
import type { HubRuntime } from './runtime.js';

export interface OrderChange {
  status: OrderStatus;
  entries: TimelineEntry[];
  fields?: Record<string, string>;
  /** Index entries written by the same script call, only if the change applies. */
  writes?: IndexWrite[];
  jobs?: JobSpec[];
  /** Further writes in the same transaction (they run even when the change does not apply). */
  also?: (multi: ChainableCommander) => void;
}

export type ChangeOutcome =
  | { outcome: 'applied'; stored: StoredOrder; change: OrderChange }
  | { outcome: 'unchanged'; stored: StoredOrder }
  | { outcome: 'duplicate' | 'missing' };

export interface ChangeOptions {
  /** A status event id: the change is refused as a duplicate when the order has seen it. */
  eventId?: string;
  /** The order as the caller just read it: the first round decides on it without reading again. */
  known?: StoredOrder;
}

const MAX_CONFLICTS = 25;

export async function changeOrder(
  runtime: HubRuntime,
  orderId: string,
  decide: (stored: StoredOrder) => OrderChange | undefined,
  options: ChangeOptions = {},
): Promise<ChangeOutcome> {
  let known = options.known;
  for (let round = 0; round < MAX_CONFLICTS; round++) {
    const stored = known ?? await runtime.store.get(orderId);
    known = undefined;
    if (!stored) return { outcome: 'missing' };
    const change = decide(stored);
    if (!change) return { outcome: 'unchanged', stored };
    const result = OrderStore.parseCompareAndSetReply(await write(runtime, orderId, stored, change, options.eventId));
    if (result === 'applied') return { outcome: 'applied', stored, change };
    if (result === 'duplicate' || result === 'missing') return { outcome: result };
  }
  throw new Error(`order ${orderId} kept changing under us (${MAX_CONFLICTS} conflicts); will retry`);
}

async function write(runtime: HubRuntime, orderId: string, stored: StoredOrder, change: OrderChange, eventId?: string): Promise<unknown> {
  const input: CompareAndSetInput = {
    orderId,
    expectedVersion: stored.version,
    status: change.status,
    entries: change.entries,
    ...(change.fields ? { fields: change.fields } : {}),
    writes: [...(change.writes ?? []), ...retentionWrites(runtime, stored, change.status)],
    ...(eventId ? { eventId } : {}),
  };
  const jobs = change.jobs ?? [];
  if (jobs.length === 0 && !change.also) return runtime.store.compareAndSet(input);
  const [reply] = await runtime.queues.transaction((multi) => {
    runtime.store.queueCompareAndSet(multi, input);
    change.also?.(multi);
  }, jobs);
  return reply as CompareAndSetReply;
}
