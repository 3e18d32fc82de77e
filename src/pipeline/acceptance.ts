/**
 * What accepting a routed order writes, wherever it happens (at capture or in the
 * normalize worker): state `accepted` with the line quantities, the canonical order,
 * the normalize and route timeline entries, the order's index entries (and its customer's
 * in the customer directory) and the
 * delivery job for its target (or first its payment job, when it pays by token).
 */
import { step, withLines } from '../model/state-machine.js';
import type { OrderStatus } from '../model/status.js';
import { timelineEntry, type TimelineEntry } from '../store/timeline.js';
import type { IndexWrite } from '../store/order-store.js';
import { customerKeepSeconds, customerWrites } from '../customers/customer-writes.js';
import { firstJob } from '../payments/payment-job.js';
import type { Verdict } from './evaluate-order.js';
import type { JobSpec } from './queues.js';
import type { HubRuntime } from './runtime.js';

export interface Acceptance {
  status: OrderStatus;
  entries: TimelineEntry[];
  writes: IndexWrite[];
  jobs: JobSpec[];
}

/**
 * The acceptance of `verdict` for an order whose status is `current`; undefined when it
 * cannot be accepted. `deliverJobId` defaults to the hub order id.
 */
export function acceptance(
  runtime: HubRuntime, current: OrderStatus, verdict: Extract<Verdict, { ok: true }>, at = new Date(), deliverJobId?: string,
): Acceptance | undefined {
  const { order, target } = verdict;
  const outcome = step(withLines(current, order.lines), 'accept');
  if (outcome.outcome !== 'applied') return undefined;
  return {
    status: outcome.status,
    entries: [
      timelineEntry('normalize', `mapped with ${order.provenance.mappingId}@${order.provenance.mappingVersion} and validated`, {
        detail: { lines: order.lines.length, externalId: order.externalId },
      }, at),
      timelineEntry('route', `routed to ${target}: ${verdict.routeReason}`, { instance: target }, at),
    ],
    writes: [...runtime.store.orderIndexWrites(order), ...customerWrites(runtime.keys, order, customerKeepSeconds(runtime.config.retention.orderDays))],
    jobs: [firstJob(runtime, order, target, deliverJobId)],
  };
}
