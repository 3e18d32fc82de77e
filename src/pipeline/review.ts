/**
 * Resolving an order in review: a person accepts it (after correcting what was misread,
 * for connectors that can judge again with corrections, such as OCR forms; or as it is,
 * judged again after a mapping was fixed) or rejects it with a reason. Accepting judges
 * the order again through the same steps as capture: only an order that now passes
 * mapping, validation and routing is accepted and queued for delivery; otherwise it
 * stays in review with the new reasons. Every decision, with its corrections (field: read
 * → corrected) and its author, goes on the timeline.
 */
import { step } from '../model/state-machine.js';
import type { StoredOrder } from '../store/order-store.js';
import { timelineEntry } from '../store/timeline.js';
import { acceptance } from './acceptance.js';
import { reserveStock } from './capture.js';
import { placeVerdict } from './place-verdict.js';
import { changeOrder } from './change-order.js';
import { asReviewInput, evaluateOrder, readEnvelope, type ParsedInput, type Verdict } from './evaluate-order.js';
import { newOrderNoticeJobs, noticeJobs } from './notify.js';
import type { HubRuntime } from './runtime.js';

export type ReviewOutcome =
  | { outcome: 'accepted'; target: string }
  | { outcome: 'still_in_review'; reasons: string[] }
  | { outcome: 'rejected' }
  | { outcome: 'not_in_review'; state: string }
  | { outcome: 'missing' }
  | { outcome: 'cannot_correct'; detail: string };

export async function acceptReviewed(
  runtime: HubRuntime, orderId: string, actor: string, corrections: Record<string, string> = {},
): Promise<ReviewOutcome> {
  const stored = await runtime.store.get(orderId);
  if (!stored) return { outcome: 'missing' };
  if (stored.status.state !== 'needs_review') return { outcome: 'not_in_review', state: stored.status.state };
  const instance = runtime.instances.get(stored.source);
  const raw = await runtime.store.getRaw(orderId);
  if (!instance || !raw) return { outcome: 'cannot_correct', detail: !instance ? `instance ${stored.source} is no longer configured` : 'the raw envelope is gone' };
  const corrected = Object.keys(corrections).length > 0;
  if (corrected && !instance.connector.reread) {
    return { outcome: 'cannot_correct', detail: `connector of ${instance.id} cannot take field corrections: fix the mapping or the source and accept as it is, or reject` };
  }
  let parsed: ParsedInput;
  try {
    parsed = corrected ? { data: await instance.connector.reread!(raw, corrections) } : await readEnvelope(instance, raw);
  } catch (error) {
    parsed = asReviewInput(error);
  }
  const verdict = evaluateOrder(runtime, instance, stored, raw, parsed);
  const changes = correctionsAgainst(stored, corrections);
  return verdict.ok ? accept(runtime, stored, await placeVerdict(runtime, verdict), actor, changes) : keepInReview(runtime, stored, verdict, actor, changes);
}

export async function rejectReviewed(runtime: HubRuntime, orderId: string, actor: string, reason: string): Promise<ReviewOutcome> {
  const result = await changeOrder(runtime, orderId, (current) => {
    if (current.status.state !== 'needs_review') return undefined;
    const outcome = step(current.status, 'reject', reason);
    if (outcome.outcome !== 'applied') return undefined;
    const status = { ...outcome.status, reason };
    return {
      status,
      entries: [timelineEntry('admin', `rejected in review: ${reason}`, { actor })],
      jobs: noticeJobs(runtime, current, status),
      also: (multi) => multi.zrem(runtime.keys.reviewQueue(), orderId),
    };
  });
  if (result.outcome === 'applied') {
    await runtime.audit.record(actor, 'reject order in review', orderId, { reason });
    return { outcome: 'rejected' };
  }
  return notApplied(result);
}

/** Each corrected field with what the order's reading said before (when the candidate holds readings). */
function correctionsAgainst(stored: StoredOrder, corrections: Record<string, string>): Array<{ field: string; read: string; corrected: string }> {
  const readings = readingsOf(stored);
  return Object.entries(corrections).map(([field, corrected]) => ({ field, read: readings[field] ?? '', corrected }));
}

function readingsOf(stored: StoredOrder): Record<string, string> {
  const candidate = stored.candidate as { fields?: Array<{ name: string; value: string }> } | undefined;
  return Object.fromEntries((candidate?.fields ?? []).map((f) => [f.name, f.value]));
}

async function accept(
  runtime: HubRuntime, stored: StoredOrder, verdict: Extract<Verdict, { ok: true }>, actor: string,
  changes: Array<{ field: string; read: string; corrected: string }>,
): Promise<ReviewOutcome> {
  const result = await changeOrder(runtime, stored.hubOrderId, (current) => {
    if (current.status.state !== 'needs_review') return undefined;
    const accepted = acceptance(runtime, current.status, verdict);
    if (!accepted) return undefined;
    const summary = changes.length > 0 ? `accepted in review with ${changes.length} correction(s)` : 'accepted in review';
    return {
      ...accepted,
      status: { ...accepted.status, review: undefined },
      entries: [timelineEntry('admin', summary, { actor, ...(changes.length > 0 ? { detail: { corrections: changes } } : {}) }), ...accepted.entries],
      fields: { order: JSON.stringify(verdict.order) },
      // The customer hears of the order now: it was not read well enough to tell them before.
      jobs: [...accepted.jobs, ...newOrderNoticeJobs(runtime, stored.hubOrderId, accepted.status)],
      also: (multi) => multi.zrem(runtime.keys.reviewQueue(), stored.hubOrderId),
    };
  }, { known: stored });
  if (result.outcome === 'applied') {
    await runtime.audit.record(actor, 'accept order in review', stored.hubOrderId, { corrections: changes.length, target: verdict.target });
    await reserveStock(runtime, verdict.order);
    return { outcome: 'accepted', target: verdict.target };
  }
  return notApplied(result);
}

async function keepInReview(
  runtime: HubRuntime, stored: StoredOrder, verdict: Extract<Verdict, { ok: false }>, actor: string,
  changes: Array<{ field: string; read: string; corrected: string }>,
): Promise<ReviewOutcome> {
  await changeOrder(runtime, stored.hubOrderId, (current) => {
    if (current.status.state !== 'needs_review') return undefined;
    return {
      status: { ...current.status, review: { reasons: verdict.reasons } },
      entries: [timelineEntry('admin', `still needs review after ${changes.length > 0 ? `${changes.length} correction(s)` : 'a second look'}: ${verdict.reasons.length} problem(s)`, {
        actor, detail: { reasons: verdict.reasons, ...(changes.length > 0 ? { corrections: changes } : {}) },
      })],
      ...(verdict.candidate !== undefined ? { fields: { candidate: JSON.stringify(verdict.candidate) } } : {}),
    };
  }, { known: stored });
  return { outcome: 'still_in_review', reasons: verdict.reasons };
}

function notApplied(result: { outcome: string; stored?: StoredOrder }): ReviewOutcome {
  if (result.outcome === 'unchanged' && result.stored) return { outcome: 'not_in_review', state: result.stored.status.state };
  return { outcome: 'missing' };
}
