/**
 * What operators do about failures and targets, each action written to the audit log:
 * list failures with filters, preview and run a replay, discard a dead letter with a
 * reason, pause and resume a target's queue, list orders waiting for review.
 */
import type { DeadLetter } from '../store/dead-letters.js';
import { timelineEntry } from '../store/timeline.js';
import { deliverQueue } from './queue-names.js';
import { replayAll, type ReplayResult } from './replay.js';
import type { HubRuntime } from './runtime.js';

export interface FailureFilter {
  instance?: string;
  stage?: string;
  errorKind?: string;
  errorCode?: string;
  since?: string;
  until?: string;
}

export function matchesFilter(letter: DeadLetter, filter: FailureFilter): boolean {
  return (filter.instance === undefined || letter.instance === filter.instance)
    && (filter.stage === undefined || letter.stage === filter.stage)
    && (filter.errorKind === undefined || letter.errorKind === filter.errorKind)
    && (filter.errorCode === undefined || letter.errorCode === filter.errorCode)
    && (filter.since === undefined || letter.at >= filter.since)
    && (filter.until === undefined || letter.at <= filter.until);
}

export async function listFailures(runtime: HubRuntime, filter: FailureFilter, limit = 500): Promise<DeadLetter[]> {
  return (await runtime.deadLetters.list(10_000)).filter((l) => matchesFilter(l, filter)).slice(0, limit);
}

export interface ReplayPreview {
  count: number;
  items: Array<{ id: string; orderId: string; stage: string; instance: string; job: string; effect: string }>;
}

/** What a replay of the matching dead letters would do, without doing it. */
export async function previewReplay(runtime: HubRuntime, filter: FailureFilter): Promise<ReplayPreview> {
  const letters = await listFailures(runtime, filter, 10_000);
  return {
    count: letters.length,
    items: letters.map((l) => ({
      id: l.id, orderId: l.orderId, stage: l.stage, instance: l.instance, job: l.jobName,
      effect: l.stage === 'normalize' ? 'map and validate the order again, then route it'
        : l.stage === 'deliver' ? `deliver again to ${l.instance} (the delivery ledger prevents a second delivery)`
          : l.stage === 'payment' ? `settle the payment with ${l.instance} again (the gateway's idempotency keys prevent a second charge)`
          : `tell ${l.instance} again (notices already sent are skipped)`,
    })),
  };
}

export async function replayMatching(runtime: HubRuntime, filter: FailureFilter, actor: string): Promise<ReplayResult[]> {
  const replayed = await replayAll(runtime, (l) => matchesFilter(l, filter), actor);
  await runtime.audit.record(actor, 'replay', `${replayed.length} dead letter(s)`, { filter, ids: replayed.map((r) => r.id) });
  return replayed;
}

export async function discardDeadLetter(runtime: HubRuntime, id: string, reason: string, actor: string): Promise<DeadLetter | undefined> {
  const letter = await runtime.deadLetters.get(id);
  if (!letter) return undefined;
  await runtime.deadLetters.remove(id);
  const orders = letter.orderId.startsWith('batch:')
    ? await runtime.redis.lrange(runtime.keys.batchOrders(letter.instance, letter.orderId.slice('batch:'.length)), 0, -1)
    : letter.orderId === 'unknown' ? [] : [letter.orderId];
  const entry = timelineEntry(letter.stage, `dead letter discarded by ${actor}: ${reason}`, { instance: letter.instance, actor, detail: { error: letter.errorCode } });
  for (const orderId of orders) await runtime.store.appendTimeline(orderId, entry);
  await runtime.audit.record(actor, 'discard', id, { reason, orderId: letter.orderId, error: letter.errorCode });
  return letter;
}

/** Pauses or resumes a target's delivery queue (jobs wait; nothing is lost). */
export async function setTargetPaused(runtime: HubRuntime, target: string, paused: boolean, actor: string): Promise<boolean> {
  const instance = runtime.instances.get(target);
  if (!instance || !(instance.connector.deliver || instance.connector.deliverBatch)) return false;
  const queue = runtime.queues.get(deliverQueue(target));
  if (paused) await queue.pause();
  else await queue.resume();
  await runtime.audit.record(actor, paused ? 'pause' : 'resume', target);
  return true;
}

export async function reviewQueue(runtime: HubRuntime, limit = 200): Promise<Array<{ hubOrderId: string; since: string; reasons: string[]; source: string }>> {
  const entries = await runtime.redis.zrange(runtime.keys.reviewQueue(), '0', String(limit - 1), 'WITHSCORES');
  const rows: Array<{ hubOrderId: string; since: string; reasons: string[]; source: string }> = [];
  for (let i = 0; i < entries.length; i += 2) {
    const stored = await runtime.store.get(entries[i]!);
    if (!stored || stored.status.state !== 'needs_review') continue;
    rows.push({ hubOrderId: stored.hubOrderId, since: new Date(Number(entries[i + 1])).toISOString(), reasons: stored.status.review?.reasons ?? [], source: stored.source });
  }
  return rows;
}
