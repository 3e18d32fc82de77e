/**
 * The payment job of an order: settle its card with what it should carry now (see
 * payment-amounts.ts). Queued when an order carrying a payment token is accepted (its
 * delivery waits for the first authorization), and again whenever its lines change:
 * units allocated, backordered, shipped or cancelled, or a change accepted.
 */
import type { CanonicalOrder } from '../model/order.js';
import type { OrderStatus } from '../model/status.js';
import { deliverJob } from '../pipeline/deliver.js';
import type { JobSpec } from '../pipeline/queues.js';
import { paymentQueue } from '../pipeline/queue-names.js';
import { requireInstance, type HubRuntime } from '../pipeline/runtime.js';

export interface PaymentJob {
  orderId: string;
  /** Set on the first job: the target the order goes to once its payment is authorized. */
  deliverTo?: string;
}

/** True when the hub settles this order's payment: a gateway is configured and the order has a token. */
export function paysByToken(runtime: HubRuntime, order: CanonicalOrder | undefined): boolean {
  return runtime.config.payments.gateway !== undefined && !!order?.payment?.token;
}

export function paymentJob(runtime: HubRuntime, data: PaymentJob, jobId: string): JobSpec {
  const gateway = requireInstance(runtime, runtime.config.payments.gateway!);
  return {
    queue: paymentQueue(gateway.id),
    name: 'payment',
    data: { ...data } as unknown as Record<string, unknown>,
    jobId,
    options: { attempts: gateway.config.retry.attempts, backoff: { type: 'hub' } },
  };
}

/** The first job of an accepted order: its payment when it pays by token, else its delivery. */
export function firstJob(runtime: HubRuntime, order: CanonicalOrder, target: string, deliverJobId = order.hubOrderId): JobSpec {
  if (!paysByToken(runtime, order)) return deliverJob(runtime, target, order.hubOrderId, deliverJobId);
  return paymentJob(runtime, { orderId: order.hubOrderId, deliverTo: target }, `pay-${deliverJobId}`);
}

/** A payment job after a status event, when the order's lines changed or it ended (none otherwise). */
export function paymentJobsAfter(runtime: HubRuntime, order: CanonicalOrder | undefined, before: OrderStatus, after: OrderStatus): JobSpec[] {
  const ended = before.state !== after.state && (after.state === 'rejected' || after.state === 'cancelled');
  if (!ended && JSON.stringify(before.lines) === JSON.stringify(after.lines)) return [];
  return paymentJobsFor(runtime, order, after.version);
}

/** A payment job for the order as of `version` (after an accepted change: prices may have moved too). */
export function paymentJobsFor(runtime: HubRuntime, order: CanonicalOrder | undefined, version: number): JobSpec[] {
  if (!order || !paysByToken(runtime, order)) return [];
  return [paymentJob(runtime, { orderId: order.hubOrderId }, `pay-${order.hubOrderId}-v${version}`)];
}
