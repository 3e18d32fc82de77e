/**
 * Normalize (worker): for orders captured as `received` (the connector parses slowly,
 * or judging at capture failed unexpectedly), raw bytes → canonical order → validation
 * → route. A good order becomes `accepted` and is queued for its target in the same
 * script call and transaction; anything doubtful goes to `needs_review` with every
 * reason and the raw bytes kept.
 */
import type { Job } from 'bullmq';
import { step } from '../model/state-machine.js';
import type { StoredOrder } from '../store/order-store.js';
import { timelineEntry } from '../store/timeline.js';
import { acceptance } from './acceptance.js';
import { reserveStock, type NormalizeJob } from './capture.js';
import { changeOrder } from './change-order.js';
import { placedTarget } from '../inventory/place-in-warehouses.js';
import { storeTarget } from '../inventory/place-at-store.js';
import { firstJob } from '../payments/payment-job.js';
import { evaluateOrder, readEnvelope, type Verdict } from './evaluate-order.js';
import { newOrderNoticeJobs } from './notify.js';
import { placeVerdict } from './place-verdict.js';
import { chooseTarget } from './route.js';
import type { HubRuntime } from './runtime.js';

export async function processNormalize(runtime: HubRuntime, job: Job<NormalizeJob>): Promise<string> {
  const orderId = await runtime.store.findByDedupKey(job.data.source, job.data.dedupKey);
  if (!orderId) return 'no order for this dedup key';
  const stored = await runtime.store.get(orderId);
  if (!stored) return 'order vanished';
  if (stored.status.state !== 'received') return ensureNextStage(runtime, stored);
  const instance = runtime.instances.get(stored.source);
  if (!instance) throw new Error(`order ${orderId}: instance ${stored.source} is no longer configured`);
  const raw = await runtime.store.getRaw(stored.hubOrderId);
  const verdict: Verdict = raw ? evaluateOrder(runtime, instance, stored, raw, await readEnvelope(instance, raw)) : { ok: false, reasons: ['raw envelope is missing'] };
  return verdict.ok ? accept(runtime, stored, await placeVerdict(runtime, verdict)) : sendToReview(runtime, stored, verdict);
}

/**
 * A retried job finds the order already accepted: make sure its next job exists (its
 * payment when it pays by token, which then releases the delivery; else the delivery).
 */
async function ensureNextStage(runtime: HubRuntime, stored: StoredOrder): Promise<string> {
  if (stored.status.state !== 'accepted' || !stored.order) return `already ${stored.status.state}`;
  const target = storeTarget(runtime.stores, stored.order) ?? placedTarget(runtime.warehouses, stored.order) ?? chooseTarget(runtime.config, stored.order).target;
  if (target) await runtime.queues.transaction(() => undefined, [firstJob(runtime, stored.order, target)]);
  return 'next job ensured';
}

async function accept(runtime: HubRuntime, stored: StoredOrder, verdict: Extract<Verdict, { ok: true }>): Promise<string> {
  const result = await changeOrder(runtime, stored.hubOrderId, (current) => {
    const accepted = acceptance(runtime, current.status, verdict);
    // The acknowledgement the capture could not send (the order was not read yet).
    return accepted ? { ...accepted, jobs: [...accepted.jobs, ...newOrderNoticeJobs(runtime, stored.hubOrderId, accepted.status)], fields: { order: JSON.stringify(verdict.order) } } : undefined;
  }, { known: stored });
  if (result.outcome !== 'applied') return `not accepted (${result.outcome})`;
  await reserveStock(runtime, verdict.order);
  return `accepted, routed to ${verdict.target}`;
}

async function sendToReview(runtime: HubRuntime, stored: StoredOrder, verdict: Extract<Verdict, { ok: false }>): Promise<string> {
  runtime.log.warn({ orderId: stored.hubOrderId, connector: stored.source, stage: 'normalize', reasons: verdict.reasons.length },
    'order needs review');
  await changeOrder(runtime, stored.hubOrderId, (current) => {
    const outcome = step(current.status, 'review');
    if (outcome.outcome !== 'applied') return undefined;
    return {
      status: { ...outcome.status, review: { reasons: verdict.reasons } },
      entries: [timelineEntry('normalize', `needs review: ${verdict.reasons.length} problem(s)`, { detail: { reasons: verdict.reasons } })],
      ...(verdict.candidate ? { fields: { candidate: JSON.stringify(verdict.candidate) } } : {}),
      writes: [{ op: 'zadd', key: runtime.keys.reviewQueue(), score: Date.now(), member: stored.hubOrderId },
        ...(stored.externalId ? [runtime.store.externalRefWrite(stored.source, stored.externalId, stored.hubOrderId)] : [])],
    };
  }, { known: stored });
  return 'needs review';
}
