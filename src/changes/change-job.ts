/**
 * The job that forwards one change request to the order's target. It runs on the
 * target's delivery queue (one queue per target: a slow OMS holds back only its own
 * orders and changes) and is queued only for the oldest open change of an order, once
 * the order has reached its target: changes to one order go out one at a time, in order.
 */
import { isOpen, type ChangeRecord } from '../model/order-change.js';
import type { JobSpec } from '../pipeline/queues.js';
import { deliverQueue } from '../pipeline/queue-names.js';
import { requireInstance, type HubRuntime } from '../pipeline/runtime.js';
import type { StoredOrder } from '../store/order-store.js';

export const CHANGE_JOB = 'change';

export interface ChangeJob {
  orderId: string;
  changeId: string;
}

export function changeJob(runtime: HubRuntime, target: string, orderId: string, changeId: string): JobSpec {
  const instance = requireInstance(runtime, target);
  return {
    queue: deliverQueue(target),
    name: CHANGE_JOB,
    data: { orderId, changeId } satisfies ChangeJob,
    jobId: `change:${changeId}`,
    options: { attempts: instance.config.retry.attempts, backoff: { type: 'hub' } },
  };
}

/** The target that holds the order: the one with a delivery receipt. */
export function holdingTarget(stored: Pick<StoredOrder, 'status'>): string | undefined {
  return stored.status.receipts[0]?.target;
}

/**
 * When the head of the line may go: the oldest change still `queued`, if no change is
 * `sent` and the order has reached its target. Returns the changes with that one marked
 * with its target, and its job.
 */
export function startNext(
  runtime: HubRuntime, stored: Pick<StoredOrder, 'hubOrderId' | 'status'>, changes: ChangeRecord[],
): { changes: ChangeRecord[]; jobs: JobSpec[] } {
  const target = holdingTarget(stored);
  if (!target || changes.some((c) => c.state === 'sent' || (c.state === 'queued' && c.target))) return { changes, jobs: [] };
  const next = changes.find(isOpen);
  if (!next) return { changes, jobs: [] };
  return {
    changes: changes.map((c) => (c === next ? { ...c, target } : c)),
    jobs: [changeJob(runtime, target, stored.hubOrderId, next.changeId)],
  };
}
