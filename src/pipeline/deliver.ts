/**
 * Deliver: render the canonical order with the target's outbound mapping (or, for a
 * replay pinned to a mapping version, exactly that version from the mapping archive) and
 * hand it to the target connector with an idempotency key. The delivery ledger records
 * the receipt with the mapping version that rendered it, so a retried or replayed job
 * never delivers twice; the receipt, the state change to `sent` and the channel notices
 * are written in one transaction.
 */
import type { Job } from 'bullmq';
import type { CanonicalOrder } from '../model/order.js';
import { recordDelivery } from '../model/state-machine.js';
import { CHANGE_JOB, startNext, type ChangeJob } from '../changes/change-job.js';
import { processChange } from '../changes/forward-change.js';
import { MappingError, renderMapping, type CompiledMapping, refText, type MappingRef } from '../mapping/index.js';
import { PermanentError } from '../sdk/errors/index.js';
import { Ledgers, type DeliveryRecord } from '../store/ledgers.js';
import type { StoredOrder } from '../store/order-store.js';
import { timelineEntry } from '../store/timeline.js';
import { pinOf } from './letter-mapping.js';
import { PinnedVersionGoneError } from './mapping-version-errors.js';
import { mappingOfRef } from './pinned-mappings.js';
import { flushBatch, stageInBatch, uploadBatch, type BatchJob } from './batch.js';
import { changeOrder } from './change-order.js';
import { noticeJobs } from './notify.js';
import { SKIPPED_RESULT } from './observe-job.js';
import { deliverQueue } from './queue-names.js';
import type { JobSpec } from './queues.js';
import { requireInstance, type HubRuntime, type LiveInstance } from './runtime.js';

export interface DeliverJob {
  orderId: string;
  /** Set by a replay with a chosen mapping version: render with exactly this one. */
  mapping?: MappingRef;
}

const NOT_DELIVERABLE = new Set(['cancelled', 'rejected', 'needs_review', 'received']);

export function deliverJob(runtime: HubRuntime, target: string, orderId: string, jobId = orderId): JobSpec {
  const instance = requireInstance(runtime, target);
  return {
    queue: deliverQueue(target),
    name: 'deliver',
    data: { orderId } satisfies DeliverJob,
    jobId,
    options: { attempts: instance.config.retry.attempts, backoff: { type: 'hub' } },
  };
}

/** The key a target sees on every attempt for this order. */
export function idempotencyKey(target: string, orderId: string): string {
  return `${orderId}.${target}`;
}

/** The deliver queue of a target carries order deliveries, and for batching targets batch flushes and uploads. */
export async function processDeliverQueue(runtime: HubRuntime, target: string, job: Job): Promise<string> {
  const instance = requireInstance(runtime, target);
  if (job.name === 'flush') return flushBatch(runtime, instance, (job as Job<BatchJob>).data.batchId);
  if (job.name === 'upload') return uploadBatch(runtime, instance, job as Job<BatchJob>);
  if (job.name === CHANGE_JOB) return processChange(runtime, target, job as Job<ChangeJob>);
  return processDeliver(runtime, target, job as Job<DeliverJob>);
}

export async function processDeliver(runtime: HubRuntime, target: string, job: Job<DeliverJob>): Promise<string> {
  const { orderId } = job.data;
  const instance = requireInstance(runtime, target);
  const stored = await runtime.store.get(orderId);
  // A capture whose code was taken, or a duplicate's capture, queued a job but created no order.
  if (!stored) return SKIPPED_RESULT;
  if (!stored.order) throw new PermanentError(`order ${orderId} has no canonical order to deliver to ${target}`, { code: 'NO_ORDER' });
  const known = stored.ledger[target];
  if (known) return recordReceipt(runtime, target, orderId, known, 'receipt already in the ledger', stored);
  if (NOT_DELIVERABLE.has(stored.status.state)) return `not delivered: order is ${stored.status.state}`;
  if (instance.connector.batch) {
    checkFitsInFile(instance, stored.order);
    return stageInBatch(runtime, instance, instance.connector.batch, orderId);
  }
  if (!instance.connector.deliver || !instance.outbound) {
    throw new PermanentError(`instance ${target} cannot deliver orders (no deliver role or no outbound mapping)`, {
      code: 'NOT_A_TARGET', hint: 'fix the routing or the instance configuration, then replay',
    });
  }
  const outbound = await outboundFor(runtime, target, instance.outbound, job.data);
  let payload;
  try {
    payload = renderMapping(outbound, stored.order);
  } catch (error) {
    if (!(error instanceof MappingError)) throw error;
    throw new PermanentError(`order ${orderId}: outbound mapping ${refText(outbound)} failed for ${target}: ${error.message}`, {
      code: 'OUTBOUND_MAPPING', hint: 'fix the mapping file (with a new version) or the order, then replay the dead letter', cause: error,
    });
  }
  const receipt = await instance.connector.deliver({
    order: stored.order, payload, idempotencyKey: idempotencyKey(target, orderId), attempt: job.attemptsMade + 1,
  });
  const record = { externalRef: receipt.externalRef, at: new Date().toISOString(), attempt: job.attemptsMade + 1, mapping: refText(outbound) };
  return recordReceipt(runtime, target, orderId, record, `delivered to ${target} as ${receipt.externalRef}, rendered with ${record.mapping}`, stored);
}

