/**
 * Batching targets (flat files over SFTP): orders gather in the target's open batch
 * until it holds `maxOrders` or `maxWaitMs` has passed since it opened; the sealed
 * batch is rendered into one file by the outbound mapping and handed to the connector.
 * The batch hash is the file ledger: which orders, which file, its checksum, when it
 * was uploaded. Orders become `sent` only after the connector confirmed the file.
 * A retried upload renders the same bytes under the same name (the batch's creation
 * time is stored), so it overwrites instead of adding a second file.
 */
import { createHash } from 'node:crypto';
import type { Job } from 'bullmq';
import { newHubOrderId } from '../model/ids.js';
import type { CanonicalOrder } from '../model/order.js';
import { MappingError, renderMapping } from '../mapping/index.js';
import { PermanentError } from '../sdk/errors/index.js';
import type { BatchPolicy } from '../sdk/connector.js';
import { timelineEntry } from '../store/timeline.js';
import { recordReceipt } from './deliver.js';
import { deliverQueue } from './queue-names.js';
import type { JobSpec } from './queues.js';
import type { HubRuntime, LiveInstance } from './runtime.js';

export interface BatchJob {
  batchId: string;
}

export interface BatchRecord {
  batchId: string;
  target: string;
  state: 'open' | 'sealed' | 'uploaded';
  count: number;
  createdAt: string;
  fileName?: string;
  checksum?: string;
  uploadedAt?: string;
  orders: string[];
}

function batchJob(instance: LiveInstance, kind: 'flush' | 'upload', batchId: string, delay = 0): JobSpec {
  return {
    queue: deliverQueue(instance.id),
    name: kind,
    data: { batchId } satisfies BatchJob,
    jobId: `${kind === 'flush' ? 'f' : 'u'}${batchId}`,
    options: { attempts: instance.config.retry.attempts, backoff: { type: 'hub' }, ...(delay > 0 ? { delay } : {}) },
  };
}

/** Deliver stage of a batching target: put the order in the open batch (once). */
export async function stageInBatch(runtime: HubRuntime, instance: LiveInstance, policy: BatchPolicy, orderId: string): Promise<string> {
  const k = runtime.keys;
  const [batchId, state, , count, added] = await runtime.redis.hubBatchAdd(
    k.openBatch(instance.id), k.batchOf(instance.id, orderId), k.batchIndex(instance.id),
    k.batchPrefix(instance.id), orderId, newHubOrderId(), new Date().toISOString(), policy.maxOrders, Date.now(),
  );
  const jobs = state === 'sealed' ? [batchJob(instance, 'upload', batchId)]
    : state === 'open' ? [batchJob(instance, 'flush', batchId, policy.maxWaitMs)] : [];
  await runtime.queues.transaction((multi) => {
    if (added) {
      multi.rpush(k.timeline(orderId), JSON.stringify(timelineEntry('deliver', `added to batch ${batchId} for ${instance.id} (${count} in it)`, {
        instance: instance.id, detail: { batchId },
      })));
    }
  }, jobs);
  return `in batch ${batchId} (${state}, ${count})`;
}

/** The batch's time window ended: seal it if it is still open, and queue its upload. */
export async function flushBatch(runtime: HubRuntime, instance: LiveInstance, batchId: string): Promise<string> {
  const k = runtime.keys;
  const state = await runtime.redis.hubBatchSeal(k.openBatch(instance.id), k.batch(instance.id, batchId), batchId);
  if (state === 'missing') return `no batch ${batchId}`;
  if (state !== 'uploaded') await runtime.queues.transaction(() => undefined, [batchJob(instance, 'upload', batchId)]);
  return `batch ${batchId} ${state}`;
}

export async function readBatch(runtime: HubRuntime, target: string, batchId: string): Promise<BatchRecord | undefined> {
  const [hash, orders] = await Promise.all([
    runtime.redis.hgetall(runtime.keys.batch(target, batchId)),
    runtime.redis.lrange(runtime.keys.batchOrders(target, batchId), 0, -1),
  ]);
  if (!hash.createdAt) return undefined;
  return {
    batchId, target, orders,
    state: (hash.state ?? 'open') as BatchRecord['state'],
    count: Number(hash.count ?? orders.length),
    createdAt: hash.createdAt,
    ...(hash.fileName ? { fileName: hash.fileName } : {}),
    ...(hash.checksum ? { checksum: hash.checksum } : {}),
    ...(hash.uploadedAt ? { uploadedAt: hash.uploadedAt } : {}),
  };
}

