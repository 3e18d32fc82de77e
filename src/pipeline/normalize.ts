/**
 * Normalize: raw bytes → plain data (connector parse) → canonical order (inbound
 * mapping) → JSON Schema validation → route. A good order becomes `accepted` and is
 * queued for its target in the same transaction; anything doubtful goes to
 * `needs_review` with every reason and the raw bytes kept.
 */
import type { Job } from 'bullmq';
import { CANONICAL_SCHEMA_VERSION, type CanonicalOrder, type Channel } from '../model/order.js';
import { step, withLines } from '../model/state-machine.js';
import { validateCanonicalOrder } from '../model/validate.js';
import { MappingError, describeProblem } from '../mapping/index.js';
import { isHubError } from '../sdk/errors/index.js';
import { parseRawByContentType } from '../sdk/parse-raw.js';
import type { StoredOrder } from '../store/order-store.js';
import { timelineEntry } from '../store/timeline.js';
import type { NormalizeJob } from './capture.js';
import { changeOrder } from './change-order.js';
import { deliverJob } from './deliver.js';
import { chooseTarget } from './route.js';
import type { HubRuntime, LiveInstance } from './runtime.js';

type Verdict =
  | { ok: true; order: CanonicalOrder; target: string; routeReason: string }
  | { ok: false; reasons: string[]; candidate?: unknown };

export async function processNormalize(runtime: HubRuntime, job: Job<NormalizeJob>): Promise<string> {
  const orderId = await runtime.store.findByDedupKey(job.data.source, job.data.dedupKey);
  if (!orderId) return 'no order for this dedup key';
  const stored = await runtime.store.get(orderId);
  if (!stored) return 'order vanished';
  if (stored.status.state !== 'received') return ensureNextStage(runtime, stored);
  const instance = runtime.instances.get(stored.source);
  if (!instance) throw new Error(`order ${orderId}: instance ${stored.source} is no longer configured`);
  const verdict = await judge(runtime, instance, stored);
  return verdict.ok ? accept(runtime, stored, verdict) : sendToReview(runtime, stored, verdict);
}

/** A retried job finds the order already accepted: make sure its delivery job exists. */
async function ensureNextStage(runtime: HubRuntime, stored: StoredOrder): Promise<string> {
  if (stored.status.state !== 'accepted' || !stored.order) return `already ${stored.status.state}`;
  const decision = chooseTarget(runtime.config, stored.order);
  if (decision.target) await runtime.queues.transaction(() => undefined, [deliverJob(runtime, decision.target, stored.hubOrderId)]);
  return 'delivery job ensured';
}

async function judge(runtime: HubRuntime, instance: LiveInstance, stored: StoredOrder): Promise<Verdict> {
  const raw = await runtime.store.getRaw(stored.hubOrderId);
  if (!raw) return { ok: false, reasons: ['raw envelope is missing'] };
  if (!instance.inbound) return { ok: false, reasons: [`instance ${instance.id} has no inbound mapping`] };
  let data: unknown;
  try {
    data = instance.connector.parse ? instance.connector.parse(raw) : parseRawByContentType(raw);
  } catch (error) {
    if (isHubError(error) && error.kind === 'bad_input') return { ok: false, reasons: [`cannot parse: ${error.message}`] };
    throw error;
  }
  let mapped: unknown;
  try {
    mapped = instance.inbound.apply(data);
  } catch (error) {
    if (error instanceof MappingError) return { ok: false, reasons: error.problems.map((p) => describeProblem(error.mappingId, p)) };
    throw error;
  }
  const candidate = {
    ...(mapped as object),
    schemaVersion: CANONICAL_SCHEMA_VERSION,
    hubOrderId: stored.hubOrderId,
    confirmation: stored.confirmation,
    channel: stored.channel as Channel,
    source: stored.source,
    provenance: { rawRef: runtime.keys.raw(stored.hubOrderId), mappingId: instance.inbound.id, mappingVersion: instance.inbound.version },
  };
  const validation = validateCanonicalOrder(candidate);
  if (!validation.ok) return { ok: false, reasons: validation.errors, candidate };
  const decision = chooseTarget(runtime.config, validation.order);
  if (!decision.target) return { ok: false, reasons: [decision.reason], candidate };
  return { ok: true, order: validation.order, target: decision.target, routeReason: decision.reason };
}

async function accept(runtime: HubRuntime, stored: StoredOrder, verdict: Extract<Verdict, { ok: true }>): Promise<string> {
  const { order, target } = verdict;
  const result = await changeOrder(runtime, stored.hubOrderId, (current) => {
    const outcome = step(withLines(current.status, order.lines), 'accept');
    if (outcome.outcome !== 'applied') return undefined;
    return {
      status: outcome.status,
      fields: { order: JSON.stringify(order) },
      entries: [
        timelineEntry('normalize', `mapped with ${order.provenance.mappingId}@${order.provenance.mappingVersion} and validated`, {
          detail: { lines: order.lines.length, externalId: order.externalId },
        }),
        timelineEntry('route', `routed to ${target}: ${verdict.routeReason}`, { instance: target }),
      ],
      jobs: [deliverJob(runtime, target, stored.hubOrderId)],
      also: (multi) => {
        runtime.store.queueIndexes(multi, order);
        runtime.store.queueExternalRef(multi, order.source, order.externalId, order.hubOrderId);
      },
    };
  });
  return result.outcome === 'applied' ? `accepted, routed to ${target}` : `not accepted (${result.outcome})`;
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
      also: (multi) => { multi.zadd(runtime.keys.reviewQueue(), Date.now(), stored.hubOrderId); },
    };
  });
  return 'needs review';
}