/** The outbound mapping a job renders with: the version it is pinned to, else the target's loaded now. */
async function outboundFor(runtime: HubRuntime, target: string, loaded: CompiledMapping, job: DeliverJob): Promise<CompiledMapping> {
  const pin = pinOf(job);
  if (!pin) return loaded;
  const pinned = await mappingOfRef(runtime, pin, loaded);
  if (!pinned) throw new PinnedVersionGoneError(job.orderId, target, pin);
  return pinned;
}

/**
 * Records a target's receipt for an order: ledger, state `sent`, index, channel notices,
 * in one script call (one transaction when notices are queued). `known` is the order as
 * just read, if the caller has it.
 */
export async function recordReceipt(
  runtime: HubRuntime, target: string, orderId: string, record: DeliveryRecord, summary: string, known?: StoredOrder,
): Promise<string> {
  const result = await changeOrder(runtime, orderId, (stored) => {
    if (stored.status.receipts.some((r) => r.target === target)) return undefined;
    const status = recordDelivery(stored.status, target, record.externalRef, record.at);
    // Changes asked for before the order reached its target go out now, oldest first.
    const waiting = startNext(runtime, { ...stored, status }, stored.changes);
    return {
      status,
      entries: [timelineEntry('deliver', summary, {
        instance: target, detail: { externalRef: record.externalRef, attempt: record.attempt, ...(record.mapping ? { mapping: record.mapping } : {}) },
      })],
      jobs: [...noticeJobs(runtime, stored, status, target), ...waiting.jobs],
      fields: { ...Ledgers.receiptFields(target, record), ...(waiting.jobs.length > 0 ? { changes: JSON.stringify(waiting.changes) } : {}) },
      writes: [runtime.store.externalRefWrite(target, record.externalRef, orderId)],
      // The order counts in the bought-together history once it reached the back office: on
      // the worker, off the path of the customer's acknowledgement (once per order, by its mark).
      ...(stored.order ? { also: (multi) => runtime.together.queueRecord(multi, orderId, stored.order!.lines.map((l) => l.sku)) } : {}),
    };
  }, known ? { known } : {});
  return result.outcome === 'applied' ? summary : `${summary} (receipt was already recorded)`;
}

/**
 * An order joins a batch only if the target's file layout can write it: rendered alone
 * first, so an order the layout refuses (an identifier longer than its field, a
 * character it cannot hold) becomes a dead letter of its own instead of failing the
 * whole file of a hundred orders.
 */
function checkFitsInFile(instance: LiveInstance, order: CanonicalOrder): void {
  if (!instance.outbound) return;
  try {
    renderMapping(instance.outbound, { batch: { id: order.hubOrderId, createdAt: new Date().toISOString() }, orders: [order] });
  } catch (error) {
    if (!(error instanceof MappingError)) throw error;
    throw new PermanentError(`order ${order.hubOrderId} cannot be written to ${instance.id}'s file by ${instance.outbound.id}: ${error.message}`, {
      code: 'OUTBOUND_MAPPING', hint: 'correct the order (or the mapping file), then replay this dead letter; the rest of the batch goes on', cause: error,
    });
  }
}
