/**
 * The observed facts each rule kind is judged on, and how they are read from the
 * running hub: BullMQ queues (oldest waiting job, pending delivery jobs), circuit
 * breakers, dead letters, the review queue and the per-target attempt counters.
 * Facts carry timestamps, not ages, so the evaluator decides with its own clock.
 *
 * `order_stuck` is kept cheap: `accepted` looks at the pending jobs (waiting,
 * prioritized, delayed, active; the first 200 of each) of every deliver queue and
 * uses each job's creation time, which is when the order was accepted (or when its
 * batch was opened); orders sitting in a batch that is still open are not seen.
 * `needs_review` reads the oldest entries of the review queue's sorted set.
 * `ack_overdue` reads the sent documents past their due time (at most 200).
 */
import type { AlertRule } from '../config/hub-config.js';
import { readBreaker } from '../pipeline/circuit-breaker.js';
import { deliverQueue } from '../pipeline/queue-names.js';
import type { HubRuntime } from '../pipeline/runtime.js';
import { readTargetAttempts } from './attempt-counter.js';

export interface OpenCircuit {
  target: string;
  failures: number;
  lastError: string | undefined;
}

export type RuleFacts =
  | { kind: 'queue_age'; oldestWaitingAt: number | undefined }
  | { kind: 'failure_rate'; attempts: number; failures: number }
  | { kind: 'circuit_open'; open: OpenCircuit[] }
  | { kind: 'order_stuck'; since: number[] }
  | { kind: 'dead_letters'; perInstance: Record<string, number> }
  | { kind: 'ack_overdue'; overdue: OverdueAcknowledgement[] };

export interface OverdueAcknowledgement {
  instance: string;
  partner: string;
  document: string;
  hubOrderId: string | undefined;
  dueAt: number;
}

const PENDING_SCAN = 200;

export async function gatherFacts(runtime: HubRuntime, rule: AlertRule, now: number): Promise<RuleFacts> {
  switch (rule.kind) {
    case 'queue_age': return { kind: rule.kind, oldestWaitingAt: await oldestWaitingAt(runtime, rule.queue) };
    case 'failure_rate': return { kind: rule.kind, ...await readTargetAttempts(runtime.redis, runtime.keys.prefix, rule.target, rule.windowMs, now) };
    case 'circuit_open': return { kind: rule.kind, open: await openCircuits(runtime, rule.target) };
    case 'order_stuck': return { kind: rule.kind, since: rule.state === 'accepted' ? await pendingDeliverySince(runtime) : await reviewSince(runtime) };
    case 'dead_letters': return { kind: rule.kind, perInstance: await deadLettersPerInstance(runtime) };
    case 'ack_overdue': return { kind: rule.kind, overdue: await overdueAcknowledgements(runtime, now) };
  }
}

async function oldestWaitingAt(runtime: HubRuntime, queue: string): Promise<number | undefined> {
  const [oldest] = await runtime.queues.get(queue).getWaiting(0, 0);
  return oldest?.timestamp;
}

async function openCircuits(runtime: HubRuntime, target: string | undefined): Promise<OpenCircuit[]> {
  const targets = target === undefined ? [...runtime.instances.keys()] : [target];
  const open: OpenCircuit[] = [];
  for (const id of targets) {
    const breaker = await readBreaker(runtime, id);
    if (breaker.state === 'open') open.push({ target: id, failures: breaker.failures, lastError: breaker.lastError });
  }
  return open;
}

async function pendingDeliverySince(runtime: HubRuntime): Promise<number[]> {
  const since: number[] = [];
  for (const instance of runtime.instances.values()) {
    if (!instance.connector.deliver && !instance.connector.deliverBatch) continue;
    const jobs = await runtime.queues.get(deliverQueue(instance.id))
      .getJobs(['waiting', 'prioritized', 'delayed', 'active'], 0, PENDING_SCAN - 1, true);
    for (const job of jobs) if (job) since.push(job.timestamp);
  }
  return since;
}

async function reviewSince(runtime: HubRuntime): Promise<number[]> {
  const entries = await runtime.redis.zrange(runtime.keys.reviewQueue(), '0', String(PENDING_SCAN - 1), 'WITHSCORES');
  return entries.filter((_, i) => i % 2 === 1).map(Number);
}

async function deadLettersPerInstance(runtime: HubRuntime): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const letter of await runtime.deadLetters.list(10_000)) counts[letter.instance] = (counts[letter.instance] ?? 0) + 1;
  return counts;
}

async function overdueAcknowledgements(runtime: HubRuntime, now: number): Promise<OverdueAcknowledgement[]> {
  const records = await runtime.acknowledgements.awaiting({ dueBefore: now, limit: PENDING_SCAN });
  return records.map((r) => ({ instance: r.instance, partner: r.partner, document: r.document, hubOrderId: r.hubOrderId, dueAt: Date.parse(r.dueAt) }));
}