/** The target's batches, newest first: the file ledger as operators see it. */
export async function listBatches(runtime: HubRuntime, target: string, limit = 50): Promise<BatchRecord[]> {
  const ids = await runtime.redis.zrevrange(runtime.keys.batchIndex(target), 0, limit - 1);
  const batches = await Promise.all(ids.map((id) => readBatch(runtime, target, id)));
  return batches.filter((b): b is BatchRecord => b !== undefined);
}

/**
 * Runs a batch's upload step again (an operator action). The ledger decides: a batch
 * recorded as uploaded is not sent again unless `force` (the OMS lost the file), in
 * which case the same bytes go out under the same name.
 */
export async function rerunUpload(runtime: HubRuntime, instance: LiveInstance, batchId: string, force: boolean): Promise<BatchRecord | undefined> {
  const batch = await readBatch(runtime, instance.id, batchId);
  if (!batch || batch.state === 'open') return batch;
  await runtime.queues.transaction((multi) => {
    if (force) multi.hset(runtime.keys.batch(instance.id, batchId), { state: 'sealed' });
  }, [{ ...batchJob(instance, 'upload', batchId), jobId: `u${batchId}-r${Date.now()}` }]);
  return batch;
}

/** Renders the sealed batch into one file, hands it to the connector, records it, marks its orders sent. */
export async function uploadBatch(runtime: HubRuntime, instance: LiveInstance, job: Job<BatchJob>): Promise<string> {
  const { batchId } = job.data;
  const batch = await readBatch(runtime, instance.id, batchId);
  if (!batch) throw new PermanentError(`batch ${batchId} of ${instance.id} is not in the ledger`, { code: 'NO_BATCH' });
  if (batch.state === 'open') throw new PermanentError(`batch ${batchId} of ${instance.id} is still open`, { code: 'BATCH_OPEN' });
  if (batch.state !== 'uploaded') await upload(runtime, instance, batch, job.attemptsMade + 1);
  const done = (await readBatch(runtime, instance.id, batchId))!;
  for (const orderId of done.orders) {
    await recordReceipt(runtime, instance.id, orderId, { externalRef: done.fileName!, at: done.uploadedAt!, attempt: job.attemptsMade + 1 },
      `delivered to ${instance.id} in file ${done.fileName} (batch of ${done.count})`);
  }
  return `batch ${batchId}: ${done.orders.length} order(s) in ${done.fileName}`;
}

async function upload(runtime: HubRuntime, instance: LiveInstance, batch: BatchRecord, attempt: number): Promise<void> {
  if (!instance.connector.deliverBatch || !instance.outbound) {
    throw new PermanentError(`instance ${instance.id} cannot deliver batches (no deliverBatch or no outbound mapping)`, { code: 'NOT_A_TARGET' });
  }
  const orders = await loadOrders(runtime, batch);
  let rendered;
  try {
    rendered = renderMapping(instance.outbound, { batch: { id: batch.batchId, createdAt: batch.createdAt }, orders });
  } catch (error) {
    if (!(error instanceof MappingError)) throw error;
    throw new PermanentError(`batch ${batch.batchId} for ${instance.id}: outbound mapping ${instance.outbound.id} failed: ${error.message}`, {
      code: 'OUTBOUND_MAPPING', hint: 'fix the mapping file or the orders, then replay the dead letter', cause: error,
    });
  }
  const result = await instance.connector.deliverBatch({
    batchId: batch.batchId, createdAt: batch.createdAt, orders,
    payload: { bytes: rendered.bytes, contentType: rendered.contentType },
    idempotencyKey: batch.batchId, attempt,
  });
  const checksum = createHash('sha256').update(rendered.bytes).digest('hex');
  const uploadedAt = new Date().toISOString();
  await runtime.queues.transaction((multi) => {
    multi.hset(runtime.keys.batch(instance.id, batch.batchId), { state: 'uploaded', fileName: result.externalRef, checksum, uploadedAt });
    if (rendered.warnings.length > 0) {
      const note = JSON.stringify(timelineEntry('deliver', `file ${result.externalRef}: ${rendered.warnings.length} warning(s)`, {
        instance: instance.id, detail: { warnings: rendered.warnings.slice(0, 20) },
      }));
      for (const order of orders) multi.rpush(runtime.keys.timeline(order.hubOrderId), note);
    }
  });
}

async function loadOrders(runtime: HubRuntime, batch: BatchRecord): Promise<CanonicalOrder[]> {
  const stored = await Promise.all(batch.orders.map((id) => runtime.store.get(id)));
  return stored.map((s, i) => {
    if (!s?.order) throw new PermanentError(`batch ${batch.batchId}: order ${batch.orders[i]} has no canonical order`, { code: 'NO_ORDER' });
    return s.order;
  });
}

